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

/**
 * A label and its value in the e-mail's table of facts. A value someone typed (a name, an e-mail, an
 * organization name or a reason entered in the wizard, the approval page or the console) is `typed`:
 * it is shown only there, in quotes and set apart, never inside the e-mail's own sentences.
 */
export type Fact = [label: string, value: string] | [label: string, value: string, typed: "typed"];

/** One e-mail's content, laid out as HTML and plain text by render-mail.ts, so the two always say the same. */
export type MailContent = {
  subject: string;
  heading: string;
  paragraphs: string[];
  /** Label and value pairs shown as a small table. */
  facts: Fact[];
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
