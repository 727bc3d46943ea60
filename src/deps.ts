import type { Kysely } from "kysely";
import type { Clock } from "./clock.js";
import type { Config } from "./config.js";
import type { Database } from "./db/schema.js";
import type { LookupTxt } from "./domains/txt-lookup.js";
import type { Metrics } from "./metrics/metrics.js";
import type { ResolveHost } from "./webhooks/url-guard.js";

/** What every use-case works with, built once by the composition root (src/app.ts). */
export type Deps = {
  db: Kysely<Database>;
  clock: Clock;
  config: Config;
  /** docs/matching.md § 1: the registrable domain is a public mailbox provider. */
  isPublicProvider: (registrableDomain: string) => boolean;
  /** Tells the outbox worker that messages were committed (it also polls, so this only saves time). */
  mailQueued: () => void;
  /** Resolves webhook URLs' host names for the SSRF guard (src/webhooks/url-guard.ts). */
  resolveHost: ResolveHost;
  /** TXT lookups for domain verification, at DNS_SERVERS, each bounded in time (src/domains/txt-lookup.ts). */
  lookupTxt: LookupTxt;
  /** Counters and histograms for /metrics. */
  metrics: Metrics;
};
