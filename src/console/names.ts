import type { Kysely } from "kysely";
import { isId } from "../db/ids.js";
import type { AuditEvent, Database } from "../db/schema.js";
import { type Html, html } from "../render/html.js";
import type { ConsoleContext } from "./console-page.js";
import { nowrap } from "./tables.js";

/**
 * The names behind the codes of the audit log: who `operator:1`, `setup-link:5`, `approval-link:3` and
 * `user:7` are, the number of an order, the name of an organization. Read in one query per kind for a
 * whole page of events.
 */
export type Names = {
  actors: Map<string, string>;
  orders: Map<string, string>;
  organizations: Map<string, string>;
};

export async function namesFor(
  db: Kysely<Database>,
  events: readonly Pick<AuditEvent, "actor" | "order_id" | "subject_type" | "subject_id" | "details">[],
  extra: { orderIds?: readonly string[] } = {},
): Promise<Names> {
  const ids = (prefix: string) =>
    [
      ...new Set(
        events.flatMap((e) => (e.actor.startsWith(`${prefix}:`) ? [e.actor.slice(prefix.length + 1)] : [])),
      ),
    ].filter(isId);
  const operators = ids("operator");
  const invitations = ids("setup-link");
  const approvers = ids("approval-link");
  const users = ids("user");
  const orderIds = [
    ...new Set([
      ...events.flatMap((e) => (e.order_id ? [e.order_id] : [])),
      ...events.flatMap((e) => (e.subject_type === "order" ? [e.subject_id] : [])),
      ...(extra.orderIds ?? []),
    ]),
  ].filter(isId);
  const organizationIds = [
    ...new Set(
      events.flatMap((e) =>
        Object.entries(e.details ?? {}).flatMap(([k, v]) =>
          k.toLowerCase().includes("organizationid") ? (Array.isArray(v) ? v.map(String) : [String(v)]) : [],
        ),
      ),
    ),
  ].filter(isId);
  const [ops, invs, apps, usrs, ords, orgs] = await Promise.all([
    operators.length
      ? db.selectFrom("operators").select(["id", "email", "name"]).where("id", "in", operators).execute()
      : [],
    invitations.length
      ? db.selectFrom("invitations").select(["id", "contact_email"]).where("id", "in", invitations).execute()
      : [],
    approvers.length
      ? db
          .selectFrom("admin_request_approvers")
          .select(["id", "email"])
          .where("id", "in", approvers)
          .execute()
      : [],
    users.length ? db.selectFrom("users").select(["id", "email"]).where("id", "in", users).execute() : [],
    orderIds.length
      ? db.selectFrom("orders").select(["id", "order_number"]).where("id", "in", orderIds).execute()
      : [],
    organizationIds.length
      ? db.selectFrom("organizations").select(["id", "name"]).where("id", "in", organizationIds).execute()
      : [],
  ]);
  const actors = new Map<string, string>();
  for (const o of ops) actors.set(`operator:${o.id}`, o.name ? `${o.name} (${o.email})` : o.email);
  for (const i of invs) actors.set(`setup-link:${i.id}`, i.contact_email);
  for (const a of apps) actors.set(`approval-link:${a.id}`, a.email);
  for (const u of usrs) actors.set(`user:${u.id}`, u.email);
  return {
    actors,
    orders: new Map(ords.map((o) => [o.id, o.order_number])),
    organizations: new Map(orgs.map((o) => [o.id, o.name])),
  };
}

/** An audit actor in words: "Operator Olga (olga@…)", "Contact carla@…", "Ordering system (API)". */
export function actorWords(c: ConsoleContext, names: Names, actor: string): string {
  const { t } = c;
  if (actor === "api") return t.actor.api;
  if (actor === "system") return t.actor.system;
  if (actor === "outbox") return t.actor.outbox;
  const who = names.actors.get(actor);
  if (!who) return actor;
  if (actor.startsWith("operator:")) return t.actor.operator(who);
  if (actor.startsWith("setup-link:")) return t.actor.contact(who);
  return t.actor.administrator(who);
}

/** An audit subject in words, linked where the console has a page for it. */
export function subjectWords(
  c: ConsoleContext,
  names: Names,
  e: Pick<AuditEvent, "subject_type" | "subject_id">,
): Html {
  const { t } = c;
  switch (e.subject_type) {
    case "order":
      return html`<a href="/console/orders/${e.subject_id}">${nowrap(t.subject.order(names.orders.get(e.subject_id) ?? e.subject_id))}</a>`;
    case "admin_request":
      return html`<a href="/console/admin-requests/${e.subject_id}">${t.subject.admin_request(e.subject_id)}</a>`;
    case "invitation":
      return html`${t.subject.invitation(e.subject_id)}`;
    case "outbox_message":
      return html`${t.subject.outbox_message(e.subject_id)}`;
    case "operator":
      return html`${t.subject.operator(e.subject_id)}`;
    default:
      return html`${e.subject_type} ${e.subject_id}`;
  }
}

/** An order by its number, linked to its page. */
export function orderLink(names: Names, orderId: string): Html {
  return html`<a href="/console/orders/${orderId}">${nowrap(names.orders.get(orderId) ?? orderId)}</a>`;
}

/** An audit event's details as labelled words; organizations by name, linked to their page. */
export function detailWords(c: ConsoleContext, names: Names, e: Pick<AuditEvent, "details">): Html {
  const { t } = c;
  const value = (key: string, v: unknown): Html | string => {
    if (key.toLowerCase().includes("organizationid")) {
      const ids = Array.isArray(v) ? v.map(String) : [String(v)];
      return html`${ids.map((id, i) => html`${i ? ", " : ""}<a href="/console/organizations/${id}">${names.organizations.get(id) ?? id}</a>`)}`;
    }
    if (typeof v === "boolean") return v ? t.yes : t.no;
    if (key === "scenario" && typeof v === "string") return (t.scenario as Record<string, string>)[v] ?? v;
    if (key === "outcome" && typeof v === "string") return t.outcome[v] ?? v;
    if (key === "status" && typeof v === "string") return (t.status as Record<string, string>)[v] ?? v;
    if (key === "decision" && typeof v === "object" && v !== null) {
      const decision = v as { type?: string; organizationId?: string };
      return decision.type === "existing" && decision.organizationId
        ? html`${t.decision.existing} <a href="/console/organizations/${decision.organizationId}">${names.organizations.get(decision.organizationId) ?? decision.organizationId}</a>`
        : t.decision.new;
    }
    if (key === "routedTo") return v === "operators" ? t.requests.operators : t.requests.administrators;
    if (key === "template" && typeof v === "string") return (t.template as Record<string, string>)[v] ?? v;
    if (key === "sendAt" || key === "expiresAt")
      return typeof v === "string" ? v.slice(0, 16).replace("T", " ") : String(v);
    return typeof v === "string" ? v : JSON.stringify(v);
  };
  const parts = Object.entries(e.details ?? {})
    .filter(([k, v]) => v !== null && v !== undefined && v !== "" && !(k === "organizationName"))
    .filter(([, v]) => !(Array.isArray(v) && v.length === 0))
    .map(([k, v]) => html`${t.detail[k] ?? k}: ${value(k, v)}`);
  return html`${parts.map((p, i) => html`${i ? html`<br>` : ""}${p}`)}`;
}
