import type { FastifyInstance } from "fastify";
import { listAuditEvents } from "../audit/audit.repository.js";
import { isId } from "../db/ids.js";
import type { Deps } from "../deps.js";
import { findOrderByNumber } from "../orders/orders.repository.js";
import { formatDateTime } from "../render/format.js";
import { html } from "../render/html.js";
import { consoleContext } from "./console-page.js";
import { actorWords, detailWords, namesFor, orderLink, subjectWords } from "./names.js";
import { date, href, table } from "./tables.js";

type AuditFilter = {
  subject?: string;
  orderId?: string;
  actor?: string;
  action?: string;
  from?: string;
  to?: string;
  before?: string;
};

const pageSize = 100;

/** The audit log, newest first, filtered by subject, order, actor, action and time; pages backwards. */
export function auditSection(app: FastifyInstance, deps: Deps): void {
  app.get<{ Querystring: AuditFilter }>("/console/audit", async (request, reply) => {
    const c = consoleContext(request, reply);
    const t = c.t;
    const f = request.query;
    const text = (v: string | undefined) => (v?.trim() ? v.trim().slice(0, 200) : undefined);
    const id = (v: string | undefined) => (v && isId(v.trim()) ? v.trim() : undefined);
    const day = (v: string | undefined, plusDays = 0) => {
      if (!v || !/^\d{4}-\d{2}-\d{2}$/.test(v.trim())) return undefined;
      const d = new Date(`${v.trim()}T00:00:00Z`);
      return Number.isNaN(d.getTime()) ? undefined : new Date(d.getTime() + plusDays * 86_400_000);
    };
    // An order by its number (what operators know), or by its id.
    const orderText = text(f.orderId);
    const orderId = orderText
      ? ((await findOrderByNumber(deps.db, orderText))?.id ?? id(orderText) ?? "0")
      : undefined;
    const events = await listAuditEvents(deps.db, {
      subjectId: text(f.subject),
      orderId,
      actor: text(f.actor),
      action: text(f.action),
      from: day(f.from),
      to: day(f.to, 1),
      before: id(f.before),
      limit: pageSize,
    });
    const names = await namesFor(deps.db, events);
    const input = (name: keyof AuditFilter, label: string, placeholder = "") =>
      html`<div class="field"><label for="f-${name}">${label}</label><input id="f-${name}" name="${name}" type="text" value="${f[name] ?? ""}" placeholder="${placeholder}"></div>`;
    const actions = Object.entries(t.action);
    const older =
      events.length === pageSize ? href("/console/audit", { ...f, before: events.at(-1)!.id }) : undefined;
    return c.page(
      t.audit.title,
      html`<h1>${t.audit.title}</h1>
<form method="get" action="/console/audit" class="search filters" role="search">
${input("subject", t.audit.subject)}
${input("orderId", t.audit.order)}
${input("actor", t.audit.actor, "operator:1")}
<div class="field"><label for="f-action">${t.audit.action}</label><select id="f-action" name="action"><option value="">${t.common.any}</option>${actions.map(
        ([code, words]) =>
          html`<option value="${code}"${code === f.action ? html` selected` : ""}>${words}</option>`,
      )}</select></div>
${input("from", t.audit.from, "2026-11-01")}
${input("to", t.audit.to, "2026-11-30")}
<p class="actions"><button type="submit">${t.audit.filter}</button></p>
</form>
${table(
  c,
  [t.common.when, t.common.who, t.common.what, t.audit.subjectColumn, t.common.details],
  events.map((e) => [
    date(formatDateTime(e.at, c.locale)),
    actorWords(c, names, e.actor),
    t.action[e.action] ?? e.action,
    html`${subjectWords(c, names, e)}${e.order_id && e.subject_type !== "order" ? html` · ${orderLink(names, e.order_id)}` : ""}`,
    detailWords(c, names, e),
  ]),
)}
${older && html`<p><a href="${older}">${t.common.more}</a></p>`}`,
    );
  });
}
