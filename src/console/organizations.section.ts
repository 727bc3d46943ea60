import type { FastifyInstance } from "fastify";
import { isId } from "../db/ids.js";
import type { Deps } from "../deps.js";
import { findOrganization } from "../directory/directory.repository.js";
import { AppError } from "../errors/app-error.js";
import { parseEmail } from "../matching/email.js";
import { nameKey } from "../matching/name-key.js";
import { formatDate, formatDateTime } from "../render/format.js";
import { html } from "../render/html.js";
import { facts, services } from "../web/components.js";
import {
  listAdminRequests,
  listSubscriptions,
  listUsers,
  searchOrganizations,
} from "./console.repository.js";
import { consoleContext } from "./console-page.js";
import { date, href, nowrap, statusBadge, table } from "./tables.js";

/** Organizations: by name (the start of the name key of docs/matching.md) or by e-mail domain; the detail with users, subscriptions and requests. */
export function organizationsSection(app: FastifyInstance, deps: Deps): void {
  app.get<{ Querystring: { q?: string } }>("/console/organizations", async (request, reply) => {
    const c = consoleContext(request, reply);
    const t = c.t;
    const q = request.query.q?.trim().slice(0, 200) ?? "";
    const domain = domainOf(q);
    const key = domain ? "" : nameKey(q);
    const organizations =
      domain || key
        ? await searchOrganizations(deps.db, { ...(domain ? { domain } : { nameKeyPrefix: key }), limit: 50 })
        : [];
    return c.page(
      t.organizations.title,
      html`<h1>${t.organizations.title}</h1>
<form method="get" action="/console/organizations" class="search" role="search">
<div class="field"><label for="q">${t.organizations.search}</label><input id="q" name="q" type="search" value="${q}" autofocus></div>
<p class="actions"><button type="submit">${t.common.search}</button></p>
</form>
${
  q &&
  table(
    c,
    [
      t.common.name,
      t.common.kind,
      t.organizations.source,
      t.organizations.users,
      t.organizations.activeSubscriptions,
      t.common.created,
    ],
    organizations.map((o) => [
      html`<a href="/console/organizations/${o.id}">${o.name}</a>${o.deleted_at ? html` <span class="badge neutral">${t.organizations.deleted}</span>` : ""}`,
      t.kind[o.kind],
      t.source[o.source],
      nowrap(o.user_count),
      nowrap(o.active_subscription_count),
      date(formatDate(o.created_at, c.locale)),
    ]),
  )
}`,
    );
  });

  app.get<{ Params: { id: string } }>("/console/organizations/:id", async (request, reply) => {
    const c = consoleContext(request, reply);
    const t = c.t;
    const id = request.params.id;
    const organization = isId(id) ? await findOrganization(deps.db, id) : undefined;
    if (!organization)
      throw new AppError("NOT_FOUND", { context: { about: "organization", id: request.params.id } });
    const [users, subscriptions, requests, partner] = await Promise.all([
      listUsers(deps.db, id, 200),
      listSubscriptions(deps.db, id),
      listAdminRequests(deps.db, { organizationId: id, limit: 50 }),
      organization.managing_partner_id
        ? findOrganization(deps.db, organization.managing_partner_id)
        : undefined,
    ]);
    return c.page(
      organization.name,
      html`<h1>${organization.name}${organization.deleted_at ? html` <span class="badge neutral">${t.organizations.deleted}</span>` : ""}</h1>
<section class="panel">
${facts([
  [t.common.kind, t.kind[organization.kind]],
  [t.organizations.source, t.source[organization.source]],
  [t.common.country, organization.country ?? "—"],
  [t.common.created, formatDate(organization.created_at, c.locale)],
  [t.organizations.users, String(organization.user_count)],
  [t.organizations.activeSubscriptions, String(organization.active_subscription_count)],
  [
    t.organizations.lastActive,
    organization.last_activity_at ? formatDate(organization.last_activity_at, c.locale) : "—",
  ],
  ...(organization.managing_partner_id
    ? ([
        [
          t.organizations.partner,
          html`<a href="/console/organizations/${organization.managing_partner_id}">${partner?.name ?? organization.managing_partner_id}</a>`,
        ],
      ] as const)
    : []),
])}
</section>
<p><a href="${href(`/console/organizations/${organization.id}/domains`)}">${t.domains.link}</a></p>
<h2>${t.organizations.users}</h2>
${table(
  c,
  [t.common.email, t.common.name, t.common.role, t.organizations.lastActive],
  users.map((u) => [
    u.email,
    u.name ?? "",
    u.role === "full_admin" ? statusBadge(c, "full_admin") : t.status.user,
    u.last_active_at ? date(formatDate(u.last_active_at, c.locale)) : "—",
  ]),
)}
${users.length === 200 && html`<p class="muted">${t.organizations.firstUsers(200)}</p>`}
<h2>${t.organizations.subscriptions}</h2>
${table(
  c,
  [t.orders.subscription, t.common.status, t.organizations.services, t.common.order, t.common.created],
  subscriptions.map((s) => [
    nowrap(s.id),
    statusBadge(c, s.status),
    services(s.services, c.locale),
    s.order_id
      ? html`<a href="/console/orders/${s.order_id}">${nowrap(s.order_number ?? s.order_id)}</a>`
      : "—",
    date(formatDate(s.created_at, c.locale)),
  ]),
)}
<h2>${t.nav.requests}</h2>
${table(
  c,
  [t.requests.one, t.common.status, t.common.email, t.common.order, t.common.created],
  requests.map((r) => [
    html`<a href="/console/admin-requests/${r.id}">${nowrap(r.id)}</a>`,
    statusBadge(c, r.status),
    r.email,
    html`<a href="/console/orders/${r.order_id}">${nowrap(r.order_number)}</a>`,
    date(formatDateTime(r.created_at, c.locale)),
  ]),
)}`,
    );
  });
}

/** "acme.it", "@acme.it" or "mario@acme.it" → "acme.it" (the registrable domain); anything else is a name. */
function domainOf(q: string): string | undefined {
  if (!/^[^\s@]*@?[^\s@]+\.[^\s@.]{2,}$/.test(q)) return undefined;
  const parsed = parseEmail(q.includes("@") ? (q.startsWith("@") ? `x${q}` : q) : `x@${q}`);
  return parsed.ok ? parsed.value.registrableDomain : undefined;
}
