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
      orderNumber: demoOrderNumbers[0],
      orderedBy: { type: "customer" as const },
      intendedUse: "customer" as const,
      provisioningContact: { email: "it@acme.it", name: "Ufficio IT Acme" },
      locale: "it" as const,
      subscriptions: [
        { services: [{ sku: "MEETINGS-ENT", name: "Meetings Enterprise", quantity: 250 }], termMonths: 36 },
      ],
    },
    ...(partner
      ? [
          {
            orderNumber: demoOrderNumbers[1],
            orderedBy: { type: "partner" as const, partnerOrganizationId: partner.id },
            intendedUse: "customer" as const,
            provisioningContact: { email: "luca.ferri@techpartners.it", name: "Luca Ferri" },
            locale: "en" as const,
            subscriptions: [
              { services: [{ sku: "CALLING-PRO", name: "Calling Pro", quantity: 40 }], termMonths: 12 },
            ],
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

/** The demo orders' numbers, in the order they are placed. */
export const demoOrderNumbers = ["DEMO-0001", "DEMO-0002"] as const;

/**
 * The demo orders still open, each with the live setup link its last e-mail carried (the development
 * mailbox keeps it): what `npm start` prints at every start until they are set up.
 */
export async function openDemoLinks(
  deps: Pick<Deps, "db">,
): Promise<{ orderNumber: string; link: string | undefined }[]> {
  const rows = await deps.db
    .selectFrom("orders as o")
    .innerJoin("invitations as i", "i.order_id", "o.id")
    .select((eb) => [
      "o.order_number",
      eb
        .selectFrom("dev_mailbox as m")
        .innerJoin("outbox_messages as x", "x.id", "m.outbox_message_id")
        .select("m.links")
        .whereRef("x.invitation_id", "=", "i.id")
        .orderBy("m.id", "desc")
        .limit(1)
        .as("links"),
    ])
    .where("o.order_number", "in", [...demoOrderNumbers])
    .where("o.status", "in", ["awaiting_setup", "awaiting_admin_approval"])
    .where("i.status", "in", ["scheduled", "sent"])
    .orderBy("o.order_number")
    .execute();
  return rows.map((r) => ({ orderNumber: r.order_number, link: (r.links as string[] | null)?.[0] }));
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
