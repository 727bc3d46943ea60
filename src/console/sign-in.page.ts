import type { FastifyReply, FastifyRequest } from "fastify";
import { html } from "../render/html.js";
import type { Locale } from "../vocabulary.js";
import { field, form, notice } from "../web/components.js";
import { renderPage } from "../web/layout.js";
import { csrfToken } from "../web/pages.js";
import { consolePath } from "./console-page.js";
import { consoleText } from "./texts/index.js";

/** The sign-in form, with what went wrong when it did; `?next=` is kept for after signing in. */
export function signInPage(
  request: FastifyRequest,
  reply: FastifyReply,
  locale: Locale,
  error?: string,
  email?: string,
): string {
  const t = consoleText(locale);
  const given = (request.query as { next?: string } | undefined)?.next;
  const next = given === undefined ? undefined : consolePath(given);
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
