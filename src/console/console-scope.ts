import type { FastifyInstance } from "fastify";
import type { Deps } from "../deps.js";
import { isAppError } from "../errors/app-error.js";
import { operatorOfSession, signIn, signOut } from "../operators/sign-in.js";
import { pageScope, redirectAfterPost, sendPage } from "../web/pages.js";
import { consolePath, localeOf } from "./console-page.js";
import { firstOperatorPages } from "./first-operator.page.js";
import { signInPage } from "./sign-in.page.js";
import { consoleText } from "./texts/index.js";

const sessionCookie = "provisio_session";

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
  await pageScope(app, deps.config, { name: "console", path: "/console" });
  const secure = deps.config.publicUrl.startsWith("https:");
  const cookieOptions = { path: "/console", httpOnly: true, sameSite: "strict" as const, secure };

  app.addHook("onRequest", async (request, reply) => {
    const path = request.url.split("?")[0]!;
    if (path === "/console/sign-in" || path.startsWith("/console/setup/")) return;
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

  firstOperatorPages(app, deps, async (request, reply, email, password) => {
    const { token } = await signIn(deps, {
      email,
      password,
      ip: request.ip,
      previousToken: request.cookies[sessionCookie],
    });
    void reply.setCookie(sessionCookie, token, { ...cookieOptions, maxAge: 12 * 3600 });
  });

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
        const next = consolePath(request.query.next);
        return redirectAfterPost(reply, next);
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
