import type { Transaction } from "kysely";
import { isId } from "../db/ids.js";
import type { Database, Order } from "../db/schema.js";
import { AppError } from "../errors/app-error.js";
import { lockOrder } from "./orders.repository.js";

/** The rules every change to an order checks first: it exists (locked for the change) and is still open. */

/** The order, locked for the transaction, or NOT_FOUND. */
export async function lockExistingOrder(trx: Transaction<Database>, id: string): Promise<Order> {
  const order = isId(id) ? await lockOrder(trx, id) : undefined;
  if (!order) throw new AppError("NOT_FOUND", { context: { about: "order", id } });
  return order;
}

/** Resend, cancel and change of contact are possible until the point of no return. */
export function requireOpenOrder(order: Order): void {
  if (order.status === "provisioned") {
    throw new AppError("ALREADY_PROVISIONED", { context: { orderNumber: order.order_number } });
  }
  if (order.status === "closed" || order.status === "cancelled") {
    throw new AppError("ORDER_NOT_OPEN", {
      context: { orderNumber: order.order_number, status: order.status },
    });
  }
}
