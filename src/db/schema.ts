import type { ColumnType, Generated, Insertable, Selectable, Updateable } from "kysely";
import type { MatchResult } from "../matching/candidate.js";
import type { SetupDraft } from "../setup/setup.schemas.js";
import type {
  AdminRequestStatus,
  DomainStatus,
  InvitationStatus,
  Locale,
  OrderStatus,
  OrganizationKind,
  OrganizationSource,
  OutboxStatus,
  RoutedTo,
  Scenario,
  Service,
  SubscriptionStatus,
  UserRole,
} from "../vocabulary.js";

/** Ids are bigint in the database and strings everywhere else (docs/api.md: "Ids are strings"). */
type Id = ColumnType<string, string | number | bigint, never>;
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;

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
  /** Updated when the user moves (PATCH /api/v1/users/{id}, the import). */
  organization_id: ColumnType<string, string, string>;
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
  order_id: ColumnType<string | null, string | null | undefined, string | null>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

/** Nullable reference to another row: an id string, or null. */
type Ref = ColumnType<string | null, string | null | undefined, string | null>;
type Json<T> = ColumnType<T, string, string>;

export interface OrderTable {
  id: Generated<string>;
  order_number: string;
  request_hash: string;
  ordered_by: "customer" | "partner";
  partner_organization_id: Ref;
  intended_use: "customer" | "partner_own_use";
  scenario: Scenario | null;
  status: OrderStatus;
  locale: Locale;
  requested_start_date: ColumnType<string | null, string | null | undefined, string | null>;
  /** IANA time zone the order's times are shown in; null: the locale's default (src/orders/time-zone.ts). */
  time_zone: ColumnType<string | null, string | null | undefined, string | null>;
  organization_id: Ref;
  provisioned_at: NullableTimestamp;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface InvitationTable {
  id: Generated<string>;
  order_id: Id;
  kind: "setup" | "handover";
  contact_email: string;
  contact_name: string | null;
  status: InvitationStatus;
  send_at: Timestamp;
  sent_at: NullableTimestamp;
  expires_at: NullableTimestamp;
  draft: ColumnType<SetupDraft | null, string | null | undefined, string | null>;
  last_match: ColumnType<MatchResult | null, string | null | undefined, string | null>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface AdminRequestTable {
  id: Generated<string>;
  order_id: Id;
  invitation_id: Id;
  organization_id: Id;
  email: string;
  email_domain: string;
  name: string | null;
  requested_by_email: string;
  scenario: Scenario;
  routed_to: RoutedTo;
  status: AdminRequestStatus;
  expires_at: Timestamp;
  decided_at: NullableTimestamp;
  decided_by: string | null;
  reason: string | null;
  created_at: Timestamp;
  /** When the administrators were reminded that the request expires soon. */
  reminder_sent_at: NullableTimestamp;
}

export interface AdminRequestApproverTable {
  id: Generated<string>;
  admin_request_id: Id;
  /** null once the user was deleted (0008_directory_sync.sql): the link then decides nothing. */
  user_id: Ref;
  email: string;
}

export interface LinkTokenTable {
  token_hash: Buffer;
  invitation_id: Ref;
  approver_id: Ref;
  created_at: Timestamp;
  superseded_at: NullableTimestamp;
}

export interface MatchDisclosureTable {
  invitation_id: Id;
  organization_id: Id;
  disclosed_at: Timestamp;
}

export interface OutboxMessageTable {
  id: Generated<string>;
  template: string;
  locale: Locale;
  /** The time zone the e-mail shows times in; null: UTC. */
  time_zone: ColumnType<string | null, string | null | undefined, string | null>;
  recipient: string;
  params: Json<Record<string, unknown>>;
  invitation_id: Ref;
  approver_id: Ref;
  order_id: Ref;
  status: OutboxStatus;
  due_at: Timestamp;
  attempts: Generated<number>;
  last_error: string | null;
  sent_at: NullableTimestamp;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface DevMailboxTable {
  id: Generated<string>;
  outbox_message_id: Id;
  recipient: string;
  subject: string;
  text: string;
  html: string;
  links: Json<string[]>;
  created_at: Timestamp;
}

export interface AuditEventTable {
  id: Generated<string>;
  at: Timestamp;
  actor: string;
  action: string;
  subject_type: string;
  subject_id: string;
  order_id: Ref;
  details: Json<Record<string, unknown>>;
}

export interface EventTable {
  id: Generated<string>;
  /** xid8 of the writing transaction, as text; set by the database. */
  xid: Generated<string>;
  type: string;
  data: Json<Record<string, unknown>>;
  occurred_at: Timestamp;
}

export type WebhookEndpointStatus = "enabled" | "disabled";
export type WebhookDeliveryStatus = "pending" | "sending" | "delivered" | "dead" | "held";

export interface WebhookEndpointTable {
  id: Generated<string>;
  url: string;
  description: string | null;
  types: ColumnType<string[] | null, string[] | null, string[] | null>;
  status: WebhookEndpointStatus;
  disabled_reason: string | null;
  secret: string;
  previous_secret: string | null;
  previous_secret_expires_at: NullableTimestamp;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface WebhookDeliveryTable {
  id: Generated<string>;
  event_id: Id;
  endpoint_id: Id;
  status: WebhookDeliveryStatus;
  due_at: Timestamp;
  attempts: Generated<number>;
  last_status_code: number | null;
  last_error: string | null;
  delivered_at: NullableTimestamp;
  created_at: Timestamp;
  updated_at: Timestamp;
}

/** What one TXT lookup found (src/domains/txt-lookup.ts), kept with the domain for the console and the API. */
export type DomainCheckFound = { records: string[] } | { unavailable: string };

/** An organization's proof of an e-mail domain (0011_domains.sql). */
export interface DomainVerificationTable {
  id: Generated<string>;
  organization_id: Id;
  domain: string;
  status: DomainStatus;
  claimed: Generated<boolean>;
  challenge: string;
  created_at: Timestamp;
  verified_at: NullableTimestamp;
  checked_at: NullableTimestamp;
  found: ColumnType<DomainCheckFound | null, string | null | undefined, string | null>;
  missed_checks: Generated<number>;
  next_check_at: NullableTimestamp;
}

export interface SchemaMigrationTable {
  version: number;
  name: string;
  applied_at: Timestamp;
}

export interface OperatorTable {
  id: Generated<string>;
  email: string;
  name: string | null;
  password_hash: string;
  created_at: Timestamp;
  disabled_at: NullableTimestamp;
}

export interface OperatorSessionTable {
  token_hash: Buffer;
  operator_id: Id;
  created_at: Timestamp;
  last_seen_at: Timestamp;
  expires_at: Timestamp;
}

export interface RateLimitTable {
  key: string;
  window_start: Timestamp;
  hits: number;
  blocked_until: NullableTimestamp;
  strikes: Generated<number>;
  updated_at: Timestamp;
}

export interface ConsoleSetupTokenTable {
  token_hash: Buffer;
  created_at: Timestamp;
  expires_at: Timestamp;
  used_at: NullableTimestamp;
}

export interface Database {
  organizations: OrganizationTable;
  organization_domains: OrganizationDomainTable;
  users: UserTable;
  subscriptions: SubscriptionTable;
  schema_migrations: SchemaMigrationTable;
  orders: OrderTable;
  invitations: InvitationTable;
  admin_requests: AdminRequestTable;
  admin_request_approvers: AdminRequestApproverTable;
  link_tokens: LinkTokenTable;
  match_disclosures: MatchDisclosureTable;
  outbox_messages: OutboxMessageTable;
  dev_mailbox: DevMailboxTable;
  audit_events: AuditEventTable;
  operators: OperatorTable;
  operator_sessions: OperatorSessionTable;
  rate_limits: RateLimitTable;
  console_setup_tokens: ConsoleSetupTokenTable;
  events: EventTable;
  webhook_endpoints: WebhookEndpointTable;
  webhook_deliveries: WebhookDeliveryTable;
  domain_verifications: DomainVerificationTable;
}

export type Organization = Selectable<OrganizationTable>;
export type DomainVerification = Selectable<DomainVerificationTable>;
export type NewOrganization = Insertable<OrganizationTable>;
export type OrganizationUpdate = Updateable<OrganizationTable>;
export type User = Selectable<UserTable>;
export type Subscription = Selectable<SubscriptionTable>;
export type Order = Selectable<OrderTable>;
export type Invitation = Selectable<InvitationTable>;
export type AdminRequest = Selectable<AdminRequestTable>;
export type OutboxMessage = Selectable<OutboxMessageTable>;
export type AuditEvent = Selectable<AuditEventTable>;
export type Operator = Selectable<OperatorTable>;
export type StoredEvent = Selectable<EventTable>;
export type WebhookEndpoint = Selectable<WebhookEndpointTable>;
export type WebhookDelivery = Selectable<WebhookDeliveryTable>;
