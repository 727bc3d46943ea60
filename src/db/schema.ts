import type { ColumnType, Generated, Insertable, Selectable, Updateable } from "kysely";

/** Ids are bigint in the database and strings everywhere else (api.md: "Ids are strings"). */
type Id = ColumnType<string, string | number | bigint, never>;
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;

export type OrganizationKind = "customer" | "partner";
export type OrganizationSource = "trial" | "online" | "partner" | "wizard" | "import";
export type UserRole = "full_admin" | "user";
export type SubscriptionStatus =
  | "awaiting_setup"
  | "active"
  | "suspended"
  | "expired"
  | "cancelled"
  | "closed";
export type Service = { sku: string; quantity: number };

export interface OrganizationTable {
  id: Generated<string>;
  external_id: string | null;
  name: string;
  name_key: string;
  name_prefix: string;
  kind: OrganizationKind;
  source: OrganizationSource;
  country: string | null;
  managing_partner_id: ColumnType<string | null, string | null | undefined, string | null>;
  created_at: Timestamp;
  updated_at: Timestamp;
  deleted_at: NullableTimestamp;
  /** Kept exact by triggers (0002_matching_indexes.sql); never written by the application. */
  user_count: Generated<number>;
  active_subscription_count: Generated<number>;
  managed_customer_count: Generated<number>;
  last_activity_at: Generated<Date | null>;
}

/** One row per organization and registrable domain of its users; maintained by triggers. */
export interface OrganizationDomainTable {
  domain: string;
  organization_id: string;
  domain_users: number;
  kind: OrganizationKind;
  name_prefix: string;
  name_key: string;
  live: boolean;
  active_subscriptions: number;
  organization_users: number;
  created_at: Date;
}

export interface UserTable {
  id: Generated<string>;
  organization_id: Id;
  email: string;
  email_domain: string;
  name: string | null;
  role: UserRole;
  last_active_at: NullableTimestamp;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface SubscriptionTable {
  id: Generated<string>;
  external_id: string | null;
  organization_id: ColumnType<string | null, string | null | undefined, string | null>;
  status: SubscriptionStatus;
  services: ColumnType<Service[], string, string>;
  term_months: number | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface SchemaMigrationTable {
  version: number;
  name: string;
  applied_at: Timestamp;
}

export interface Database {
  organizations: OrganizationTable;
  organization_domains: OrganizationDomainTable;
  users: UserTable;
  subscriptions: SubscriptionTable;
  schema_migrations: SchemaMigrationTable;
}

export type Organization = Selectable<OrganizationTable>;
export type NewOrganization = Insertable<OrganizationTable>;
export type OrganizationUpdate = Updateable<OrganizationTable>;
export type User = Selectable<UserTable>;
export type Subscription = Selectable<SubscriptionTable>;
