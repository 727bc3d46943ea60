import Fastify, { type FastifyInstance } from "fastify";
import type { DestinationStream, Logger } from "pino";
import { type Background, createBackground } from "./background.js";
import { type Clock, systemClock } from "./clock.js";
import type { Config } from "./config.js";
import { type Db, openDatabase } from "./db/database.js";
import { maintainTables } from "./db/maintenance.js";
import { migrate } from "./db/migrate.js";
import type { Deps } from "./deps.js";
import { createTxtLookup } from "./domains/txt-lookup.js";
import { installErrorHandler } from "./http/error-handler.js";
import { createLogger } from "./http/logger.js";
import { createDevMailbox, createSmtpMailer, type Mailer } from "./mail/mailer.js";
import { createPublicProviderCheck } from "./matching/public-providers.js";
import { createMetrics, metricsRoutes } from "./metrics/metrics.js";
import { buildServer } from "./server.js";
import { createWebhookSender, webhookSocketsPerEndpoint } from "./webhooks/deliver-webhooks.js";
import { createWebhookAgents } from "./webhooks/post-webhook.js";
import { type ResolveHost, systemResolver } from "./webhooks/url-guard.js";

export type App = {
  readonly config: Config;
  readonly db: Db;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly deps: Deps;
  readonly mailer: Mailer;
  readonly background: Background;
  readonly server: FastifyInstance;
  /** Listens on HOST:PORT; answers the address. */
  listen(): Promise<string>;
  /** Stops taking requests, lets those in flight and the background round finish, then closes. */
  stop(): Promise<void>;
};

export type AppOptions = {
  config: Config;
  /** An open database; by default one is opened from the config and closed by stop(). */
  db?: Db;
  clock?: Clock;
  /** By default SMTP when SMTP_URL is set, else the development mailbox. */
  mailer?: Mailer;
  /** Run the scheduled work (outbox delivery, expiries) on a timer; default BACKGROUND_JOBS. Tests call runOnce(). */
  background?: boolean;
  /** How often the scheduled work runs; default 1 s. */
  backgroundIntervalMs?: number;
  logDestination?: DestinationStream;
  /** How webhook URLs' host names are resolved for the SSRF guard; default the system's resolver. */
  resolveHost?: ResolveHost;
};

/** The composition root: builds everything from a frozen Config. Migrations run before serving. */
export async function createApp(options: AppOptions): Promise<App> {
  const { config } = options;
  const logger = createLogger(config, options.logDestination);
  const db = options.db ?? (await openConfiguredDatabase(config));
  const ownsDb = options.db === undefined;
  const clock = options.clock ?? systemClock;
  try {
    const { applied } = await migrate(db);
    for (const m of applied) logger.info({ migration: `${m.version}_${m.name}` }, "migration applied");
    const mailer = options.mailer ?? defaultMailer(config, db);
    let background: Background | undefined;
    const deps: Deps = {
      db: db.kysely,
      clock,
      config,
      isPublicProvider: createPublicProviderCheck(config.publicEmailDomains),
      mailQueued: () => background?.wake(),
      resolveHost: options.resolveHost ?? systemResolver,
      lookupTxt: createTxtLookup(config.dnsServers),
      metrics: createMetrics({ db: db.kysely, clock }),
    };
    const agents = createWebhookAgents(webhookSocketsPerEndpoint);
    const webhooks = createWebhookSender({
      ...deps,
      logger,
      agents,
      resolve: deps.resolveHost,
    });
    background = createBackground(
      { ...deps, mailer, logger, webhooks, listen: db.listen, maintain: () => maintainTables(db) },
      { intervalMs: options.backgroundIntervalMs ?? 1000 },
    );
    const server = await buildServer({ deps, db, logger, mailer });
    const metricsServer = await buildMetricsServer(config, deps);
    if (options.background ?? config.backgroundJobs) background.start();
    return {
      config,
      db,
      clock,
      logger,
      deps,
      mailer,
      background,
      server,
      async listen() {
        const address = await server.listen({ port: config.port, host: config.host });
        await metricsServer?.listen({ port: config.metricsPort!, host: config.host });
        return address;
      },
      async stop() {
        await metricsServer?.close();
        const closing = server.close();
        // A connection kept alive after the request it had in flight would hold close() until its
        // keep-alive timeout (72 s): close connections as they fall idle.
        const reaper = setInterval(() => server.server.closeIdleConnections(), 100);
        await closing.finally(() => clearInterval(reaper));
        await background.stop();
        agents.close();
        await mailer.close();
        if (ownsDb) await db.close();
      },
    };
  } catch (error) {
    if (ownsDb) await db.close();
    throw error;
  }
}

/** With METRICS_PORT, /metrics is served by a listener of its own, and only there. */
async function buildMetricsServer(config: Config, deps: Deps): Promise<FastifyInstance | undefined> {
  if (config.metricsPort === undefined) return undefined;
  const server = Fastify({ logger: false });
  installErrorHandler(server);
  metricsRoutes(server, deps.metrics, config.metricsTokenHash);
  return server;
}

function defaultMailer(config: Config, db: Db): Mailer {
  if (!config.smtpUrl) return createDevMailbox(db.kysely);
  return createSmtpMailer({
    url: config.smtpUrl,
    from: config.mailFrom,
    messageIdDomain: new URL(config.publicUrl).hostname,
  });
}

export function openConfiguredDatabase(config: Config): Promise<Db> {
  return config.databaseUrl
    ? openDatabase({ url: config.databaseUrl })
    : openDatabase({ dataDir: config.dataDir });
}
