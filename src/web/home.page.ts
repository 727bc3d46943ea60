import type { FastifyInstance } from "fastify";
import { html } from "../render/html.js";
import { pickLocale } from "../render/words.js";
import { renderPage } from "./layout.js";
import { sendPage } from "./pages.js";
import { messages } from "./texts/index.js";

/**
 * `/`: what this service is, for someone who arrives without a link, and the way to what this server
 * offers a person: the development mailbox (when it is shown) and the operator console.
 */
export function homePage(app: FastifyInstance, options: { mailbox: boolean }): void {
  app.get<{ Querystring: { lang?: string } }>("/", { schema: { hide: true } }, async (request, reply) => {
    const locale = pickLocale(request.query.lang, undefined, request.headers["accept-language"]);
    const t = messages(locale).home;
    const main = html`<h1>${t.title}</h1><p class="lead">${t.lead}</p><div class="panel"><p>${t.link}</p></div>
<h2>${t.tools}</h2>
<ul class="links">
${options.mailbox && html`<li><a href="/dev/mailbox">${t.mailbox}</a></li>`}
<li><a href="/console?lang=${locale}">${t.console}</a></li>
<li><a href="/docs">${t.docs}</a></li>
</ul>`;
    return sendPage(
      reply,
      renderPage({
        title: t.title,
        locale,
        main,
        narrow: true,
        languages: { it: "/?lang=it", en: "/?lang=en" },
      }),
    );
  });
}

/** `/portal` when PORTAL_URL is unset: where the welcome e-mail's "Sign in" leads, saying there is no service here. */
export function portalPage(app: FastifyInstance): void {
  app.get<{ Querystring: { lang?: string } }>(
    "/portal",
    { schema: { hide: true } },
    async (request, reply) => {
      const locale = pickLocale(request.query.lang, undefined, request.headers["accept-language"]);
      const t = messages(locale);
      const main = html`<h1>${t.portal.title}</h1><p class="lead">${t.portal.lead}</p>
<div class="notice info"><p>${t.portal.demo}</p></div>
<p><a href="/?lang=${locale}">${t.errors.home}</a></p>`;
      return sendPage(
        reply,
        renderPage({
          title: t.portal.title,
          locale,
          main,
          narrow: true,
          languages: { it: "/portal?lang=it", en: "/portal?lang=en" },
        }),
      );
    },
  );
}
