import { isAppError } from "../errors/app-error.js";
import { errorCodes } from "../errors/codes.js";
import { type Html, html } from "../render/html.js";
import { pageErrorMessage } from "../web/texts/index.js";
import type { ConsoleContext } from "./console-page.js";

/** What every section's pages share: lists as tables, statuses as badges, errors as messages, addresses. */

/** A list as a table; `none` when it is empty. */
export function table(
  c: ConsoleContext,
  headers: readonly string[],
  rows: readonly (readonly (Html | string)[])[],
): Html {
  if (rows.length === 0) return html`<p class="muted">${c.t.common.none}</p>`;
  return html`<div class="scroll"><table class="list"><thead><tr>${headers.map((h) => html`<th scope="col">${h}</th>`)}</tr></thead>
<tbody>${rows.map((cells) => html`<tr>${cells.map((cell) => html`<td>${cell}</td>`)}</tr>`)}</tbody></table></div>`;
}

const badgeKinds: Record<string, string> = {
  provisioned: "ok",
  approved: "ok",
  sent: "ok",
  used: "ok",
  active: "ok",
  delivered: "ok",
  enabled: "ok",
  failing: "warn",
  disabled: "neutral",
  awaiting_setup: "info",
  awaiting_admin_approval: "warn",
  pending: "warn",
  sending: "info",
  scheduled: "info",
  handed_over: "info",
  dead: "bad",
  rejected: "bad",
  expired: "neutral",
  revoked: "neutral",
  cancelled: "neutral",
  closed: "neutral",
};

/** A status code as a badge: operators see the API's own words, so what they read is what they can search. */
export function statusBadge(status: string): Html {
  return html`<span class="badge ${badgeKinds[status] ?? "neutral"}">${status.replace(/_/g, " ")}</span>`;
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
