import { type Html, html } from "../render/html.js";
import type { Locale } from "../vocabulary.js";
import { type TemplateName, type TemplateParams, templates } from "./templates/index.js";
import { labels } from "./templates/labels.js";
import type { MailContent, MailContext, Template } from "./templates/template.js";

export type RenderedMail = { subject: string; text: string; html: string; links: string[] };

/** One outbox row as the recipient reads it. */
export function renderMail<T extends TemplateName>(
  template: T,
  params: TemplateParams[T],
  context: MailContext,
): RenderedMail {
  const content = (templates[template] as Template<TemplateParams[T]>)(params, context);
  return {
    subject: content.subject,
    text: textOf(content, context.locale),
    html: htmlOf(content, context.locale).value,
    links: content.action ? [content.action.url] : [],
  };
}

/** A typed value between the language's quotation marks. */
function quoted(value: string, locale: Locale): string {
  return locale === "it" ? `«${value}»` : `“${value}”`;
}

function hasTyped(c: MailContent): boolean {
  return c.facts.some((f) => f[2] === "typed");
}

function textOf(c: MailContent, locale: Locale): string {
  const width = Math.max(...c.facts.map(([label]) => label.length));
  return [
    c.heading,
    "",
    ...c.paragraphs.flatMap((p) => [p, ""]),
    ...c.facts.map(
      ([label, value, typed]) => `${`${label}:`.padEnd(width + 2)}${typed ? quoted(value, locale) : value}`,
    ),
    ...(hasTyped(c) ? ["", labels[locale].typedNote] : []),
    "",
    ...(c.action ? [`${c.action.label}: ${c.action.url}`, ""] : []),
    ...(c.note ? [c.note, ""] : []),
    "-- ",
    "Provisio",
  ].join("\n");
}

// E-mail clients ignore style sheets: inline styles, a table layout, one button.
function htmlOf(c: MailContent, locale: Locale): Html {
  return html`<!doctype html>
<html lang="${locale}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${c.subject}</title></head>
<body style="margin:0;padding:0;background:#f3f4f6;font-family:-apple-system,'Segoe UI',Roboto,Helvetica,Arial,sans-serif;color:#1f2937">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="background:#f3f4f6;padding:24px 12px">
<tr><td align="center">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="max-width:560px;background:#ffffff;border-radius:8px;border:1px solid #e5e7eb">
<tr><td style="padding:20px 28px;border-bottom:3px solid #1d4ed8;font-weight:700;font-size:18px;color:#1d4ed8">Provisio</td></tr>
<tr><td style="padding:24px 28px">
<h1 style="margin:0 0 16px;font-size:22px;line-height:1.3;color:#111827">${c.heading}</h1>
${c.paragraphs.map((p) => html`<p style="margin:0 0 14px;font-size:15px;line-height:1.55">${p}</p>`)}
<table role="presentation" cellpadding="0" cellspacing="0" style="margin:8px 0 20px;font-size:14px;border-collapse:collapse">
${c.facts.map(
  ([label, value, typed]) =>
    html`<tr><td style="padding:4px 16px 4px 0;color:#6b7280;vertical-align:top;white-space:nowrap">${label}</td><td style="padding:4px 0;font-weight:600">${
      typed
        ? html`<span style="font-weight:400;font-family:Menlo,Consolas,monospace;font-size:13px;background:#f3f4f6;border:1px solid #e5e7eb;border-radius:4px;padding:1px 6px;word-break:break-all">${quoted(value, locale)}</span>`
        : value
    }</td></tr>`,
)}
</table>
${hasTyped(c) && html`<p style="margin:-12px 0 20px;font-size:12px;color:#6b7280">${labels[locale].typedNote}</p>`}
${
  c.action &&
  html`<p style="margin:0 0 20px"><a href="${c.action.url}" style="display:inline-block;background:#1d4ed8;color:#ffffff;text-decoration:none;font-weight:600;padding:12px 22px;border-radius:6px;font-size:15px">${c.action.label}</a></p>
<p style="margin:0 0 14px;font-size:12px;color:#6b7280;word-break:break-all">${c.action.url}</p>`
}
${c.note && html`<p style="margin:0;font-size:13px;color:#4b5563;line-height:1.5">${c.note}</p>`}
</td></tr>
</table>
</td></tr>
</table>
</body>
</html>`;
}
