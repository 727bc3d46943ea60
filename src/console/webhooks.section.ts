import type { FastifyInstance } from "fastify";
import { isId } from "../db/ids.js";
import type { Deps } from "../deps.js";
import { AppError } from "../errors/app-error.js";
import { formatDateTime } from "../render/format.js";
import { html } from "../render/html.js";
import { notice } from "../web/components.js";
import { redirectAfterPost } from "../web/pages.js";
import { changeWebhookEndpoint } from "../webhooks/change-webhook-endpoint.js";
import { redeliverWebhook } from "../webhooks/redeliver-webhook.js";
import {
  deliveryCounts,
  findEndpoint,
  listDeliveries,
  listEndpoints,
} from "../webhooks/webhooks.repository.js";
import { deliveryStatus } from "../webhooks/webhooks.schemas.js";
import { type ConsoleContext, consoleContext } from "./console-page.js";
import { href, statusBadge, table } from "./tables.js";

/**
 * Webhooks: the endpoints with their delivery counts; an endpoint's recent deliveries with the
 * receiver's status codes and errors; disable and enable; redeliver a dead delivery. Audited as the operator.
 */
export function webhooksSection(app: FastifyInstance, deps: Deps): void {
  app.get("/console/webhooks", async (request, reply) => {
    const c = consoleContext(request, reply);
    const t = c.t.webhooks;
    const [endpoints, counts] = await Promise.all([listEndpoints(deps.db), deliveryCounts(deps.db)]);
    const count = (id: string, statuses: string[]) =>
      counts
        .filter((r) => r.endpoint_id === id && statuses.includes(r.status))
        .reduce((n, r) => n + Number(r.n), 0);
    return c.page(
      t.title,
      html`<h1>${t.title}</h1>
<p class="lead">${t.lead}</p>
${table(
  c,
  ["Id", t.url, t.types, c.t.common.status, t.deliveries],
  endpoints.map((e) => [
    html`<a href="${href(`/console/webhooks/${e.id}`)}">${e.id}</a>`,
    e.url,
    e.types?.join(", ") ?? t.allTypes,
    statusBadge(c, e.status),
    t.counts(count(e.id, ["delivered"]), count(e.id, ["pending", "sending", "held"]), count(e.id, ["dead"])),
  ]),
)}`,
    );
  });

  app.get<{ Params: { id: string }; Querystring: { done?: string } }>(
    "/console/webhooks/:id",
    async (request, reply) => {
      const c = consoleContext(request, reply);
      const t = c.t.webhooks;
      const endpoint = isId(request.params.id) ? await findEndpoint(deps.db, request.params.id) : undefined;
      if (!endpoint) throw new AppError("NOT_FOUND", { context: { about: "webhookEndpoint" } });
      const deliveries = await listDeliveries(deps.db, endpoint.id, 100);
      const done = request.query.done;
      const toggle = endpoint.status === "enabled" ? "disabled" : "enabled";
      return c.page(
        `${t.title} ${endpoint.id}`,
        html`<h1>${endpoint.url} ${statusBadge(c, endpoint.status)}</h1>
${done === "redelivered" && notice("ok", t.redelivered, "status")}
${done === "enabled" && notice("ok", t.enabled, "status")}
${done === "disabled" && notice("ok", t.disabledNow, "status")}
<p>${t.types}: ${endpoint.types?.join(", ") ?? t.allTypes}${endpoint.description ? html` · ${endpoint.description}` : ""}</p>
${endpoint.disabled_reason && html`<p class="muted">${t.disabledBecause} ${endpoint.disabled_reason}</p>`}
<form method="post" action="/console/webhooks/${endpoint.id}/status" class="inline"><input type="hidden" name="_csrf" value="${c.csrf()}"><input type="hidden" name="status" value="${toggle}"><button type="submit" class="${toggle === "disabled" ? "secondary" : ""}">${toggle === "disabled" ? t.disable : t.enable}</button></form>
<h2>${t.recent}</h2>
${deliveriesTable(c, endpoint.id, deliveries)}`,
      );
    },
  );

  app.post<{ Params: { id: string }; Body: { status?: string } }>(
    "/console/webhooks/:id/status",
    async (request, reply) => {
      const status = request.body?.status;
      if (status !== "enabled" && status !== "disabled") {
        throw new AppError("VALIDATION_FAILED", { context: { about: "choice" } });
      }
      const id = request.params.id;
      await changeWebhookEndpoint(deps, id, { status }, `operator:${request.operator!.id}`);
      return redirectAfterPost(reply, `/console/webhooks/${id}?done=${status}`);
    },
  );

  app.post<{ Params: { id: string; deliveryId: string } }>(
    "/console/webhooks/:id/deliveries/:deliveryId/redeliver",
    async (request, reply) => {
      const { endpointId } = await redeliverWebhook(
        deps,
        request.params.deliveryId,
        `operator:${request.operator!.id}`,
      );
      return redirectAfterPost(reply, `/console/webhooks/${endpointId}?done=redelivered`);
    },
  );
}

function deliveriesTable(
  c: ConsoleContext,
  endpointId: string,
  deliveries: Awaited<ReturnType<typeof listDeliveries>>,
) {
  const t = c.t.webhooks;
  return table(
    c,
    ["Id", t.event, c.t.common.status, t.attempts, t.statusCode, t.lastError, t.next, ""],
    deliveries.map((d) => {
      const status = deliveryStatus(d);
      return [
        d.id,
        html`${d.type} <span class="muted">${d.event_id}</span>`,
        statusBadge(c, status),
        String(d.attempts),
        d.last_status_code === null ? "—" : String(d.last_status_code),
        d.last_error ?? "",
        status === "delivered"
          ? `${t.delivered} ${d.delivered_at ? formatDateTime(d.delivered_at, c.locale) : ""}`
          : status === "dead"
            ? ""
            : formatDateTime(d.due_at, c.locale),
        status === "dead"
          ? html`<form method="post" action="/console/webhooks/${endpointId}/deliveries/${d.id}/redeliver" class="inline"><input type="hidden" name="_csrf" value="${c.csrf()}"><button type="submit">${t.redeliver}</button></form>`
          : "",
      ];
    }),
  );
}
