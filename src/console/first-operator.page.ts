import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { Deps } from "../deps.js";
import { AppError, isAppError } from "../errors/app-error.js";
import { createFirstOperator, isUsableSetupToken } from "../operators/first-operator.js";
import { html } from "../render/html.js";
import { field, form, notice } from "../web/components.js";
import { renderPage } from "../web/layout.js";
import { csrfToken, redirectAfterPost, sendPage } from "../web/pages.js";
import { pageErrorMessage } from "../web/texts/index.js";
import { localeOf } from "./console-page.js";
import { consoleText } from "./texts/index.js";

type Request = FastifyRequest<{ Params: { token: string }; Body?: Record<string, string | undefined> }>;

/**
 * `/console/setup/{token}`: the first operator, created from the one-time link a server with no
 * operator prints at start; then signed in (`signIn` sets the session cookie).
 */
export function firstOperatorPages(
  app: FastifyInstance,
  deps: Deps,
  signIn: (request: FastifyRequest, reply: FastifyReply, email: string, password: string) => Promise<void>,
): void {
  const page = (request: Request, reply: FastifyReply, error?: string, status = 200) => {
    const locale = localeOf(request);
    const t = consoleText(locale).firstOperator;
    const values = request.body ?? {};
    const main = html`<h1>${t.title}</h1>
${error && notice("bad", error, "alert")}
<p class="lead">${t.lead}</p>
<div class="panel">
${form(
  { action: `/console/setup/${encodeURIComponent(request.params.token)}`, csrf: csrfToken(reply) },
  field({
    name: "email",
    label: t.email,
    type: "email",
    value: values.email,
    required: true,
    autocomplete: "username",
    autofocus: true,
  }),
  field({ name: "name", label: t.name, value: values.name, maxlength: 200, autocomplete: "name" }),
  field({
    name: "password",
    label: t.password,
    type: "password",
    required: true,
    autocomplete: "new-password",
  }),
  html`<p class="actions"><button type="submit">${t.submit}</button></p>`,
)}
</div>`;
    return sendPage(
      reply,
      renderPage({ title: t.title, locale, main, narrow: true, brandHref: "/console" }),
      status,
    );
  };

  app.get("/console/setup/:token", async (request: Request, reply) => {
    if (!(await isUsableSetupToken(deps, request.params.token))) {
      throw new AppError("NOT_FOUND", { context: { about: "consoleSetup" } });
    }
    return page(request, reply);
  });

  app.post("/console/setup/:token", async (request: Request, reply) => {
    const body = request.body ?? {};
    const email = body.email ?? "";
    const password = body.password ?? "";
    try {
      await createFirstOperator(deps, request.params.token, {
        email,
        password,
        ...(body.name?.trim() ? { name: body.name } : {}),
      });
    } catch (error) {
      if (!isAppError(error) || error.code === "NOT_FOUND") throw error;
      return page(request, reply, pageErrorMessage(localeOf(request), error), 400);
    }
    await signIn(request, reply, email, password);
    return redirectAfterPost(reply, "/console/orders");
  });
}
