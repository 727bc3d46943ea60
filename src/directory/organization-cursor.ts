import { isId } from "../db/ids.js";
import { AppError } from "../errors/app-error.js";
import type { OrganizationKeyset } from "./directory.repository.js";

/**
 * The `next` of an organization listing: opaque to clients, base64url of the last row's sort key. A
 * cursor names its order, so one taken from a listing by domain cannot continue a listing by name.
 */
export function encodeCursor(keyset: OrganizationKeyset): string {
  const key =
    keyset.order === "nameKey" ? [keyset.order, keyset.id, keyset.nameKey] : [keyset.order, keyset.id];
  return Buffer.from(JSON.stringify(key), "utf8").toString("base64url");
}

/** The keyset of `after`, or VALIDATION_FAILED when it is not a cursor of a listing in this order. */
export function decodeCursor(after: string, order: OrganizationKeyset["order"]): OrganizationKeyset {
  const keyset = parse(after);
  if (keyset?.order !== order) {
    throw new AppError("VALIDATION_FAILED", {
      context: { reason: "after is not a cursor of this listing: pass the `next` of its previous page." },
      details: [{ path: "querystring.after", message: "is not a cursor of this listing" }],
    });
  }
  return keyset;
}

function parse(after: string): OrganizationKeyset | undefined {
  let key: unknown;
  try {
    key = JSON.parse(Buffer.from(after, "base64url").toString("utf8"));
  } catch {
    return undefined;
  }
  if (!Array.isArray(key) || typeof key[1] !== "string" || !isId(key[1])) return undefined;
  if ((key[0] === "id" || key[0] === "domain") && key.length === 2) return { order: key[0], id: key[1] };
  if (key[0] === "nameKey" && key.length === 3 && typeof key[2] === "string") {
    return { order: "nameKey", id: key[1], nameKey: key[2] };
  }
  return undefined;
}
