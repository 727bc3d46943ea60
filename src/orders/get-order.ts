import { isId } from "../db/ids.js";
import type { Deps } from "../deps.js";
import { AppError } from "../errors/app-error.js";
import { loadOrderRecord } from "./orders.repository.js";
import type { OrderRecord } from "./orders.schemas.js";

/** `GET /api/v1/orders/{id}`. */
export async function getOrder(deps: Pick<Deps, "db">, id: string): Promise<OrderRecord> {
  const record = isId(id) ? await loadOrderRecord(deps.db, id) : undefined;
  if (!record) throw new AppError("NOT_FOUND", { context: { about: "order", id } });
  return record;
}
