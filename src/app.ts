import type { FastifyInstance } from "fastify";
import type { DestinationStream, Logger } from "pino";
import { type Clock, systemClock } from "./clock.js";
import type { Config } from "./config.js";
import { type Db, openDatabase } from "./db/database.js";
import { migrate } from "./db/migrate.js";
import { createLogger } from "./http/logger.js";
import { buildServer } from "./http/server.js";

export type App = {
  readonly config: Config;
  readonly db: Db;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly server: FastifyInstance;
  /** Listens on HOST:PORT; answers the address. */
  listen(): Promise<string>;
  stop(): Promise<void>;
};

export type AppOptions = {
  config: Config;
  /** An open database; by default one is opened from the config and closed by stop(). */
  db?: Db;
  clock?: Clock;
  logDestination?: DestinationStream;
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
    const server = await buildServer({ config, db, logger });
    return {
      config,
      db,
      clock,
      logger,
      server,
      listen: () => server.listen({ port: config.port, host: config.host }),
      async stop() {
        await server.close();
        if (ownsDb) await db.close();
      },
    };
  } catch (error) {
    if (ownsDb) await db.close();
    throw error;
  }
}

export function openConfiguredDatabase(config: Config): Promise<Db> {
  return config.databaseUrl
    ? openDatabase({ url: config.databaseUrl })
    : openDatabase({ dataDir: config.dataDir });
}
