import type { FastifyInstance } from "fastify";
import { decideRequest } from "../admin-requests/decide-admin-request.js";
import { isId } from "../db/ids.js";
import type { Deps } from "../deps.js";
import { AppError } from "../errors/app-error.js";
import { formatDateTime } from "../render/format.js";
import { type Html, html } from "../render/html.js";
import { facts, form, notice } from "../web/components.js";
import { redirectAfterPost } from "../web/pages.js";
import { listAdminRequests } from "./console.repository.js";
import { type ConsoleContext, consoleContext } from "./console-page.js";
import { actorWords, namesFor } from "./names.js";
import { actionError, date, nowrap, statusBadge, table } from "./tables.js";

/** The lists an operator works through; "operators" is the queue only they can clear. */
const views = {
  operators: { status: "pending", routedTo: "operators" },
  pending: { status: "pending" },
  expired: { status: "expired" },
  all: {},
} as const;
type View = keyof typeof views;

/**
 * Administrator requests: pending, expired and operator-routed ones; approve or reject, with a
 * reason, the requests of organizations that have no full administrator (decideRequest refuses the
 * others: they belong to the organization's own administrators).
 */
export function adminRequestsSection(app: FastifyInstance, deps: Deps): void {
  app.get<{ Querystring: { view?: string } }>("/console/admin-requests", async (request, reply) => {
    const c = consoleContext(request, reply);
    const t = c.t;
    const view: View =
      request.query.view && request.query.view in views ? (request.query.view as View) : "operators";
    const requests = await listAdminRequests(deps.db, { ...views[view], limit: 100 });
    const label: Record<View, string> = {
      operators: t.requests.viewOperators,
      pending: t.requests.viewPending,
      expired: t.requests.viewExpired,
      all: t.requests.viewAll,
    };
    return c.page(
      t.requests.title,
      html`<h1>${t.requests.title}</h1>
<nav class="tabs" aria-label="${t.requests.title}">${(Object.keys(views) as View[]).map((v) =>
        v === view
          ? html`<a href="/console/admin-requests?view=${v}" aria-current="page"><strong>${label[v]}</strong></a>`
          : html`<a href="/console/admin-requests?view=${v}">${label[v]}</a>`,
      )}</nav>
${table(
  c,
  [
    t.requests.one,
    t.common.status,
    t.common.organization,
    t.common.email,
    t.requests.routedTo,
    t.common.order,
    t.common.expires,
  ],
  requests.map((r) => [
    html`<a href="/console/admin-requests/${r.id}">${nowrap(r.id)}</a>`,
    statusBadge(c, r.status),
    html`<a href="/console/organizations/${r.organization_id}">${r.organization_name}</a>`,
    r.email,
    r.routed_to === "operators" ? t.requests.operators : t.requests.administrators,
    html`<a href="/console/orders/${r.order_id}">${nowrap(r.order_number)}</a>`,
    date(formatDateTime(r.expires_at, c.locale)),
  ]),
)}`,
    );
  });

  app.get<{ Params: { id: string }; Querystring: { done?: string } }>(
    "/console/admin-requests/:id",
    async (request, reply) => {
      const c = consoleContext(request, reply);
      const done = request.query.done;
      const ok =
        done === "approved" ? c.t.requests.approved : done === "rejected" ? c.t.requests.rejected : undefined;
      return requestPage(c, deps, request.params.id, ok ? notice("ok", ok, "status") : undefined);
    },
  );

  app.post<{ Params: { id: string }; Body: { decision?: string; reason?: string } }>(
    "/console/admin-requests/:id/decide",
    async (request, reply) => {
      const { decision, reason } = request.body ?? {};
      try {
        if (decision !== "approve" && decision !== "reject") {
          throw new AppError("VALIDATION_FAILED", { context: { about: "choice" } });
        }
        await decideRequest(
          deps,
          request.params.id,
          { operatorId: request.operator!.id },
          decision === "approve" ? { approve: true } : { approve: false, reason: reason ?? null },
        );
        return redirectAfterPost(reply, `/console/admin-requests/${request.params.id}?done=${decision}d`);
      } catch (error) {
        const c = consoleContext(request, reply);
        const { message, status } = actionError(c, error);
        return requestPage(c, deps, request.params.id, notice("bad", message, "alert"), status);
      }
    },
  );
}

async function requestPage(c: ConsoleContext, deps: Deps, id: string, banner?: Html, status = 200) {
  const t = c.t;
  const [r] = isId(id) ? await listAdminRequests(deps.db, { id, limit: 1 }) : [];
  if (!r) throw new AppError("NOT_FOUND", { context: { about: "adminRequest" } });
  const decidable = r.status === "pending" && r.routed_to === "operators" && r.expires_at > deps.clock.now();
  const names = await namesFor(
    deps.db,
    r.decided_by
      ? [{ actor: r.decided_by, order_id: null, subject_type: "", subject_id: "", details: {} }]
      : [],
  );
  return c.page(
    `${t.requests.title} ${r.id}`,
    html`<h1>${t.requests.one} ${r.id} ${statusBadge(c, r.status)}</h1>
${banner}
<section class="panel">
${facts([
  [
    t.common.organization,
    html`<a href="/console/organizations/${r.organization_id}">${r.organization_name}</a>`,
  ],
  [t.requests.newAdmin, r.email],
  [t.requests.requestedBy, r.requested_by_email],
  [t.common.order, html`<a href="/console/orders/${r.order_id}">${r.order_number}</a>`],
  [t.common.scenario, t.scenario[r.scenario]],
  [t.requests.routedTo, r.routed_to === "operators" ? t.requests.operators : t.requests.administrators],
  [t.common.created, formatDateTime(r.created_at, c.locale)],
  [t.common.expires, formatDateTime(r.expires_at, c.locale)],
  ...(r.decided_at
    ? ([
        [
          t.requests.decidedBy,
          `${r.decided_by ? actorWords(c, names, r.decided_by) : "—"} · ${formatDateTime(r.decided_at, c.locale)}`,
        ],
        [t.common.reason, r.reason ?? "—"],
      ] as const)
    : []),
])}
</section>
${
  decidable
    ? html`<h2>${t.requests.decide}</h2>
<div class="panel">
${form(
  { action: `/console/admin-requests/${r.id}/decide`, csrf: c.csrf(), label: t.requests.decide },
  html`<div class="field"><label for="field-reason">${t.requests.reasonLabel}</label><textarea id="field-reason" name="reason" maxlength="1000" rows="3"></textarea></div>`,
  html`<p class="actions"><button type="submit" name="decision" value="approve">${t.requests.approve}</button>
<button type="submit" name="decision" value="reject" class="danger">${t.requests.reject}</button></p>`,
)}
</div>`
    : r.status === "pending" && r.routed_to !== "operators"
      ? html`<p class="muted">${t.requests.onlyOperators}</p>`
      : ""
}`,
    status,
  );
}
