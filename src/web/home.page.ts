import type { FastifyInstance } from "fastify";
import { html } from "../render/html.js";
import { pickLocale } from "../render/words.js";
import { renderPage } from "./layout.js";
import { sendPage } from "./pages.js";
import { messages } from "./texts/index.js";

/** `/`: what this service is, for someone who arrives without a link. */
export function homePage(app: FastifyInstance): void {
  app.get<{ Querystring: { lang?: string } }>("/", { schema: { hide: true } }, async (request, reply) => {
    const locale = pickLocale(request.query.lang, undefined, request.headers["accept-language"]);
    const t = messages(locale).home;
    const main = html`<h1>${t.title}</h1><p class="lead">${t.lead}</p><div class="panel"><p>${t.link}</p></div>
<p class="small"><a href="/docs">${t.docs}</a></p>`;
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
