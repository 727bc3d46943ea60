import { randomBytes } from "node:crypto";
import { readFile } from "node:fs/promises";
import { Writable } from "node:stream";
import { inject } from "vitest";
import { type App, createApp } from "../../src/app.js";
import { type Clock, fixedClock } from "../../src/clock.js";
import { loadConfig } from "../../src/config.js";
import { type Db, type Engine, openDatabase } from "../../src/db/database.js";
import type { Mailer } from "../../src/mail/mailer.js";
import type { ResolveHost } from "../../src/webhooks/url-guard.js";
import { createDatabase, dropDatabase } from "./global-setup.js";

export const apiToken = "test-api-token-0123456789abcdef";
export const authorization = { authorization: `Bearer ${apiToken}` };

/** The engines integration tests run on: PGlite always, PostgreSQL when TEST_DATABASE_URL is set. */
export function testEngines(): Engine[] {
  return inject("postgresTemplateUrl") ? ["pglite", "postgres"] : ["pglite"];
}

/** A fresh, migrated database of its own for one test file. */
export async function openTestDatabase(
  engine: Engine,
): Promise<Db & { url?: string; drop(): Promise<void> }> {
  if (engine === "pglite") {
    const snapshot = new Blob([await readFile(inject("pgliteSnapshot"))]);
    const db = await openDatabase({ memory: true, loadDataDir: snapshot });
    return { ...db, drop: () => db.close() };
  }
  const template = inject("postgresTemplateUrl");
  const templateName = new URL(template).pathname.slice(1);
  const name = `${templateName.replace(/_template$/, "")}_${randomBytes(4).toString("hex")}`;
  const url = await createDatabase(template, name, templateName);
  const db = await openDatabase({ url, poolSize: 5 });
  return {
    ...db,
    url,
    drop: async () => {
      await db.close();
      await dropDatabase(url);
    },
  };
}

export type TestApp = App & { clock: ReturnType<typeof fixedClock>; logs: string[]; close(): Promise<void> };

export type TestAppOptions = {
  clock?: Clock & ReturnType<typeof fixedClock>;
  /** Default: the development mailbox. */
  mailer?: Mailer;
  /** Run the scheduled work on its timer; by default tests run it with `app.background.runOnce()`. */
  background?: boolean;
  backgroundIntervalMs?: number;
  /** Another app's database: two instances on one database. */
  db?: Db;
  /** How webhook host names resolve (a test DNS server); default the system's resolver. */
  resolveHost?: ResolveHost;
};

/**
 * The whole app in-process (requests through `server.inject`), on a fresh database, with a fixed
 * clock (2026-11-24T09:00:00Z unless given).
 */
export async function startTestApp(
  engine: Engine,
  env: Record<string, string> = {},
  options: TestAppOptions = {},
): Promise<TestApp> {
  const clock = options.clock ?? fixedClock(new Date("2026-11-24T09:00:00Z"));
  const shared = options.db;
  const db = shared ? { ...shared, drop: async () => {} } : await openTestDatabase(engine);
  const logs: string[] = [];
  const logDestination = new Writable({
    write(chunk, _encoding, done) {
      logs.push(String(chunk));
      done();
    },
  });
  const config = loadConfig({
    API_TOKENS: apiToken,
    LOG_LEVEL: "info",
    PUBLIC_URL: "http://provisio.test",
    ...env,
  });
  const app = await createApp({
    config,
    db,
    clock,
    logDestination,
    background: options.background ?? false,
    ...(options.mailer ? { mailer: options.mailer } : {}),
    ...(options.backgroundIntervalMs ? { backgroundIntervalMs: options.backgroundIntervalMs } : {}),
    ...(options.resolveHost ? { resolveHost: options.resolveHost } : {}),
  });
  return {
    ...app,
    clock,
    logs,
    close: async () => {
      await app.stop();
      await db.drop();
    },
  };
}
