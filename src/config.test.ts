import { describe, expect, it } from "vitest";
import { ConfigError, hashApiToken, loadConfig } from "./config.js";

describe("loadConfig", () => {
  it("gives the documented defaults with an empty environment", () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      port: 3000,
      host: "127.0.0.1",
      publicUrl: "http://127.0.0.1:3000",
      portalUrl: "http://127.0.0.1:3000/portal",
      demoPortal: true,
      databaseUrl: undefined,
      smtpUrl: undefined,
      apiTokens: [],
      demoData: true,
      invitationTtlDays: 30,
      adminRequestTtlDays: 14,
      adminRequestReminderDays: 3,
      matchLimit: 20,
      matchDomainOnly: true,
      matchRatePerHour: 30,
      activeMinUsers: 2,
      abandonedAfterDays: 365,
      publicEmailDomains: [],
      mailMaxAttempts: 10,
      mailRetrySeconds: 30,
      eventRetentionDays: 30,
      webhookAllowPrivate: false,
      webhookTimeoutSeconds: 10,
      webhookRetrySeconds: 5,
      webhookMaxAttempts: 8,
      secretsKey: undefined,
      backgroundJobs: true,
      logLevel: "info",
    });
    expect(config.dataDir).toMatch(/\/data$/);
    expect(Object.isFrozen(config)).toBe(true);
  });

  it("parses every variable", () => {
    const config = loadConfig({
      PORT: "8080",
      HOST: "0.0.0.0",
      PUBLIC_URL: "https://provisio.example.com/",
      PORTAL_URL: "https://app.example.com",
      DATABASE_URL: "postgres://u:p@db:5432/provisio",
      DATA_DIR: "/var/lib/provisio",
      SMTP_URL: "smtp://mail:25",
      MAIL_FROM: "Provisio <no-reply@example.com>",
      API_TOKENS: " token-one-0123456789 , erp:token-two-0123456789 ",
      DEMO_DATA: "0",
      INVITATION_TTL_DAYS: "7",
      ADMIN_REQUEST_TTL_DAYS: "3",
      ADMIN_REQUEST_REMINDER_DAYS: "1",
      MATCH_LIMIT: "5",
      MATCH_DOMAIN_ONLY: "false",
      MATCH_RATE_PER_HOUR: "100",
      ACTIVE_MIN_USERS: "3",
      ABANDONED_AFTER_DAYS: "180",
      PUBLIC_EMAIL_DOMAINS: "Example-Mail.com, other.org",
      MAIL_MAX_ATTEMPTS: "4",
      MAIL_RETRY_SECONDS: "5",
      EVENT_RETENTION_DAYS: "90",
      WEBHOOK_ALLOW_PRIVATE: "true",
      WEBHOOK_TIMEOUT_SECONDS: "3",
      WEBHOOK_RETRY_SECONDS: "1",
      WEBHOOK_MAX_ATTEMPTS: "12",
      SECRETS_KEY: "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff",
      BACKGROUND_JOBS: "0",
      TRUST_PROXY: "10.0.0.0/8,127.0.0.1",
      LOG_LEVEL: "warn",
    });
    expect(config).toMatchObject({
      port: 8080,
      host: "0.0.0.0",
      publicUrl: "https://provisio.example.com",
      portalUrl: "https://app.example.com",
      demoPortal: false,
      databaseUrl: "postgres://u:p@db:5432/provisio",
      dataDir: "/var/lib/provisio",
      smtpUrl: "smtp://mail:25",
      mailFrom: "Provisio <no-reply@example.com>",
      apiTokens: [
        { name: null, hash: hashApiToken("token-one-0123456789") },
        { name: "erp", hash: hashApiToken("token-two-0123456789") },
      ],
      demoData: false,
      invitationTtlDays: 7,
      adminRequestTtlDays: 3,
      adminRequestReminderDays: 1,
      matchLimit: 5,
      matchDomainOnly: false,
      matchRatePerHour: 100,
      activeMinUsers: 3,
      abandonedAfterDays: 180,
      trustProxy: "10.0.0.0/8,127.0.0.1",
      publicEmailDomains: ["example-mail.com", "other.org"],
      mailMaxAttempts: 4,
      mailRetrySeconds: 5,
      eventRetentionDays: 90,
      webhookAllowPrivate: true,
      webhookTimeoutSeconds: 3,
      webhookRetrySeconds: 1,
      webhookMaxAttempts: 12,
      backgroundJobs: false,
      logLevel: "warn",
    });
  });

  it("keeps only hashes of the API tokens", () => {
    const config = loadConfig({ API_TOKENS: "secret-token-0123456789" });
    expect(JSON.stringify(config)).not.toContain("secret-token");
  });

  it("reads DNS_SERVERS as IP addresses with optional ports, and refuses host names", () => {
    expect(loadConfig({}).dnsServers).toEqual([]);
    expect(
      loadConfig({ DNS_SERVERS: "192.0.2.1, 192.0.2.2:5353,2001:db8::1,[2001:db8::2]:53" }).dnsServers,
    ).toEqual(["192.0.2.1", "192.0.2.2:5353", "2001:db8::1", "[2001:db8::2]:53"]);
    for (const bad of ["dns.example.com", "192.0.2.1:0", "192.0.2.1:70000", "2001:db8::1:53x", "[dns]:53"]) {
      expect(() => loadConfig({ DNS_SERVERS: bad }), bad).toThrow(
        /^DNS_SERVERS: every entry must be an IP address/,
      );
    }
  });

  it("reads SECRETS_KEY as 32 bytes in hex or base64, and never shows it", () => {
    const bytes = Buffer.from("00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff", "hex");
    for (const written of [
      bytes.toString("hex"),
      bytes.toString("base64"),
      bytes.toString("base64").replace("=", ""),
    ]) {
      const key = loadConfig({ SECRETS_KEY: written }).secretsKey;
      expect(key?.export().equals(bytes)).toBe(true);
      expect(JSON.stringify(loadConfig({ SECRETS_KEY: written }))).not.toContain(written);
    }
    const short = "c2hvcnQta2V5LW9mLTE2LWJ5dGVz";
    expect(() => loadConfig({ SECRETS_KEY: short })).toThrow(/^SECRETS_KEY: must be 32 bytes/);
    try {
      loadConfig({ SECRETS_KEY: short });
    } catch (error) {
      expect(String(error)).not.toContain(short);
    }
  });

  it("never prints an API token in its complaint", () => {
    expect(() => loadConfig({ API_TOKENS: "erp:leaky-token-0123456789,erp:other-token-0123456789" })).toThrow(
      /^API_TOKENS: every name of name:token must be different$/,
    );
  });

  it("treats empty values as unset", () => {
    expect(loadConfig({ PORT: "", DATABASE_URL: " " })).toMatchObject({ port: 3000, databaseUrl: undefined });
  });

  it.each([
    ["PORT", "http"],
    ["PORT", "70000"],
    ["PUBLIC_URL", "provisio.example.com"],
    ["DATABASE_URL", "mysql://localhost/db"],
    ["SMTP_URL", "http://mail"],
    ["API_TOKENS", "short"],
    ["API_TOKENS", "erp:short-0123456"],
    ["API_TOKENS", "erp:token-one-0123456789,erp:token-two-0123456789"],
    ["DEMO_DATA", "maybe"],
    ["INVITATION_TTL_DAYS", "0"],
    ["MATCH_LIMIT", "1000"],
    ["MATCH_DOMAIN_ONLY", "2"],
    ["ACTIVE_MIN_USERS", "-1"],
    ["MAIL_MAX_ATTEMPTS", "1.5"],
    ["MAIL_RETRY_SECONDS", "0"],
    ["PORTAL_URL", "ftp://app"],
    ["LOG_LEVEL", "loud"],
    ["TRUST_PROXY", "yes please"],
    ["EVENT_RETENTION_DAYS", "0"],
    ["WEBHOOK_ALLOW_PRIVATE", "perhaps"],
    ["WEBHOOK_TIMEOUT_SECONDS", "600"],
    ["WEBHOOK_RETRY_SECONDS", "-5"],
    ["WEBHOOK_MAX_ATTEMPTS", "0"],
    ["SECRETS_KEY", "not-a-key"],
  ])("refuses %s=%s, naming the variable", (variable, value) => {
    let error: unknown;
    try {
      loadConfig({ [variable]: value });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).variable).toBe(variable);
    expect((error as ConfigError).message.startsWith(`${variable}: `)).toBe(true);
    expect((error as ConfigError).message).not.toContain("\n");
  });
});
