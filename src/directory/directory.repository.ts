import { type Kysely, sql, type Transaction } from "kysely";
import type { Database, NewOrganization, Organization, Service, Subscription, User } from "../db/schema.js";

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

// ---- Batched upserts for the import: one statement per batch, columns passed as arrays to unnest().

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
  const input = sql`unnest(
      ${rows.map((r) => r.externalId)}::text[], ${rows.map((r) => r.name)}::text[],
      ${rows.map((r) => r.nameKey)}::text[], ${rows.map((r) => r.namePrefix)}::text[],
      ${rows.map((r) => r.kind)}::text[], ${rows.map((r) => r.source)}::text[],
      ${rows.map((r) => r.country)}::text[], ${rows.map((r) => r.managingPartnerId)}::bigint[],
      ${rows.map((r) => r.createdAt)}::timestamptz[], ${rows.map((r) => r.deletedAt)}::timestamptz[]
    ) as i(external_id, name, name_key, name_prefix, kind, source, country, managing_partner_id, created_at, deleted_at)`;
  // Updates first, so an absent createdAt keeps the stored one; then inserts what was not there.
  const updated = await sql<{ id: string; external_id: string }>`
    update organizations o set
      name = i.name, name_key = i.name_key, name_prefix = i.name_prefix, kind = i.kind, source = i.source,
      country = i.country, managing_partner_id = i.managing_partner_id,
      created_at = coalesce(i.created_at, o.created_at), deleted_at = i.deleted_at, updated_at = now()
    from ${input}
    where o.external_id = i.external_id
    returning o.id, o.external_id`.execute(db);
  const ids = new Map(updated.rows.map((r) => [r.external_id, r.id]));
  if (ids.size === rows.length) return ids;
  const inserted = await sql<{ id: string; external_id: string }>`
    insert into organizations
      (external_id, name, name_key, name_prefix, kind, source, country, managing_partner_id, created_at, deleted_at)
    select external_id, name, name_key, name_prefix, kind, source, country, managing_partner_id,
      coalesce(created_at, now()), deleted_at
    from ${input}
    where not exists (select 1 from organizations o where o.external_id = i.external_id)
    on conflict (external_id) do update set
      name = excluded.name, name_key = excluded.name_key, name_prefix = excluded.name_prefix,
      kind = excluded.kind, source = excluded.source, country = excluded.country,
      managing_partner_id = excluded.managing_partner_id, deleted_at = excluded.deleted_at, updated_at = now()
    returning id, external_id`.execute(db);
  for (const r of inserted.rows) ids.set(r.external_id, r.id);
  return ids;
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
  await sql`
    insert into users (organization_id, email, email_domain, name, role, last_active_at)
    select * from unnest(
      ${rows.map((r) => r.organizationId)}::bigint[], ${rows.map((r) => r.email)}::text[],
      ${rows.map((r) => r.emailDomain)}::text[], ${rows.map((r) => r.name)}::text[],
      ${rows.map((r) => r.role)}::text[], ${rows.map((r) => r.lastActiveAt)}::timestamptz[])
    on conflict (email) do update set
      organization_id = excluded.organization_id, name = excluded.name, role = excluded.role,
      last_active_at = excluded.last_active_at, updated_at = now()`.execute(db);
}

export type SubscriptionUpsert = {
  externalId: string;
  organizationId: string;
  status: Subscription["status"];
  services: Service[];
  termMonths: number | null;
};

export async function upsertSubscriptions(db: Executor, rows: readonly SubscriptionUpsert[]): Promise<void> {
  await sql`
    insert into subscriptions (external_id, organization_id, status, services, term_months)
    select * from unnest(
      ${rows.map((r) => r.externalId)}::text[], ${rows.map((r) => r.organizationId)}::bigint[],
      ${rows.map((r) => r.status)}::text[], ${rows.map((r) => JSON.stringify(r.services))}::jsonb[],
      ${rows.map((r) => r.termMonths)}::integer[])
    on conflict (external_id) do update set
      organization_id = excluded.organization_id, status = excluded.status, services = excluded.services,
      term_months = excluded.term_months, updated_at = now()`.execute(db);
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
