import type { Locale } from "../../vocabulary.js";

/** The secret link an e-mail carries, minted when it is sent. */
export type MintedLink = { url: string; expiresAt: Date };

export type MailContext = {
  locale: Locale;
  /** The time zone the e-mail's times are shown in: its order's. */
  timeZone: string;
  portalUrl: string;
  link: MintedLink | undefined;
};

/** One e-mail's content, laid out as HTML and plain text by render-mail.ts, so the two always say the same. */
export type MailContent = {
  subject: string;
  heading: string;
  paragraphs: string[];
  /** Label and value pairs shown as a small table. */
  facts: [string, string][];
  action?: { label: string; url: string };
  /** Shown under the button: expiry, what to do if the e-mail was not expected. */
  note?: string;
};

/** An e-mail: written once, in the language of the context, from its outbox row's params. */
export type Template<P> = (params: P, context: MailContext) => MailContent;

export function requireLink(context: MailContext): MintedLink {
  if (!context.link) throw new Error("this e-mail needs its link");
  return context.link;
}
