import type { FastifyInstance } from "fastify";
import { html } from "./html.js";
import { pickLocale } from "./i18n.js";
import { renderPage } from "./layout.js";
import { sendPage } from "./pages.js";

const text = {
  en: {
    title: "Subscription setup",
    lead: "Provisio maps new subscriptions to the right organization, and never makes anyone administrator of an existing organization without its administrator's approval.",
    link: "If you received a setup or approval e-mail, open the link in it: it is personal and leads straight to your page.",
    docs: "Integration API",
  },
  it: {
    title: "Configurazione degli abbonamenti",
    lead: "Provisio associa i nuovi abbonamenti all'organizzazione giusta e non rende mai nessuno amministratore di un'organizzazione esistente senza l'approvazione del suo amministratore.",
    link: "Se hai ricevuto un'e-mail di configurazione o di approvazione, apri il link che contiene: è personale e porta direttamente alla tua pagina.",
    docs: "API di integrazione",
  },
} as const;

/** `/`: what this service is, for someone who arrives without a link. */
export function homePage(app: FastifyInstance): void {
  app.get<{ Querystring: { lang?: string } }>("/", { schema: { hide: true } }, async (request, reply) => {
    const locale = pickLocale(request.query.lang, undefined, request.headers["accept-language"]);
    const t = text[locale];
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
