import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { Locale } from "../db/schema.js";
import type { Deps } from "../deps.js";
import { errorCodes, isAppError } from "../errors.js";
import { operatorOfSession, type SignedInOperator, signIn, signOut } from "../operators/sign-in.js";
import { field, form, notice } from "../web/components.js";
import { type Html, html } from "../web/html.js";
import { errorMessage, pickLocale } from "../web/i18n.js";
import { renderPage } from "../web/layout.js";
import { csrfToken, pageScope, redirectAfterPost, sendPage } from "../web/pages.js";
import { type ConsoleText, consoleText } from "./console-text.js";

const sessionCookie = "provisio_session";
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

/**
 * /console: sign-in, then the sections. Sessions live in an HTTP-only, SameSite=Strict cookie scoped
 * to /console (Secure over HTTPS) holding a 256-bit secret whose hash is in the database; every form
 * carries a CSRF token. Every page but the sign-in needs a live session.
 */
export async function consoleScope(
  app: FastifyInstance,
  deps: Deps,
  sections: (app: FastifyInstance) => void,
): Promise<void> {
  await pageScope(app, deps.config);
  const secure = deps.config.publicUrl.startsWith("https:");
  const cookieOptions = { path: "/console", httpOnly: true, sameSite: "strict" as const, secure };

  app.addHook("onRequest", async (request, reply) => {
    const path = request.url.split("?")[0]!;
    if (path === "/console/sign-in") return;
    const operator = await operatorOfSession(deps, request.cookies[sessionCookie]);
    if (operator) {
      request.operator = operator;
      return;
    }
    if (request.method === "GET")
      return reply.redirect(`/console/sign-in?next=${encodeURIComponent(request.url)}`, 303);
    return sendPage(
      reply,
      signInPage(request, reply, localeOf(request), consoleText(localeOf(request)).signIn.wrong),
      401,
    );
  });

  app.get("/console", async (_request, reply) => reply.redirect("/console/orders", 303));

  app.get("/console/sign-in", async (request, reply) =>
    sendPage(reply, signInPage(request, reply, localeOf(request))),
  );

  app.post<{ Body: Record<string, string | undefined>; Querystring: { next?: string } }>(
    "/console/sign-in",
    async (request, reply) => {
      const locale = localeOf(request);
      const t = consoleText(locale);
      try {
        const { token } = await signIn(deps, {
          email: request.body?.email ?? "",
          password: request.body?.password ?? "",
          ip: request.ip,
          previousToken: request.cookies[sessionCookie],
        });
        void reply.setCookie(sessionCookie, token, { ...cookieOptions, maxAge: 12 * 3600 });
        const next = request.query.next ?? "";
        return redirectAfterPost(
          reply,
          next.startsWith("/console/") && !next.startsWith("//") ? next : "/console/orders",
        );
      } catch (error) {
        if (!isAppError(error)) throw error;
        if (error.code === "RATE_LIMITED") {
          const retryAfter = (error.details as { retryAfterSeconds?: number } | undefined)?.retryAfterSeconds;
          if (retryAfter) void reply.header("retry-after", String(retryAfter));
          return sendPage(
            reply,
            signInPage(request, reply, locale, t.signIn.throttled, request.body?.email),
            429,
          );
        }
        if (error.code === "UNAUTHENTICATED") {
          return sendPage(
            reply,
            signInPage(request, reply, locale, t.signIn.wrong, request.body?.email),
            401,
          );
        }
        throw error;
      }
    },
  );

  app.post("/console/sign-out", async (request, reply) => {
    await signOut(deps, request.cookies[sessionCookie]);
    void reply.clearCookie(sessionCookie, cookieOptions);
    return redirectAfterPost(reply, "/console/sign-in?signedOut=1");
  });

  sections(app);
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
          languages: { it: languageLink("it"), en: languageLink("en") },
        }),
        status,
      ),
  };
}

function localeOf(request: FastifyRequest): Locale {
  const chosen = (request.query as { lang?: string } | undefined)?.lang;
  return pickLocale(
    chosen ?? request.cookies?.[languageCookie],
    undefined,
    request.headers["accept-language"],
  );
}

function signInPage(
  request: FastifyRequest,
  reply: FastifyReply,
  locale: Locale,
  error?: string,
  email?: string,
): string {
  const t = consoleText(locale);
  const next = (request.query as { next?: string } | undefined)?.next;
  const signedOut = (request.query as { signedOut?: string } | undefined)?.signedOut;
  const main = html`<h1>${t.signIn.title}</h1>
${error && notice("bad", error, "alert")}
${signedOut && !error && notice("ok", t.signIn.signedOut, "status")}
<p class="lead">${t.signIn.lead}</p>
<div class="panel">
${form(
  { action: `/console/sign-in${next ? `?next=${encodeURIComponent(next)}` : ""}`, csrf: csrfToken(reply) },
  field({
    name: "email",
    label: t.signIn.email,
    type: "email",
    value: email,
    required: true,
    autocomplete: "username",
    autofocus: true,
  }),
  field({
    name: "password",
    label: t.signIn.password,
    type: "password",
    required: true,
    autocomplete: "current-password",
  }),
  html`<p class="actions"><button type="submit">${t.signIn.submit}</button></p>`,
)}
</div>`;
  return renderPage({
    title: `${t.signIn.title} · ${t.title}`,
    locale,
    main,
    narrow: true,
    brandHref: "/console",
    languages: { it: "/console/sign-in?lang=it", en: "/console/sign-in?lang=en" },
  });
}

/** A list as a table; `none` when it is empty. */
export function table(
  c: ConsoleContext,
  headers: readonly string[],
  rows: readonly (readonly (Html | string)[])[],
): Html {
  if (rows.length === 0) return html`<p class="muted">${c.t.common.none}</p>`;
  return html`<div class="scroll"><table class="list"><thead><tr>${headers.map((h) => html`<th scope="col">${h}</th>`)}</tr></thead>
<tbody>${rows.map((cells) => html`<tr>${cells.map((cell) => html`<td>${cell}</td>`)}</tr>`)}</tbody></table></div>`;
}

const badgeKinds: Record<string, string> = {
  provisioned: "ok",
  approved: "ok",
  sent: "ok",
  used: "ok",
  active: "ok",
  delivered: "ok",
  enabled: "ok",
  failing: "warn",
  disabled: "neutral",
  awaiting_setup: "info",
  awaiting_admin_approval: "warn",
  pending: "warn",
  sending: "info",
  scheduled: "info",
  handed_over: "info",
  dead: "bad",
  rejected: "bad",
  expired: "neutral",
  revoked: "neutral",
  cancelled: "neutral",
  closed: "neutral",
};

/** A status code as a badge: operators see the API's own words, so what they read is what they can search. */
export function statusBadge(status: string): Html {
  return html`<span class="badge ${badgeKinds[status] ?? "neutral"}">${status.replace(/_/g, " ")}</span>`;
}

/** The message of an AppError in the console's language; anything else is not ours to show. */
export function actionError(c: ConsoleContext, error: unknown): { message: string; status: number } {
  if (!isAppError(error)) throw error;
  return { message: errorMessage(c.locale, error.code, error.message), status: errorCodes[error.code] };
}

/** `/console/x?a=1` with the language kept when it was chosen in the address. */
export function href(path: string, query: Record<string, string | undefined> = {}): string {
  const q = new URLSearchParams(
    Object.entries(query).filter((e): e is [string, string] => e[1] !== undefined && e[1] !== ""),
  );
  const s = q.toString();
  return s ? `${path}?${s}` : path;
}
