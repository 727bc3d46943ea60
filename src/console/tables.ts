import { isAppError } from "../errors/app-error.js";
import { errorCodes } from "../errors/codes.js";
import { type Html, html } from "../render/html.js";
import { pageErrorMessage } from "../web/texts/index.js";
import type { ConsoleContext } from "./console-page.js";

/** What every section's pages share: lists as tables, statuses as badges, errors as messages, addresses. */

/**
 * A list as a table; `none` when it is empty. Each cell carries its column's name, so that on a phone
 * every row reads as a small card of labelled values (app.css).
 */
export function table(
  c: ConsoleContext,
  headers: readonly string[],
  rows: readonly (readonly (Html | string)[])[],
): Html {
  if (rows.length === 0) return html`<p class="muted">${c.t.common.none}</p>`;
  return html`<div class="scroll"><table class="list"><thead><tr>${headers.map((h) => html`<th scope="col">${h}</th>`)}</tr></thead>
<tbody>${rows.map((cells) => html`<tr>${cells.map((cell, i) => html`<td data-label="${headers[i] ?? ""}"><div class="cell">${cell}</div></td>`)}</tr>`)}</tbody></table></div>`;
}

/** A date in a table: on one line on a wide screen, wrapping on a phone's stacked rows. */
export function date(value: string): Html {
  return html`<span class="date">${value}</span>`;
}

/** A value that must not break across lines: an order number, a count. */
export function nowrap(value: string | number): Html {
  return html`<span class="nowrap">${String(value)}</span>`;
}

const badgeKinds: Record<string, string> = {
  provisioned: "ok",
  approved: "ok",
  sent: "ok",
  used: "ok",
  active: "ok",
  delivered: "ok",
  enabled: "ok",
  verified: "ok",
  lapsed: "warn",
  failed: "bad",
  failing: "warn",
  disabled: "neutral",
  awaiting_setup: "info",
  awaiting_admin_approval: "warn",
  pending: "warn",
  sending: "info",
  scheduled: "info",
  handed_over: "info",
  withdrawn: "neutral",
  full_admin: "info",
  dead: "bad",
  rejected: "bad",
  expired: "neutral",
  revoked: "neutral",
  cancelled: "neutral",
  closed: "neutral",
};

/** A status as a badge, in words; the code stays in the page's filters and in the API. */
export function statusBadge(c: ConsoleContext, status: string): Html {
  const words = c.t.status as Record<string, string>;
  return html`<span class="badge ${badgeKinds[status] ?? "neutral"}">${words[status] ?? status.replace(/_/g, " ")}</span>`;
}

/** The message of an AppError in the console's language; anything else is not ours to show. */
export function actionError(c: ConsoleContext, error: unknown): { message: string; status: number } {
  if (!isAppError(error)) throw error;
  return { message: pageErrorMessage(c.locale, error), status: errorCodes[error.code] };
}

/** `/console/x?a=1` with the language kept when it was chosen in the address. */
export function href(path: string, query: Record<string, string | undefined> = {}): string {
  const q = new URLSearchParams(
    Object.entries(query).filter((e): e is [string, string] => e[1] !== undefined && e[1] !== ""),
  );
  const s = q.toString();
  return s ? `${path}?${s}` : path;
}
