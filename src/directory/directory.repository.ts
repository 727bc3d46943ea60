import { CompiledQuery, type Kysely, sql, type Transaction } from "kysely";
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

// ---- Directory sync: lists, changes and deletions (docs/api.md § Directory sync)

export async function findOrganizationByExternalId(
  db: Executor,
  externalId: string,
): Promise<Organization | undefined> {
  return db.selectFrom("organizations").selectAll().where("external_id", "=", externalId).executeTakeFirst();
}

export async function findSubscription(db: Executor, id: string): Promise<Subscription | undefined> {
  return db.selectFrom("subscriptions").selectAll().where("id", "=", id).executeTakeFirst();
}

export async function findSubscriptionByExternalId(
  db: Executor,
  externalId: string,
): Promise<Subscription | undefined> {
  return db.selectFrom("subscriptions").selectAll().where("external_id", "=", externalId).executeTakeFirst();
}

/** Where a page of organizations starts: after this row of the listing's order. */
export type OrganizationKeyset =
  | { order: "id"; id: string }
  | { order: "domain"; id: string }
  | { order: "nameKey"; nameKey: string; id: string };

export type OrganizationFilter = {
  externalId?: string | undefined;
  /** A registrable domain: organizations with users on it. */
  domain?: string | undefined;
  /** A name key prefix. */
  nameKeyPrefix?: string | undefined;
  kind?: Organization["kind"] | undefined;
  includeDeleted: boolean;
  after?: OrganizationKeyset | undefined;
  limit: number;
};

/**
 * One page of organizations in keyset order: by id; with `domain`, by id among the organization_domains
 * rows of that domain; with a name key prefix, by (name key in byte order, id). Each is one range of an
 * index that stops after `limit` rows (0008_directory_sync.sql), and rows inserted meanwhile never
 * shift a page. The page's organizations are then read by id.
 */
export async function listOrganizations(db: Executor, filter: OrganizationFilter): Promise<Organization[]> {
  const { rows } = await listOrganizationsStatement(filter).execute(db);
  return rows;
}

/** The statement of listOrganizations, for EXPLAIN in the benchmark. */
export function listOrganizationsStatement(filter: OrganizationFilter) {
  const live = filter.includeDeleted ? sql`` : sql`and deleted_at is null`;
  const kind = filter.kind === undefined ? sql`` : sql`and kind = ${filter.kind}`;
  const limit = sql`limit ${filter.limit}::int`;
  if (filter.externalId !== undefined) {
    const prefix =
      filter.nameKeyPrefix === undefined ? sql`` : sql`and starts_with(name_key, ${filter.nameKeyPrefix})`;
    const domain =
      filter.domain === undefined
        ? sql``
        : sql`and exists (select 1 from organization_domains od where od.organization_id = o.id and od.domain = ${filter.domain})`;
    return sql<Organization>`
      select * from organizations o
      where external_id = ${filter.externalId} ${live} ${kind} ${prefix} ${domain}`;
  }
  if (filter.domain !== undefined) {
    const after = filter.after === undefined ? sql`` : sql`and organization_id > ${filter.after.id}::bigint`;
    const prefix =
      filter.nameKeyPrefix === undefined ? sql`` : sql`and starts_with(name_key, ${filter.nameKeyPrefix})`;
    const domainLive = filter.includeDeleted ? sql`` : sql`and live`;
    return sql<Organization>`
      select o.* from (
        select organization_id from organization_domains
        where domain = ${filter.domain} ${domainLive} ${kind} ${prefix} ${after}
        order by organization_id ${limit}
      ) page join organizations o on o.id = page.organization_id
      order by o.id`;
  }
  if (filter.nameKeyPrefix !== undefined) {
    const after =
      filter.after?.order === "nameKey"
        ? sql`and (name_key collate "C", id) > (${filter.after.nameKey} collate "C", ${filter.after.id}::bigint)`
        : sql``;
    return sql<Organization>`
      select o.* from (
        select id, name_key from organizations
        where name_key collate "C" >= ${filter.nameKeyPrefix}
          and name_key collate "C" < ${successor(filter.nameKeyPrefix)} ${live} ${kind} ${after}
        order by name_key collate "C", id ${limit}
      ) page join organizations o on o.id = page.id
      order by page.name_key collate "C", page.id`;
  }
  const after = filter.after === undefined ? sql`` : sql`and id > ${filter.after.id}::bigint`;
  return sql<Organization>`
    select * from organizations where true ${live} ${kind} ${after} order by id ${limit}`;
}

/** The smallest string greater than every string starting with `prefix`, in code point order. */
function successor(prefix: string): string {
  const codePoints = [...prefix];
  const last = codePoints.pop()!.codePointAt(0)!;
  return codePoints.join("") + String.fromCodePoint(last + 1);
}

export type OrganizationChange = {
  name?: { name: string; nameKey: string; prefix: string };
  country?: string | null;
  managingPartnerId?: string | null;
  externalId?: string | null;
};

export async function updateOrganization(
  db: Executor,
  id: string,
  change: OrganizationChange,
  now: Date,
): Promise<Organization> {
  return db
    .updateTable("organizations")
    .set({
      ...(change.name
        ? { name: change.name.name, name_key: change.name.nameKey, name_prefix: change.name.prefix }
        : {}),
      ...(change.country !== undefined ? { country: change.country } : {}),
      ...(change.managingPartnerId !== undefined ? { managing_partner_id: change.managingPartnerId } : {}),
      ...(change.externalId !== undefined ? { external_id: change.externalId } : {}),
      updated_at: now,
    })
    .where("id", "=", id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

/**
 * Marks organizations deleted (they stop matching: the triggers copy `live` into organization_domains)
 * and removes their users, so their e-mail addresses are free. Subscriptions stay, for history.
 * Answers the organizations that were live, with the number of users removed from each.
 */
export async function deleteOrganizations(
  db: Executor,
  ids: readonly string[],
  now: Date,
): Promise<{ id: string; removedUsers: number }[]> {
  if (ids.length === 0) return [];
  const idArray = arrayLiteral(ids);
  const deleted = await sql<{ id: string }>`
    update organizations set deleted_at = ${now}, updated_at = ${now}
    where id = any(${idArray}::bigint[]) and deleted_at is null
    returning id`.execute(db);
  const removed = await sql<{ organization_id: string; n: string }>`
    with gone as (delete from users where organization_id = any(${idArray}::bigint[]) returning organization_id)
    select organization_id, count(*)::text as n from gone group by 1`.execute(db);
  const counts = new Map(removed.rows.map((r) => [r.organization_id, Number(r.n)]));
  return deleted.rows.map((r) => ({ id: r.id, removedUsers: counts.get(r.id) ?? 0 }));
}

export type UserChange = {
  name?: string | null;
  role?: User["role"];
  /** The organization the user is to be in; a move only if it is not the one the user is in. */
  organizationId?: string;
  lastActiveAt?: string | null;
};

export type UserUpdate =
  | { outcome: "updated"; user: User }
  | { outcome: "no-user" }
  | { outcome: "no-organization" | "organization-deleted" };

// A user's PATCH is one statement, so one round trip: the user locked and read (the organization it
// leaves), the target organization read, the UPDATE (whose triggers move the counts and domain rows)
// only when the target is live, and its audit row. SQL text written once.
const updateUserSql = `
  with target as (
    select deleted_at from organizations where id = $4::bigint
  ), old as (
    select id, organization_id from users where id = $1::bigint for update
  ), changed as (
    update users u set
        name = case when $2::boolean then $3::text else u.name end,
        organization_id = coalesce($4::bigint, u.organization_id),
        role = coalesce($5::text, u.role),
        last_active_at = case when $6::boolean then $7::timestamptz else u.last_active_at end,
        updated_at = $8::timestamptz
      from old
     where u.id = old.id
       and ($4::bigint is null or $4::bigint = old.organization_id
            or exists (select from target where deleted_at is null))
    returning u.*, old.organization_id as previous_organization_id
  ), audit as (
    insert into audit_events (at, actor, action, subject_type, subject_id, details)
    select $8::timestamptz, $9::text,
           case when c.organization_id <> c.previous_organization_id then 'user.moved' else 'user.updated' end,
           'user', c.id::text,
           $10::jsonb || case when c.organization_id <> c.previous_organization_id
                              then jsonb_build_object('from', c.previous_organization_id::text,
                                                      'to', c.organization_id::text)
                              else '{}'::jsonb end
      from changed c
  )
  select (select count(*) from old)::integer as found_users,
         (select deleted_at is null from target) as target_live,
         c.*
    from (values (1)) as one (x) left join changed c on true`;

/**
 * Applies `change` to user `id` and records its audit entry (`actor`, `details` and, for a move,
 * `from` and `to`), in one statement. A move into an organization that does not exist or is deleted
 * changes nothing. `organizationId` must be the text of an id.
 */
export async function updateUserAudited(
  db: Executor,
  id: string,
  change: UserChange,
  audit: { at: Date; actor: string; details: Record<string, unknown> },
): Promise<UserUpdate> {
  const { rows } = await db.executeQuery<
    User & { found_users: number; target_live: boolean | null; previous_organization_id: string | null }
  >(
    CompiledQuery.raw(updateUserSql, [
      id,
      change.name !== undefined,
      change.name ?? null,
      change.organizationId ?? null,
      change.role ?? null,
      change.lastActiveAt !== undefined,
      change.lastActiveAt ?? null,
      audit.at,
      audit.actor,
      JSON.stringify(audit.details),
    ]),
  );
  const { found_users, target_live, previous_organization_id, ...user } = rows[0]!;
  if (found_users === 0) return { outcome: "no-user" };
  if (previous_organization_id === null) {
    return { outcome: target_live === null ? "no-organization" : "organization-deleted" };
  }
  return { outcome: "updated", user };
}

/** Deletes users by normalized e-mail, in one statement (one trigger run); answers those deleted. */
export async function deleteUsersByEmail(db: Executor, emails: readonly string[]): Promise<User[]> {
  if (emails.length === 0) return [];
  const { rows } = await sql<User>`
    delete from users where email = any(${arrayLiteral(emails)}::text[]) returning *`.execute(db);
  return rows;
}

export async function deleteUser(db: Executor, id: string): Promise<User | undefined> {
  return db.deleteFrom("users").where("id", "=", id).returningAll().executeTakeFirst();
}

/** Deletes subscriptions by external id, in one statement; answers how many there were. */
export async function deleteSubscriptionsByExternalId(
  db: Executor,
  externalIds: readonly string[],
): Promise<number> {
  if (externalIds.length === 0) return 0;
  const { rows } = await sql<{ id: string }>`
    delete from subscriptions where external_id = any(${arrayLiteral(externalIds)}::text[]) returning id`.execute(
    db,
  );
  return rows.length;
}

export async function updateSubscriptionStatus(
  db: Executor,
  id: string,
  status: Subscription["status"],
  now: Date,
): Promise<Subscription> {
  return db
    .updateTable("subscriptions")
    .set({ status, updated_at: now })
    .where("id", "=", id)
    .returningAll()
    .executeTakeFirstOrThrow();
}
