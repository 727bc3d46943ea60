import fastifyCookie from "@fastify/cookie";
import csrf from "@fastify/csrf-protection";
import formbody from "@fastify/formbody";
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { Config } from "../config.js";
import { isAppError, retryAfterOf } from "../errors/app-error.js";
import { type ErrorCode, type ErrorContext, errorCodes } from "../errors/codes.js";
import { html } from "../render/html.js";
import { pickLocale } from "../render/words.js";
import type { Locale } from "../vocabulary.js";
import { renderPage } from "./layout.js";
import { messages, pageErrorMessage } from "./texts/index.js";

/** The pages a scope serves: its CSRF secret is its own, in a cookie sent to its paths only. */
export type PageArea = {
  name: "setup" | "approval" | "console";
  path: "/setup" | "/admin-requests" | "/console";
};

/**
 * What every page scope needs: HTML forms (application/x-www-form-urlencoded, here only), a CSRF
 * secret in an HTTP-only SameSite cookie with a token in each form, and errors as pages, not JSON.
 * Each area (the wizard, the approval page, the console) has a secret of its own, so a token of one
 * never serves another.
 */
export async function pageScope(
  app: FastifyInstance,
  config: Pick<Config, "publicUrl">,
  area: PageArea,
): Promise<void> {
  await app.register(formbody, { bodyLimit: 64 * 1024 });
  await app.register(fastifyCookie);
  await app.register(csrf, {
    cookieKey: `provisio_csrf_${area.name}`,
    cookieOpts: {
      path: area.path,
      httpOnly: true,
      sameSite: "lax",
      secure: config.publicUrl.startsWith("https:"),
    },
    // Only the form field: a token in a header would be a second way in that no page uses.
    getToken: (request) => (request.body as { _csrf?: string } | undefined)?._csrf,
  });
  // Every form post carries the token of its page.
  app.addHook("preHandler", (request, reply, done) => {
    if (request.method === "POST") app.csrfProtection(request, reply, done);
    else done();
  });
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const code = errorCodeOf(error);
    if (code === "INTERNAL_ERROR") request.log.error({ err: error }, "unhandled error on a page");
    const locale = pickLocale(
      (request.query as { lang?: string } | undefined)?.lang,
      undefined,
      request.headers["accept-language"],
    );
    const retryAfter = retryAfterOf(error);
    if (retryAfter !== undefined) void reply.header("retry-after", String(retryAfter));
    return sendPage(
      reply,
      errorPage(locale, { code, context: isAppError(error) ? error.context : {} }),
      errorCodes[code],
    );
  });
}

export function errorCodeOf(error: { code?: string; statusCode?: number }): ErrorCode {
  if (isAppError(error)) return error.code;
  if (error.code === "FST_CSRF_INVALID_TOKEN" || error.code === "FST_CSRF_MISSING_SECRET")
    return "CSRF_INVALID";
  if (error.code === "FST_ERR_CTP_BODY_TOO_LARGE") return "PAYLOAD_TOO_LARGE";
  if (error.code === "FST_ERR_CTP_INVALID_MEDIA_TYPE") return "UNSUPPORTED_MEDIA_TYPE";
  if (error.statusCode !== undefined && error.statusCode >= 400 && error.statusCode < 500)
    return "VALIDATION_FAILED";
  return "INTERNAL_ERROR";
}

export function sendPage(reply: FastifyReply, page: string, status = 200): FastifyReply {
  return reply
    .status(status)
    .header("content-type", "text/html; charset=utf-8")
    .header("cache-control", "no-store")
    .send(page);
}

/** After a form: see the result at its own address (post, redirect, get). */
export function redirectAfterPost(reply: FastifyReply, location: string): FastifyReply {
  return reply.status(303).header("location", location).send();
}

/** A dead or unknown link, or anything else that leaves the person nowhere to go. */
export function errorPage(locale: Locale, error: { code: ErrorCode; context: ErrorContext }): string {
  const { code } = error;
  const t = messages(locale);
  const dead = code.startsWith("INVITATION_") || code === "ADMIN_REQUEST_EXPIRED";
  const title = code === "NOT_FOUND" ? t.errors.notFound : dead ? t.errors.dead : t.errors.title;
  const main = html`<h1>${title}</h1>
<div class="notice ${code === "INTERNAL_ERROR" || code === "NOT_READY" ? "warn" : "bad"}" role="alert"><p>${pageErrorMessage(locale, error)}</p></div>
${dead && html`<p>${t.errors.askNew}</p>`}`;
  return renderPage({ title, locale, main, narrow: true });
}

/** A page nobody serves, for a person's browser: where to go instead, in the browser's language. */
export function notFoundPage(request: FastifyRequest): string {
  const locale = pickLocale(langOf(request), undefined, request.headers["accept-language"]);
  const t = messages(locale).errors;
  const main = html`<h1>${t.pageNotFound}</h1>
<p>${t.pageNotFoundHint}</p>
<p><a href="/?lang=${locale}">${t.home}</a></p>`;
  return renderPage({ title: t.pageNotFound, locale, main, narrow: true });
}

/** The CSRF token for a form of this request. */
export function csrfToken(reply: FastifyReply): string {
  return reply.generateCsrf();
}

export function langOf(request: FastifyRequest): string | undefined {
  return (request.query as { lang?: string } | undefined)?.lang;
}
