import type { FastifyInstance } from "fastify";
import { recordAudit } from "../audit/audit.repository.js";
import { isId } from "../db/ids.js";
import type { Deps } from "../deps.js";
import { AppError } from "../errors/app-error.js";
import { findOutboxMessage, outboxHealth, retryDeadMessage } from "../mail/outbox.repository.js";
import { maskEmail } from "../matching/email.js";
import { formatDateTime } from "../render/format.js";
import { html } from "../render/html.js";
import { notice } from "../web/components.js";
import { redirectAfterPost } from "../web/pages.js";
import { listOutbox } from "./console.repository.js";
import { type ConsoleContext, consoleContext } from "./console-page.js";
import { date, nowrap, statusBadge, table } from "./tables.js";

/** E-mails: the failing ones (they will be retried by themselves) and the dead ones, which an operator retries. */
export function outboxSection(app: FastifyInstance, deps: Deps): void {
  app.get<{ Querystring: { done?: string } }>("/console/outbox", async (request, reply) => {
    const c = consoleContext(request, reply);
    const t = c.t;
    const [health, failing, dead] = await Promise.all([
      outboxHealth(deps.db, deps.clock.now()),
      listOutbox(deps.db, { statuses: ["pending", "sending"], failingOnly: true, limit: 100 }),
      listOutbox(deps.db, { statuses: ["dead"], failingOnly: false, limit: 100 }),
    ]);
    const rows = (c: ConsoleContext, messages: typeof dead, retry: boolean) =>
      table(
        c,
        [
          t.outbox.message,
          t.outbox.template,
          t.outbox.to,
          t.common.order,
          t.outbox.attempts,
          t.outbox.lastError,
          retry ? "" : t.outbox.due,
        ],
        messages.map((m) => [
          html`${nowrap(m.id)} ${statusBadge(c, m.status)}`,
          (t.template as Record<string, string>)[m.template] ?? m.template,
          m.recipient,
          m.order_id
            ? html`<a href="/console/orders/${m.order_id}">${nowrap(m.order_number ?? m.order_id)}</a>`
            : "—",
          nowrap(m.attempts),
          m.last_error ?? "",
          retry
            ? html`<form method="post" action="/console/outbox/${m.id}/retry" class="inline"><input type="hidden" name="_csrf" value="${c.csrf()}"><button type="submit">${t.outbox.retry}</button></form>`
            : date(formatDateTime(m.due_at, c.locale)),
        ]),
      );
    return c.page(
      t.outbox.title,
      html`<h1>${t.outbox.title}</h1>
${request.query.done === "retried" && notice("ok", t.outbox.retried, "status")}
<p class="lead">${t.outbox.health(health.pending, health.due, health.dead)}</p>
<h2>${t.outbox.dead}</h2>
${rows(c, dead, true)}
<h2>${t.outbox.failing}</h2>
${rows(c, failing, false)}`,
    );
  });

  app.post<{ Params: { id: string } }>("/console/outbox/:id/retry", async (request, reply) => {
    const id = request.params.id;
    const operatorId = request.operator!.id;
    await deps.db.transaction().execute(async (trx) => {
      const now = deps.clock.now();
      const message = isId(id) ? await findOutboxMessage(trx, id) : undefined;
      if (!message) throw new AppError("NOT_FOUND", { context: { about: "message" } });
      if (!(await retryDeadMessage(trx, id, now))) {
        throw new AppError("MESSAGE_NOT_DEAD");
      }
      await recordAudit(trx, {
        at: now,
        actor: `operator:${operatorId}`,
        action: "mail.retried",
        subject: { type: "outbox_message", id },
        orderId: message.order_id,
        details: { template: message.template, to: maskEmail(message.recipient), attempts: message.attempts },
      });
    });
    deps.mailQueued();
    return redirectAfterPost(reply, "/console/outbox?done=retried");
  });
}
