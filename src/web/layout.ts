import { type Html, html } from "../render/html.js";
import type { Locale } from "../vocabulary.js";
import { stylesheetHref } from "./assets.js";

export type PageOptions = {
  title: string;
  locale: Locale;
  main: Html;
  /** Narrow column for forms and short pages. */
  narrow?: boolean;
  /** A wide page for tables (the console). */
  wide?: boolean;
  /** Links in the top bar (the console's sections). */
  nav?: Html;
  /** Where the same page is in each language; no switch when absent. */
  languages?: Record<Locale, string>;
  brandHref?: string;
};

const languageNames: Record<Locale, string> = { it: "Italiano", en: "English" };

/** The one page shell: top bar, language switch, skip link, main, style sheet. No script anywhere. */
export function renderPage(o: PageOptions): string {
  return html`<!doctype html>
<html lang="${o.locale}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${o.title} · Provisio</title>
<link rel="stylesheet" href="${stylesheetHref}">
</head>
<body${o.wide ? html` class="wide"` : ""}>
<a class="skip" href="#main">${o.locale === "it" ? "Vai al contenuto" : "Skip to content"}</a>
<header class="topbar"><div class="topbar-inner">
<a class="brand" href="${o.brandHref ?? "/"}">Provisio</a>
${o.nav}
${
  o.languages &&
  html`<nav class="lang" aria-label="${o.locale === "it" ? "Lingua" : "Language"}">${(
    ["it", "en"] as const
  ).map((l) =>
    l === o.locale
      ? html`<span aria-current="true" lang="${l}">${languageNames[l]}</span>`
      : html`<a href="${o.languages![l]}" lang="${l}" hreflang="${l}">${languageNames[l]}</a>`,
  )}</nav>`
}
</div></header>
<main id="main" tabindex="-1"${o.narrow ? html` class="narrow"` : ""}>
${o.main}
</main>
</body>
</html>
`.value;
}
