import { createHash, createSecretKey, type KeyObject } from "node:crypto";
import { isIP } from "node:net";
import { resolve } from "node:path";
import { z } from "zod";

/** Every setting of the service, parsed once from the environment (docs/api.md § Configuration). */
export type Config = Readonly<{
  port: number;
  host: string;
  publicUrl: string;
  /**
   * Where administrators sign in to the service provisioned: linked from the welcome e-mails. Unset, it
   * is this server's own /portal page, which says so (there is no service behind a demo).
   */
  portalUrl: string;
  /** PORTAL_URL is unset: this server answers /portal itself. */
  demoPortal: boolean;
  databaseUrl: string | undefined;
  dataDir: string;
  smtpUrl: string | undefined;
  mailFrom: string;
  /** The accepted API tokens: SHA-256 hex digests (the tokens themselves are not kept) and who holds each. */
  apiTokens: readonly ApiToken[];
  demoData: boolean;
  invitationTtlDays: number;
  adminRequestTtlDays: number;
  /** Days before a request expires when its administrators are reminded; 0: never. */
  adminRequestReminderDays: number;
  matchLimit: number;
  matchDomainOnly: boolean;
  matchRatePerHour: number;
  activeMinUsers: number;
  abandonedAfterDays: number;
  publicEmailDomains: readonly string[];
  mailMaxAttempts: number;
  /** First retry delay of a failed e-mail; each further failure doubles it (capped at 6 hours). */
  mailRetrySeconds: number;
  /** Requests one address may make to link routes (wizard, approval page, their API) in 10 minutes; 0: no limit. */
  linkRequestsPerAddress: number;
  /** An import larger than this many bytes stops with 413 PAYLOAD_TOO_LARGE (the lines before it are kept). */
  importMaxBytes: number;
  /** Events are kept at least this many days; older ones are pruned in the background. */
  eventRetentionDays: number;
  /** Webhook URLs may point at loopback, private, link-local… addresses (development and tests only). */
  webhookAllowPrivate: boolean;
  webhookTimeoutSeconds: number;
  /** First retry delay of a failed webhook delivery; each further failure multiplies it by 4 (at most 10 hours). */
  webhookRetrySeconds: number;
  webhookMaxAttempts: number;
  /** 32 bytes: webhook secrets are stored encrypted with it (AES-256-GCM); unset: stored as they are. */
  secretsKey: KeyObject | undefined;
  /** Where domain verification asks for TXT records (`host` or `host:port`); empty: the system's resolvers. */
  dnsServers: readonly string[];
  /** This instance runs the scheduled work (e-mail delivery, expiries); false: it serves HTTP only. */
  backgroundJobs: boolean;
  /** /metrics on a port of its own (HOST:METRICS_PORT) instead of the main one. */
  metricsPort: number | undefined;
  /** SHA-256 hex digest of the bearer token /metrics asks for; undefined: no token asked. */
  metricsTokenHash: string | undefined;
  /** Fastify's trustProxy: false, true, or the trusted proxies' addresses/CIDRs. */
  trustProxy: boolean | string;
  logLevel: "fatal" | "error" | "warn" | "info" | "debug" | "trace" | "silent";
}>;

/** An API token of API_TOKENS: `name:token` names the integration the audit log shows (`api:name`). */
export type ApiToken = Readonly<{ name: string | null; hash: string }>;

export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    message: string,
  ) {
    super(`${variable}: ${message}`);
    this.name = "ConfigError";
  }
}

export function hashApiToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

const positiveInt = (fallback: number) => z.coerce.number().int().positive().default(fallback);
const boolean = (fallback: boolean) =>
  z
    .enum(["1", "0", "true", "false", "yes", "no", "on", "off"])
    .default(fallback ? "true" : "false")
    .transform((v) => ["1", "true", "yes", "on"].includes(v));
const list = z
  .string()
  .default("")
  .transform((v) =>
    v
      .split(",")
      .map((s) => s.trim())
      .filter((s) => s !== ""),
  );
// `erp:0123…`: a short lower-case name, a colon, then the token; anything else is a plain token.
const namedToken = /^([a-z0-9][a-z0-9_-]{0,31}):(.+)$/;

function parseApiToken(entry: string): { name: string | null; token: string } {
  const named = namedToken.exec(entry);
  return named ? { name: named[1]!, token: named[2]! } : { name: null, token: entry };
}

const url = (protocols: readonly string[]) =>
  z
    .string()
    .url()
    .refine(
      (v) => URL.canParse(v) && protocols.includes(new URL(v).protocol),
      `must start with ${protocols.join(" or ")}//`,
    );

const environment = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default("127.0.0.1"),
  PUBLIC_URL: url(["http:", "https:"]).optional(),
  PORTAL_URL: url(["http:", "https:"]).optional(),
  DATABASE_URL: url(["postgres:", "postgresql:"]).optional(),
  DATA_DIR: z.string().min(1).default("./data"),
  SMTP_URL: url(["smtp:", "smtps:"]).optional(),
  MAIL_FROM: z.string().min(3).default("Provisio <provisio@localhost>"),
  API_TOKENS: list
    .transform((entries) => entries.map(parseApiToken))
    .refine(
      (tokens) => tokens.every((t) => t.token.length >= 16),
      "every token needs 16 characters or more (name:token or token)",
    )
    .refine(
      (tokens) =>
        new Set(tokens.flatMap((t) => (t.name ? [t.name] : []))).size === tokens.filter((t) => t.name).length,
      "every name of name:token must be different",
    ),
  DEMO_DATA: boolean(true),
  INVITATION_TTL_DAYS: positiveInt(30),
  ADMIN_REQUEST_TTL_DAYS: positiveInt(14),
  ADMIN_REQUEST_REMINDER_DAYS: z.coerce.number().int().min(0).max(365).default(3),
  MATCH_LIMIT: positiveInt(20).pipe(z.number().max(100)),
  MATCH_DOMAIN_ONLY: boolean(true),
  MATCH_RATE_PER_HOUR: positiveInt(30),
  ACTIVE_MIN_USERS: positiveInt(2),
  ABANDONED_AFTER_DAYS: positiveInt(365),
  PUBLIC_EMAIL_DOMAINS: list.transform((domains) => domains.map((d) => d.toLowerCase())),
  MAIL_MAX_ATTEMPTS: positiveInt(10),
  MAIL_RETRY_SECONDS: positiveInt(30),
  EVENT_RETENTION_DAYS: positiveInt(30),
  WEBHOOK_ALLOW_PRIVATE: boolean(false),
  WEBHOOK_TIMEOUT_SECONDS: positiveInt(10).pipe(z.number().max(60)),
  WEBHOOK_RETRY_SECONDS: positiveInt(5),
  WEBHOOK_MAX_ATTEMPTS: positiveInt(8).pipe(z.number().max(50)),
  // 32 random bytes, as 64 hex digits or base64 (e.g. `openssl rand -base64 32`).
  SECRETS_KEY: z
    .string()
    .refine((v) => parseSecretsKey(v) !== undefined, "must be 32 bytes, as 64 hex digits or in base64")
    .transform((v) => createSecretKey(parseSecretsKey(v)!))
    .optional(),
  // Name servers for domain verification: `host` or `host:port` (IPv6 as `[addr]:port`); empty: the system's.
  DNS_SERVERS: list.refine(
    (servers) => servers.every(isNameServer),
    "every entry must be an IP address, optionally with :port (IPv6 in brackets: [::1]:53)",
  ),
  BACKGROUND_JOBS: boolean(true),
  IMPORT_MAX_BYTES: positiveInt(4 * 1024 ** 3),
  LINK_REQUESTS_PER_ADDRESS: z.coerce.number().int().min(0).default(600),
  METRICS_PORT: z.coerce.number().int().min(1).max(65535).optional(),
  METRICS_TOKEN: z.string().min(16, "needs 16 characters or more").optional(),
  // Behind a load balancer: whose X-Forwarded-For to believe (the client address is what sign-in throttles by).
  TRUST_PROXY: z
    .string()
    .regex(
      /^(true|false|[0-9a-fA-F.:/]+(,[0-9a-fA-F.:/]+)*)$/,
      "use true, false, or the proxies' addresses/CIDRs separated by commas",
    )
    .default("false")
    .transform((v): boolean | string => (v === "true" ? true : v === "false" ? false : v)),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
});

/**
 * Parses the environment into a frozen Config. Empty strings count as unset, so `PORT= npm start`
 * behaves like no PORT at all. Throws ConfigError naming the first bad variable.
 */
export function loadConfig(env: Readonly<Record<string, string | undefined>> = process.env): Config {
  const present = Object.fromEntries(
    Object.keys(environment.shape).flatMap((key) => {
      const value = env[key]?.trim();
      return value ? [[key, value]] : [];
    }),
  );
  const parsed = environment.safeParse(present);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const variable = String(issue.path[0] ?? "environment");
    // Secrets (keys, tokens) are never echoed, not even wrong ones.
    const secret = ["SECRETS_KEY", "API_TOKENS", "METRICS_TOKEN"].includes(variable);
    const got = secret ? "" : ` (got ${JSON.stringify(present[variable] ?? "")})`;
    throw new ConfigError(variable, `${issue.message}${got}`);
  }
  const e = parsed.data;
  const publicUrl = (e.PUBLIC_URL ?? `http://${urlHost(e.HOST)}:${e.PORT}`).replace(/\/+$/, "");
  return Object.freeze({
    port: e.PORT,
    host: e.HOST,
    publicUrl,
    portalUrl: e.PORTAL_URL ?? `${publicUrl}/portal`,
    demoPortal: e.PORTAL_URL === undefined,
    databaseUrl: e.DATABASE_URL,
    dataDir: resolve(e.DATA_DIR),
    smtpUrl: e.SMTP_URL,
    mailFrom: e.MAIL_FROM,
    apiTokens: Object.freeze(
      e.API_TOKENS.map(({ name, token }) => Object.freeze({ name, hash: hashApiToken(token) })),
    ),
    demoData: e.DEMO_DATA,
    invitationTtlDays: e.INVITATION_TTL_DAYS,
    adminRequestTtlDays: e.ADMIN_REQUEST_TTL_DAYS,
    adminRequestReminderDays: e.ADMIN_REQUEST_REMINDER_DAYS,
    matchLimit: e.MATCH_LIMIT,
    matchDomainOnly: e.MATCH_DOMAIN_ONLY,
    matchRatePerHour: e.MATCH_RATE_PER_HOUR,
    activeMinUsers: e.ACTIVE_MIN_USERS,
    abandonedAfterDays: e.ABANDONED_AFTER_DAYS,
    publicEmailDomains: Object.freeze(e.PUBLIC_EMAIL_DOMAINS),
    mailMaxAttempts: e.MAIL_MAX_ATTEMPTS,
    mailRetrySeconds: e.MAIL_RETRY_SECONDS,
    eventRetentionDays: e.EVENT_RETENTION_DAYS,
    webhookAllowPrivate: e.WEBHOOK_ALLOW_PRIVATE,
    webhookTimeoutSeconds: e.WEBHOOK_TIMEOUT_SECONDS,
    webhookRetrySeconds: e.WEBHOOK_RETRY_SECONDS,
    webhookMaxAttempts: e.WEBHOOK_MAX_ATTEMPTS,
    secretsKey: e.SECRETS_KEY,
    dnsServers: Object.freeze(e.DNS_SERVERS),
    backgroundJobs: e.BACKGROUND_JOBS,
    importMaxBytes: e.IMPORT_MAX_BYTES,
    linkRequestsPerAddress: e.LINK_REQUESTS_PER_ADDRESS,
    metricsPort: e.METRICS_PORT,
    metricsTokenHash: e.METRICS_TOKEN === undefined ? undefined : hashApiToken(e.METRICS_TOKEN),
    trustProxy: e.TRUST_PROXY,
    logLevel: e.LOG_LEVEL,
  });
}

/** `192.0.2.1`, `192.0.2.1:5353`, `2001:db8::1`, `[2001:db8::1]:5353`: what node:dns setServers takes. */
function isNameServer(entry: string): boolean {
  const bracketed = /^\[([^\]]+)\](?::(\d{1,5}))?$/.exec(entry);
  const withPort = /^([^:]+):(\d{1,5})$/.exec(entry);
  const [address, port] = bracketed
    ? [bracketed[1]!, bracketed[2]]
    : withPort
      ? [withPort[1]!, withPort[2]]
      : [entry, undefined];
  if (port !== undefined && (Number(port) < 1 || Number(port) > 65535)) return false;
  return bracketed || port === undefined ? isIP(address) !== 0 : isIP(address) === 4;
}

function urlHost(host: string): string {
  if (host === "0.0.0.0" || host === "::") return "localhost";
  return host.includes(":") ? `[${host}]` : host;
}

/** SECRETS_KEY: 32 bytes written as 64 hex digits or as base64 (with or without padding). */
export function parseSecretsKey(value: string): Buffer | undefined {
  const key = /^[0-9a-fA-F]{64}$/.test(value)
    ? Buffer.from(value, "hex")
    : /^[A-Za-z0-9+/]{43}=?$/.test(value)
      ? Buffer.from(value, "base64")
      : undefined;
  return key?.length === 32 ? key : undefined;
}
