import type { FastifyReply, FastifyRequest } from "fastify";
import type { SignedInOperator } from "../operators/sign-in.js";
import { type Html, html } from "../render/html.js";
import { pickLocale } from "../render/words.js";
import type { Locale } from "../vocabulary.js";
import { renderPage } from "../web/layout.js";
import { csrfToken, sendPage } from "../web/pages.js";
import { type ConsoleText, consoleText } from "./texts/index.js";

const languageCookie = "provisio_lang";

/** Everything a console page knows about its request. */
export type ConsoleContext = {
  operator: SignedInOperator;
  locale: Locale;
  t: ConsoleText;
  csrf: () => string;
  /** Renders a console page: the top bar with the sections and the language switch. */
  page: (title: string, main: Html, status?: number) => FastifyReply;
};

export type ConsoleRoute = (
  request: FastifyRequest,
  reply: FastifyReply,
  c: ConsoleContext,
) => Promise<FastifyReply>;

declare module "fastify" {
  interface FastifyRequest {
    operator?: SignedInOperator;
  }
}

/** The context of a signed-in page; the language chosen with ?lang= is remembered in a cookie. */
export function consoleContext(request: FastifyRequest, reply: FastifyReply): ConsoleContext {
  const locale = localeOf(request);
  const chosen = (request.query as { lang?: string } | undefined)?.lang;
  if ((chosen === "it" || chosen === "en") && request.cookies[languageCookie] !== chosen) {
    void reply.setCookie(languageCookie, chosen, {
      path: "/console",
      httpOnly: true,
      sameSite: "strict",
      maxAge: 365 * 86400,
    });
  }
  const t = consoleText(locale);
  const operator = request.operator!;
  let token: string | undefined;
  const csrf = () => {
    token ??= csrfToken(reply);
    return token;
  };
  const path = request.url.split("?")[0]!;
  const query = new URLSearchParams((request.url.split("?")[1] ?? "").replace(/(^|&)lang=[^&]*/g, ""));
  const languageLink = (l: Locale) => {
    const q = new URLSearchParams(query);
    q.set("lang", l);
    return `${path}?${q}`;
  };
  const sections: [string, string][] = [
    ["/console/orders", t.nav.orders],
    ["/console/admin-requests", t.nav.requests],
    ["/console/organizations", t.nav.organizations],
    ["/console/outbox", t.nav.outbox],
    ["/console/webhooks", t.nav.webhooks],
    ["/console/audit", t.nav.audit],
  ];
  const nav = html`<nav aria-label="Console">${sections.map(([href, label]) =>
    path.startsWith(href)
      ? html`<a href="${href}" aria-current="page"><strong>${label}</strong></a>`
      : html`<a href="${href}">${label}</a>`,
  )}
<form method="post" action="/console/sign-out" class="inline"><input type="hidden" name="_csrf" value="${csrf()}"><button type="submit" class="secondary">${t.nav.signOut}</button></form></nav>`;
  return {
    operator,
    locale,
    t,
    csrf,
    page: (title, main, status = 200) =>
      sendPage(
        reply,
        renderPage({
          title: `${title} · ${t.title}`,
          locale,
          main,
          nav,
          brandHref: "/console",
          wide: true,
          languages: { it: languageLink("it"), en: languageLink("en") },
        }),
        status,
      ),
  };
}

/** The console's language: `?lang=`, then the one remembered, then the browser's. */
export function localeOf(request: FastifyRequest): Locale {
  const chosen = (request.query as { lang?: string } | undefined)?.lang;
  return pickLocale(
    chosen ?? request.cookies?.[languageCookie],
    undefined,
    request.headers["accept-language"],
  );
}

/**
 * Where to go after signing in: a console address given in `?next=`, as printable ASCII of a URL path
 * and query (no line break, no backslash, nothing that leaves /console), else the orders.
 */
export function consolePath(next: unknown): string {
  if (
    typeof next === "string" &&
    /^\/console\/[A-Za-z0-9\-._~!$&'()*+,;=:@%/?]*$/.test(next) &&
    !next.includes("//")
  ) {
    return next;
  }
  return "/console/orders";
}
