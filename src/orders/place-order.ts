import { createHash } from "node:crypto";
import { type ApiActor, recordAudit } from "../audit/audit.repository.js";
import type { Deps } from "../deps.js";
import { findOrganization } from "../directory/directory.repository.js";
import { AppError } from "../errors/app-error.js";
import { recordEvent } from "../events/events.repository.js";
import { maskEmail } from "../matching/email.js";
import { requireEmail } from "../matching/validated-inputs.js";
import type { Scenario } from "../vocabulary.js";
import { enqueueInvitationMail } from "./invitation-mail.js";
import {
  findOrderByNumber,
  insertInvitation,
  insertOrder,
  insertOrderSubscriptions,
  loadOrderRecord,
} from "./orders.repository.js";
import type { OrderInput, OrderRecord } from "./orders.schemas.js";

/**
 * `POST /api/v1/orders`: the order, its subscriptions (awaiting setup), its setup invitation and the
 * setup e-mail's outbox row, in one transaction; the e-mail is due on the requested start date (now if
 * absent or past). The order number is the idempotency key: the same body answers the same order
 * (`created: false`), another body is ORDER_CONFLICT. Concurrent duplicates make one order.
 */
export async function placeOrder(
  deps: Deps,
  input: OrderInput,
  actor: ApiActor = "api",
): Promise<{ record: OrderRecord; created: boolean }> {
  const contact = requireEmail(input.provisioningContact.email, "provisioningContact.email");
  const order = { ...input, provisioningContact: { ...input.provisioningContact, email: contact.email } };
  const requestHash = createHash("sha256").update(canonicalJson(order)).digest("hex");
  const now = deps.clock.now();

  const outcome = await deps.db.transaction().execute(async (trx) => {
    const existing = await findOrderByNumber(trx, order.orderNumber);
    if (existing) return { orderId: existing.id, requestHash: existing.request_hash, created: false };

    if (order.orderedBy.type === "partner") {
      const partner = await findOrganization(trx, order.orderedBy.partnerOrganizationId);
      if (partner?.kind !== "partner" || partner.deleted_at) {
        throw new AppError("PARTNER_ORGANIZATION_INVALID", {
          details: [{ path: "orderedBy.partnerOrganizationId", message: "is not a partner organization" }],
        });
      }
    }
    const inserted = await insertOrder(trx, {
      orderNumber: order.orderNumber,
      requestHash,
      orderedBy: order.orderedBy.type,
      partnerOrganizationId:
        order.orderedBy.type === "partner" ? order.orderedBy.partnerOrganizationId : null,
      intendedUse: order.intendedUse,
      scenario: initialScenario(order),
      locale: order.locale,
      requestedStartDate: order.requestedStartDate ?? null,
      timeZone: order.timeZone ?? null,
      now,
    });
    if (inserted === undefined) {
      // Another request with this number committed while this one ran.
      const winner = (await findOrderByNumber(trx, order.orderNumber))!;
      return { orderId: winner.id, requestHash: winner.request_hash, created: false };
    }
    const orderId = inserted.id;
    const subscriptions = await insertOrderSubscriptions(trx, orderId, order.subscriptions, now);
    const sendAt = startOf(order.requestedStartDate, now);
    const invitation = await insertInvitation(trx, {
      orderId,
      kind: "setup",
      contactEmail: contact.email,
      contactName: order.provisioningContact.name ?? null,
      sendAt,
      now,
    });
    await enqueueInvitationMail(trx, {
      order: inserted,
      invitation,
      now,
      services: order.subscriptions.flatMap((s) =>
        s.services.map((service) => ({ ...service, termMonths: s.termMonths ?? null })),
      ),
    });
    await recordAudit(trx, {
      at: now,
      actor,
      action: "order.placed",
      subject: { type: "order", id: orderId },
      orderId,
      details: {
        orderNumber: order.orderNumber,
        scenario: initialScenario(order),
        contact: maskEmail(contact.email),
        sendAt: sendAt.toISOString(),
      },
    });
    await recordEvent(trx, {
      type: "order.placed",
      data: {
        orderId,
        orderNumber: order.orderNumber,
        scenario: inserted.scenario,
        orderedBy: inserted.ordered_by,
        partnerOrganizationId: inserted.partner_organization_id,
        contactEmail: contact.email,
      },
      occurredAt: now,
    });
    // A new order answers with what was just written, without reading it back.
    const record: OrderRecord = { order: inserted, subscriptions, invitation, adminRequests: [] };
    return { orderId, requestHash, created: true, record };
  });

  if (outcome.requestHash !== requestHash) {
    throw new AppError("ORDER_CONFLICT", {
      context: { orderNumber: order.orderNumber },
      details: [{ path: "orderNumber", message: "is in use by a different order" }],
    });
  }
  if (outcome.created) deps.mailQueued();
  const record = "record" in outcome ? outcome.record : (await loadOrderRecord(deps.db, outcome.orderId))!;
  return { record, created: outcome.created };
}

/** Customer orders: the customer sets up. Partner own use: the partner. A partner's order for a customer: chosen later. */
function initialScenario(order: OrderInput): Scenario | null {
  if (order.orderedBy.type === "customer") return "customer_self";
  return order.intendedUse === "partner_own_use" ? "partner_own_use" : null;
}

/** The requested start date begins at 00:00 UTC; a date in the past, or none, means now. */
function startOf(date: string | undefined, now: Date): Date {
  if (!date) return now;
  const start = new Date(`${date}T00:00:00Z`);
  return start > now ? start : now;
}

/** JSON with keys sorted at every level: equal values, equal text. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}
