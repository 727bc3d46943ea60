import type { Deps } from "../deps.js";
import { findOrder } from "../orders/orders.repository.js";
import { placeOrder } from "../orders/place-order.js";

/**
 * Two demo orders for a fresh embedded database: a customer's own order (Italian) and a partner's
 * order for a customer (English). Answers their order numbers; their setup e-mails are in the outbox.
 */
export async function placeDemoOrders(deps: Deps): Promise<{ orderId: string; orderNumber: string }[]> {
  const partner = await deps.db
    .selectFrom("organizations")
    .select("id")
    .where("external_id", "=", "demo-org-techpartners")
    .executeTakeFirst();
  const orders = [
    {
      orderNumber: "DEMO-0001",
      orderedBy: { type: "customer" as const },
      intendedUse: "customer" as const,
      provisioningContact: { email: "it@acme.it", name: "Ufficio IT Acme" },
      locale: "it" as const,
      subscriptions: [{ services: [{ sku: "MEETINGS-ENT", quantity: 250 }], termMonths: 36 }],
    },
    ...(partner
      ? [
          {
            orderNumber: "DEMO-0002",
            orderedBy: { type: "partner" as const, partnerOrganizationId: partner.id },
            intendedUse: "customer" as const,
            provisioningContact: { email: "luca.ferri@techpartners.it", name: "Luca Ferri" },
            locale: "en" as const,
            subscriptions: [{ services: [{ sku: "CALLING-PRO", quantity: 40 }], termMonths: 12 }],
          },
        ]
      : []),
  ];
  const placed = [];
  for (const order of orders) {
    const { record } = await placeOrder(deps, order);
    placed.push({
      orderId: record.order.id,
      orderNumber: (await findOrder(deps.db, record.order.id))!.order_number,
    });
  }
  return placed;
}

/** The setup link of an order as its e-mail carried it (the development mailbox keeps it). */
export async function demoSetupLink(deps: Pick<Deps, "db">, orderId: string): Promise<string | undefined> {
  const row = await deps.db
    .selectFrom("dev_mailbox as m")
    .innerJoin("outbox_messages as o", "o.id", "m.outbox_message_id")
    .select("m.links")
    .where("o.order_id", "=", orderId)
    .where("o.template", "=", "setup_invitation")
    .orderBy("m.id", "desc")
    .executeTakeFirst();
  return row?.links[0];
}
