import type { Kysely } from "kysely";
import type { Database, Organization } from "../db/schema.js";
import { AppError } from "../errors/app-error.js";
import { parseEmail } from "../matching/email.js";
import { nameKey } from "../matching/name-key.js";
import {
  listOrganizations as listOrganizationRows,
  type OrganizationKeyset,
} from "./directory.repository.js";
import type { OrganizationListQuery } from "./directory.schemas.js";
import { decodeCursor, encodeCursor } from "./organization-cursor.js";

/**
 * `GET /api/v1/organizations`: a page of organizations and the cursor of the next (null on the last).
 * `domain` is reduced to its registrable domain (mail.acme.it → acme.it) and `q` to a name key, as the
 * matching rules do; a listing by domain or by name goes in that index's order, any other by id.
 */
export async function listOrganizations(
  db: Kysely<Database>,
  query: OrganizationListQuery,
): Promise<{ organizations: Organization[]; next: string | null }> {
  const domain = query.domain === undefined ? undefined : registrableDomain(query.domain);
  const prefix = query.q === undefined ? undefined : nameKeyPrefix(query.q);
  const order: OrganizationKeyset["order"] =
    query.externalId !== undefined ? "id" : domain ? "domain" : prefix ? "nameKey" : "id";
  const after = query.after === undefined ? undefined : decodeCursor(query.after, order);
  // One row more than the page tells whether there is a next page.
  const rows = await listOrganizationRows(db, {
    externalId: query.externalId,
    domain,
    nameKeyPrefix: prefix,
    kind: query.kind,
    includeDeleted: query.includeDeleted,
    after,
    limit: query.limit + 1,
  });
  const organizations = rows.slice(0, query.limit);
  const last = organizations.at(-1);
  const next =
    rows.length > query.limit && last
      ? encodeCursor(
          order === "nameKey" ? { order, nameKey: last.name_key, id: last.id } : { order, id: last.id },
        )
      : null;
  return { organizations, next };
}

function registrableDomain(domain: string): string {
  const parsed = parseEmail(`x@${domain.trim()}`);
  if (!parsed.ok) throw invalidQuery("domain", "is not a registrable e-mail domain");
  return parsed.value.registrableDomain;
}

function nameKeyPrefix(q: string): string {
  const key = nameKey(q.normalize("NFC"));
  if (key === "") throw invalidQuery("q", "has no letter or digit");
  return key;
}

function invalidQuery(field: string, message: string) {
  return new AppError("VALIDATION_FAILED", {
    context: { reason: `${field} ${message}.` },
    details: [{ path: `querystring.${field}`, message }],
  });
}
