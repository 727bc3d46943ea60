import { type Kysely, sql, type Transaction } from "kysely";
import type { Database, NewOrganization, Organization, Subscription, User } from "../db/schema.js";
import type { Service } from "../vocabulary.js";

/** All SQL of the directory. Functions take the database or a transaction as first argument. */
type Executor = Kysely<Database> | Transaction<Database>;

export async function insertOrganization(db: Executor, row: NewOrganization): Promise<Organization> {
  return db.insertInto("organizations").values(row).returningAll().executeTakeFirstOrThrow();
}

export async function findOrganization(db: Executor, id: string): Promise<Organization | undefined> {
  return db.selectFrom("organizations").selectAll().where("id", "=", id).executeTakeFirst();
}

export async function organizationStats(
  db: Executor,
  organizationId: string,
): Promise<{ users: number; activeSubscriptions: number }> {
  const row = await db
    .selectNoFrom((eb) => [
      eb
        .selectFrom("users")
        .select(eb.fn.countAll<string>().as("n"))
        .where("organization_id", "=", organizationId)
        .as("users"),
      eb
        .selectFrom("subscriptions")
        .select(eb.fn.countAll<string>().as("n"))
        .where("organization_id", "=", organizationId)
        .where("status", "=", "active")
        .as("activeSubscriptions"),
    ])
    .executeTakeFirstOrThrow();
  return { users: Number(row.users), activeSubscriptions: Number(row.activeSubscriptions) };
}

export async function findFullAdmins(db: Executor, organizationId: string): Promise<User[]> {
  return db
    .selectFrom("users")
    .selectAll()
    .where("organization_id", "=", organizationId)
    .where("role", "=", "full_admin")
    .orderBy("id")
    .execute();
}

export async function insertUser(
  db: Executor,
  row: {
    organizationId: string;
    email: string;
    emailDomain: string;
    name: string | null;
    role: User["role"];
    lastActiveAt: string | null;
  },
): Promise<User> {
  return db
    .insertInto("users")
    .values({
      organization_id: row.organizationId,
      email: row.email,
      email_domain: row.emailDomain,
      name: row.name,
      role: row.role,
      last_active_at: row.lastActiveAt,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function insertSubscription(
  db: Executor,
  row: {
    organizationId: string;
    externalId: string | null;
    status: Subscription["status"];
    services: Service[];
    termMonths: number | null;
  },
): Promise<Subscription> {
  return db
    .insertInto("subscriptions")
    .values({
      organization_id: row.organizationId,
      external_id: row.externalId,
      status: row.status,
      services: JSON.stringify(row.services),
      term_months: row.termMonths,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

// ---- Batched upserts for the import: a few statements per batch, columns passed as arrays to unnest().
// Each array goes as one text parameter built by `arrayLiteral`, and a row whose stored values are
// already the imported ones is left alone (no new row version, no trigger work, updated_at unchanged),
// so re-importing the same file writes almost nothing.

export type OrganizationUpsert = {
  externalId: string;
  name: string;
  nameKey: string;
  namePrefix: string;
  kind: Organization["kind"];
  source: Organization["source"];
  country: string | null;
  managingPartnerId: string | null;
  /** null keeps the stored date (or now, for a new organization). */
  createdAt: string | null;
  deletedAt: string | null;
};

/** Inserts or updates organizations by external id; answers their ids by external id. */
export async function upsertOrganizations(
  db: Executor,
  rows: readonly OrganizationUpsert[],
): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  if (rows.length === 0) return ids;
  // Index lookups only (= any), whatever the size of the table or the state of its statistics.
  const existing = await sql<{ id: string; external_id: string }>`
    select id, external_id from organizations
    where external_id = any(${arrayLiteral(rows.map((r) => r.externalId))}::text[])`.execute(db);
  for (const r of existing.rows) ids.set(r.external_id, r.id);
  const stored = ids.size === rows.length ? rows : rows.filter((r) => ids.has(r.externalId));
  if (stored.length > 0) {
    // An absent createdAt keeps the stored one; rows already as imported are not touched.
    await sql`
      update organizations o set
        name = i.name, name_key = i.name_key, name_prefix = i.name_prefix, kind = i.kind, source = i.source,
        country = i.country, managing_partner_id = i.managing_partner_id,
        created_at = coalesce(i.created_at, o.created_at), deleted_at = i.deleted_at, updated_at = now()
      from ${organizationsInput(stored)}
      where o.external_id = i.external_id
        and o.id = any(${arrayLiteral(stored.map((r) => ids.get(r.externalId)!))}::bigint[])
        and (o.name, o.name_key, o.name_prefix, o.kind, o.source, o.country, o.managing_partner_id, o.created_at,
             o.deleted_at)
          is distinct from (i.name, i.name_key, i.name_prefix, i.kind, i.source, i.country, i.managing_partner_id,
             coalesce(i.created_at, o.created_at), i.deleted_at)`.execute(db);
  }
  if (stored.length === rows.length) return ids;
  const fresh = stored.length === 0 ? rows : rows.filter((r) => !ids.has(r.externalId));
  // Inserted by someone else since the lookup: updated as above, keeping its createdAt.
  const inserted = await sql<{ id: string; external_id: string }>`
    insert into organizations
      (external_id, name, name_key, name_prefix, kind, source, country, managing_partner_id, created_at, deleted_at)
    select external_id, name, name_key, name_prefix, kind, source, country, managing_partner_id,
      coalesce(created_at, now()), deleted_at
    from ${organizationsInput(fresh)}
    on conflict (external_id) do update set
      name = excluded.name, name_key = excluded.name_key, name_prefix = excluded.name_prefix,
      kind = excluded.kind, source = excluded.source, country = excluded.country,
      managing_partner_id = excluded.managing_partner_id, deleted_at = excluded.deleted_at, updated_at = now()
    returning id, external_id`.execute(db);
  for (const r of inserted.rows) ids.set(r.external_id, r.id);
  return ids;
}

function organizationsInput(rows: readonly OrganizationUpsert[]) {
  const columns = columnsOf(rows, [
    (r) => r.externalId,
    (r) => r.name,
    (r) => r.nameKey,
    (r) => r.namePrefix,
    (r) => r.kind,
    (r) => r.source,
    (r) => r.country,
    (r) => r.managingPartnerId,
    (r) => r.createdAt,
    (r) => r.deletedAt,
  ]);
  const [externalId, name, nameKey, namePrefix, kind, source, country, partner, createdAt, deletedAt] =
    columns;
  return sql`unnest(
      ${externalId}::text[], ${name}::text[], ${nameKey}::text[], ${namePrefix}::text[], ${kind}::text[],
      ${source}::text[], ${country}::text[], ${partner}::bigint[], ${createdAt}::timestamptz[],
      ${deletedAt}::timestamptz[]
    ) as i(external_id, name, name_key, name_prefix, kind, source, country, managing_partner_id, created_at, deleted_at)`;
}

export type UserUpsert = {
  organizationId: string;
  email: string;
  emailDomain: string;
  name: string | null;
  role: User["role"];
  lastActiveAt: string | null;
};

/** Inserts or updates users by e-mail; a user imported into another organization moves there. */
export async function upsertUsers(db: Executor, rows: readonly UserUpsert[]): Promise<void> {
  if (rows.length === 0) return;
  const [organizationId, email, emailDomain, name, role, lastActiveAt] = columnsOf(rows, [
    (r) => r.organizationId,
    (r) => r.email,
    (r) => r.emailDomain,
    (r) => r.name,
    (r) => r.role,
    (r) => r.lastActiveAt,
  ]);
  await sql`
    insert into users (organization_id, email, email_domain, name, role, last_active_at)
    select * from unnest(
      ${organizationId}::bigint[], ${email}::text[], ${emailDomain}::text[], ${name}::text[], ${role}::text[],
      ${lastActiveAt}::timestamptz[])
    on conflict (email) do update set
      organization_id = excluded.organization_id, name = excluded.name, role = excluded.role,
      last_active_at = excluded.last_active_at, updated_at = now()
    where (users.organization_id, users.name, users.role, users.last_active_at)
      is distinct from (excluded.organization_id, excluded.name, excluded.role, excluded.last_active_at)`.execute(
    db,
  );
}

export type SubscriptionUpsert = {
  externalId: string;
  organizationId: string;
  status: Subscription["status"];
  services: Service[];
  termMonths: number | null;
};

export async function upsertSubscriptions(db: Executor, rows: readonly SubscriptionUpsert[]): Promise<void> {
  if (rows.length === 0) return;
  const [externalId, organizationId, status, services, termMonths] = columnsOf(rows, [
    (r) => r.externalId,
    (r) => r.organizationId,
    (r) => r.status,
    (r) => JSON.stringify(r.services),
    (r) => (r.termMonths === null ? null : String(r.termMonths)),
  ]);
  await sql`
    insert into subscriptions (external_id, organization_id, status, services, term_months)
    select * from unnest(
      ${externalId}::text[], ${organizationId}::bigint[], ${status}::text[], ${services}::jsonb[],
      ${termMonths}::integer[])
    on conflict (external_id) do update set
      organization_id = excluded.organization_id, status = excluded.status, services = excluded.services,
      term_months = excluded.term_months, updated_at = now()
    where (subscriptions.organization_id, subscriptions.status, subscriptions.services, subscriptions.term_months)
      is distinct from (excluded.organization_id, excluded.status, excluded.services, excluded.term_months)`.execute(
    db,
  );
}

/** The columns of `rows` as PostgreSQL array literals, one per getter, in one pass over the rows. */
function columnsOf<Row>(rows: readonly Row[], getters: ((row: Row) => string | null)[]): string[] {
  const columns = getters.map(() => new Array<string>(rows.length));
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i]!;
    for (let c = 0; c < getters.length; c++) columns[c]![i] = arrayElement(getters[c]!(row));
  }
  return columns.map((elements) => `{${elements.join(",")}}`);
}

/** A PostgreSQL array literal (`{"a","b",NULL}`) of text values, to cast to text[], bigint[], jsonb[], …. */
function arrayLiteral(values: readonly (string | null)[]): string {
  const elements = new Array<string>(values.length);
  for (let i = 0; i < values.length; i++) elements[i] = arrayElement(values[i]!);
  return `{${elements.join(",")}}`;
}

const arraySpecial = /["\\]/;
const arraySpecialAll = /["\\]/g;

function arrayElement(value: string | null): string {
  if (value === null) return "NULL";
  return arraySpecial.test(value) ? `"${value.replace(arraySpecialAll, "\\$&")}"` : `"${value}"`;
}

/** Ids of live or deleted organizations by external id, with their kind. */
export async function findOrganizationsByExternalId(
  db: Executor,
  externalIds: readonly string[],
): Promise<Map<string, { id: string; kind: Organization["kind"] }>> {
  if (externalIds.length === 0) return new Map();
  const rows = await db
    .selectFrom("organizations")
    .select(["id", "external_id", "kind"])
    .where("external_id", "in", externalIds)
    .execute();
  return new Map(rows.map((r) => [r.external_id!, { id: r.id, kind: r.kind }]));
}

/** The user with this (normalized) e-mail, if any: a user belongs to exactly one organization. */
export async function findUserByEmail(db: Executor, email: string): Promise<User | undefined> {
  return db.selectFrom("users").selectAll().where("email", "=", email).executeTakeFirst();
}

export async function promoteToFullAdmin(db: Executor, userId: string, now: Date): Promise<void> {
  await db
    .updateTable("users")
    .set({ role: "full_admin", updated_at: now })
    .where("id", "=", userId)
    .execute();
}

export async function findUser(db: Executor, id: string): Promise<User | undefined> {
  return db.selectFrom("users").selectAll().where("id", "=", id).executeTakeFirst();
}
