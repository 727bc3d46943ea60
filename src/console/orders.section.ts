import type { FastifyInstance } from "fastify";
import { listAuditEvents } from "../audit/audit.repository.js";
import type { Deps } from "../deps.js";
import { findOrganization } from "../directory/directory.repository.js";
import { listOutboxMessages } from "../mail/outbox.repository.js";
import { cancelOrder } from "../orders/cancel-order.js";
import { getOrder } from "../orders/get-order.js";
import { resendInvitation } from "../orders/resend-invitation.js";
import { formatDateTime } from "../render/format.js";
import { type Html, html } from "../render/html.js";
import { orderStatus } from "../vocabulary.js";
import { facts, field, form, notice, services } from "../web/components.js";
import { redirectAfterPost } from "../web/pages.js";
import { listAdminRequests, listInvitations, searchOrders } from "./console.repository.js";
import { type ConsoleContext, consoleContext } from "./console-page.js";
import { actorWords, detailWords, namesFor } from "./names.js";
import { actionError, date, href, nowrap, statusBadge, table } from "./tables.js";

const orderStatuses = orderStatus.options;

type Id = { id: string };
type Done = { done?: string };

/** Orders: search, the detail with its timeline, and the actions before the point of no return. */
export function ordersSection(app: FastifyInstance, deps: Deps): void {
  app.get<{ Querystring: { q?: string; status?: string } }>("/console/orders", async (request, reply) => {
    const c = consoleContext(request, reply);
    const q = request.query.q?.trim() ?? "";
    const status = orderStatuses.find((s) => s === request.query.status);
    const orders = await searchOrders(deps.db, { q, ...(status ? { status } : {}), limit: 50 });
    const t = c.t;
    return c.page(
      t.orders.title,
      html`<h1>${t.orders.title}</h1>
<form method="get" action="/console/orders" class="search" role="search">
<div class="field"><label for="q">${t.orders.search}</label><input id="q" name="q" type="search" value="${q}" autofocus></div>
<div class="field"><label for="status">${t.common.status}</label><select id="status" name="status"><option value="">${t.common.any}</option>${orderStatuses.map(
        (s) => html`<option value="${s}"${s === status ? html` selected` : ""}>${t.status[s]}</option>`,
      )}</select></div>
<p class="actions"><button type="submit">${t.common.search}</button></p>
</form>
${table(
  c,
  [t.common.order, t.common.status, t.orders.contact, t.common.organization, t.common.created],
  orders.map((o) => [
    html`<a href="/console/orders/${o.id}">${nowrap(o.order_number)}</a>`,
    statusBadge(c, o.status),
    o.contact_email ?? "",
    o.organization_name ?? "",
    date(formatDateTime(o.created_at, c.locale)),
  ]),
)}`,
    );
  });

  app.get<{ Params: Id; Querystring: Done }>("/console/orders/:id", async (request, reply) => {
    const c = consoleContext(request, reply);
    const done = request.query.done;
    const ok =
      done === "resent" ? c.t.orders.resent : done === "cancelled" ? c.t.orders.cancelled : undefined;
    return orderPage(c, deps, request.params.id, ok ? notice("ok", ok, "status") : undefined);
  });

  app.post<{ Params: Id; Body: { contactEmail?: string } }>(
    "/console/orders/:id/resend",
    async (request, reply) => {
      const contactEmail = request.body?.contactEmail?.trim();
      try {
        await resendInvitation(
          deps,
          request.params.id,
          contactEmail ? { contactEmail } : {},
          `operator:${request.operator!.id}`,
        );
        return redirectAfterPost(reply, `/console/orders/${request.params.id}?done=resent`);
      } catch (error) {
        const c = consoleContext(request, reply);
        const { message, status } = actionError(c, error);
        return orderPage(c, deps, request.params.id, notice("bad", message, "alert"), status);
      }
    },
  );

  app.post<{ Params: Id }>("/console/orders/:id/cancel", async (request, reply) => {
    try {
      await cancelOrder(deps, request.params.id, `operator:${request.operator!.id}`);
      return redirectAfterPost(reply, `/console/orders/${request.params.id}?done=cancelled`);
    } catch (error) {
      const c = consoleContext(request, reply);
      const { message, status } = actionError(c, error);
      return orderPage(c, deps, request.params.id, notice("bad", message, "alert"), status);
    }
  });
}

async function orderPage(c: ConsoleContext, deps: Deps, id: string, banner?: Html, status = 200) {
  const t = c.t;
  const { order, subscriptions } = await getOrder(deps, id);
  const [invitations, requests, events, mails, organization] = await Promise.all([
    listInvitations(deps.db, order.id),
    listAdminRequests(deps.db, { orderId: order.id, limit: 50 }),
    listAuditEvents(deps.db, { orderId: order.id, limit: 200 }),
    listOutboxMessages(deps.db, { orderId: order.id, limit: 100 }),
    order.organization_id ? findOrganization(deps.db, order.organization_id) : undefined,
  ]);
  const open = order.status === "awaiting_setup" || order.status === "awaiting_admin_approval";
  const contact = invitations.at(-1);
  const names = await namesFor(deps.db, events);
  const timeline = [
    ...events.map((e) => ({
      at: e.at,
      who: actorWords(c, names, e.actor),
      what: html`${t.action[e.action] ?? e.action}`,
      details: detailWords(c, names, e),
    })),
    ...mails.map((m) => ({
      at: m.sent_at ?? m.updated_at,
      who: t.actor.outbox,
      what: html`${t.template[m.template as keyof typeof t.template] ?? m.template} ${statusBadge(c, m.status)}`,
      details: html`${t.outbox.to}: ${m.recipient}${m.attempts > 1 ? ` · ${t.outbox.attempts}: ${m.attempts}` : ""}${m.last_error ? ` · ${m.last_error}` : ""}`,
    })),
  ].sort((a, b) => b.at.getTime() - a.at.getTime());

  return c.page(
    `${t.common.order} ${order.order_number}`,
    html`<h1>${t.common.order} ${order.order_number} ${statusBadge(c, order.status)}</h1>
${banner}
<section class="panel">
${facts([
  [t.common.scenario, t.scenario[order.scenario ?? "none"]],
  [t.orders.contact, contact ? contact.contact_email : "—"],
  [
    t.orders.mappedTo,
    order.organization_id
      ? html`<a href="/console/organizations/${order.organization_id}">${organization?.name ?? order.organization_id}</a>`
      : "—",
  ],
  [t.common.created, formatDateTime(order.created_at, c.locale)],
  [t.orders.number, order.order_number],
])}
</section>
<h2>${t.orders.subscriptions}</h2>
${table(
  c,
  [t.orders.subscription, t.common.status, t.organizations.services],
  subscriptions.map((s) => [nowrap(s.id), statusBadge(c, s.status), services(s.services, c.locale)]),
)}
<h2>${t.orders.invitations}</h2>
${table(
  c,
  [t.orders.link, t.common.status, t.orders.contact, t.common.created, t.common.expires],
  invitations.map((i) => [
    html`${nowrap(i.id)} <span class="muted">${t.invitationKind[i.kind]}</span>`,
    statusBadge(c, i.status),
    i.contact_email,
    date(formatDateTime(i.created_at, c.locale)),
    i.expires_at ? date(formatDateTime(i.expires_at, c.locale)) : "—",
  ]),
)}
<h2>${t.orders.requests}</h2>
${table(
  c,
  [t.requests.one, t.common.status, t.common.organization, t.common.email, t.requests.routedTo],
  requests.map((r) => [
    html`<a href="/console/admin-requests/${r.id}">${nowrap(r.id)}</a>`,
    statusBadge(c, r.status),
    r.organization_name,
    r.email,
    r.routed_to === "operators" ? t.requests.operators : t.requests.administrators,
  ]),
)}
<h2>${t.orders.actions}</h2>
${
  open
    ? html`<div class="panel">
${form(
  { action: `/console/orders/${order.id}/resend`, csrf: c.csrf(), label: t.orders.resend },
  html`<h3>${t.orders.resend}</h3><p class="muted">${t.orders.resendHint}</p>`,
  field({ name: "contactEmail", label: t.orders.newContact, type: "email", autocomplete: "off" }),
  html`<p class="actions"><button type="submit">${t.orders.resendSubmit}</button></p>`,
)}
</div>
<div class="panel">
${form(
  { action: `/console/orders/${order.id}/cancel`, csrf: c.csrf(), label: t.orders.cancel },
  html`<h3>${t.orders.cancel}</h3><p class="muted">${t.orders.cancelHint}</p>`,
  html`<p class="actions"><button type="submit" class="danger">${t.orders.cancelSubmit}</button></p>`,
)}
</div>`
    : html`<p class="muted">${t.orders.closedActions}</p>`
}
<h2>${t.orders.timeline}</h2>
${table(
  c,
  [t.common.when, t.common.who, t.common.what, t.common.details],
  timeline.map((e) => [date(formatDateTime(e.at, c.locale)), e.who, e.what, e.details]),
)}
<p><a href="${href("/console/audit", { orderId: order.order_number })}">${t.nav.audit}</a></p>`,
    status,
  );
}
