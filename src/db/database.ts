import { existsSync } from "node:fs";
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { PGlite, types } from "@electric-sql/pglite";
import { type CompiledQuery, Kysely, PostgresDialect, sql } from "kysely";
import { PGliteDialect } from "kysely-pglite-dialect";
import pg from "pg";
import { emptyClusterTemplate } from "./pglite-template.js";
import type { Database } from "./schema.js";

export type Engine = "postgres" | "pglite";

/** The open database: Kysely on PostgreSQL (pg pool) or on embedded PGlite, with one SQL dialect. */
export type Db = {
  readonly kysely: Kysely<Database>;
  readonly engine: Engine;
  /** Present on PostgreSQL only: the pool, for COPY and other driver-level work. */
  readonly pool: pg.Pool | undefined;
  /** Present on the embedded engine only: the PGlite instance (for dumps and snapshots). */
  readonly pglite: PGlite | undefined;
  /**
   * LISTEN: calls `onNotify` for every notification on `channel` (sent by committed transactions), and
   * once more whenever the listening connection is (re)made, since notifications may have been missed
   * while it was away. On PostgreSQL a connection of its own that reconnects after a restart; on PGlite
   * the in-process notifications. Answers the function that stops listening.
   */
  listen(channel: string, onNotify: () => void): Promise<() => Promise<void>>;
  /** One connection held for `fn`, speaking plain SQL scripts (several statements per call). */
  withSession<T>(fn: (session: Session) => Promise<T>): Promise<T>;
  close(): Promise<void>;
};

export type Session = {
  /** Runs a script of one or more statements without parameters. */
  exec(script: string): Promise<void>;
  query<Row>(text: string, params?: unknown[]): Promise<Row[]>;
};

export type DatabaseOptions =
  | { url: string; poolSize?: number }
  | { dataDir: string }
  | { memory: true; loadDataDir?: Blob | File };

// int8 stays a string on both engines, so ids are strings and counts never lose precision.
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => value);
// A date is a calendar day, not an instant: it stays "2026-12-01" instead of a Date at local midnight.
pg.types.setTypeParser(pg.types.builtins.DATE, (value) => value);

/** Statement texts marked by plannedOnce, and the name each is prepared under. */
const namedStatements = new Map<string, string>();

/**
 * Marks a statement to be planned once per connection: on PostgreSQL its text is sent as a named
 * prepared statement, parsed once per connection and, after PostgreSQL's five custom plans, run on its
 * generic plan when that costs no more; on PGlite it is sent as it is. For statements of one fixed
 * text run very often, whose planning costs as much as running them (the delivery queue's claim and
 * record: docs/benchmarks.md § Events and webhooks). Answers the query.
 */
export function plannedOnce<R>(query: CompiledQuery<R>): CompiledQuery<R> {
  if (!namedStatements.has(query.sql)) namedStatements.set(query.sql, `provisio_${namedStatements.size + 1}`);
  return query;
}

// Sends a marked text by its name (node-postgres prepares a name on its first use on a connection).
function sendPlannedOnceByName(client: pg.PoolClient) {
  const query = client.query.bind(client) as (...args: unknown[]) => unknown;
  client.query = ((text: unknown, values?: unknown, callback?: unknown) => {
    const name = typeof text === "string" ? namedStatements.get(text) : undefined;
    return name ? query({ name, text, values }, callback) : query(text, values, callback);
  }) as typeof client.query;
}

export async function openDatabase(options: DatabaseOptions): Promise<Db> {
  if ("url" in options) {
    const pool = new pg.Pool({
      connectionString: options.url,
      max: options.poolSize ?? 10,
      idleTimeoutMillis: 30_000,
      connectionTimeoutMillis: 5_000,
    });
    // A client losing its connection (server restart) must not crash the process: an idle one is
    // reported by the pool, a checked-out one by itself. Its query fails, and the pool drops it on release.
    pool.on("error", () => {});
    pool.on("connect", (client) => {
      client.on("error", () => {});
      sendPlannedOnceByName(client);
    });
    const kysely = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    return {
      kysely,
      engine: "postgres",
      pool,
      pglite: undefined,
      listen: (channel, onNotify) => listenOnPostgres(options.url, channel, onNotify),
      async withSession(fn) {
        const client = await pool.connect();
        try {
          return await fn({
            exec: async (script) => void (await client.query(script)),
            query: async (text, params) => (await client.query(text, params)).rows,
          });
        } finally {
          client.release();
        }
      },
      async close() {
        await kysely.destroy();
        // Kysely ends the pool only if it ran a query itself; sessions use the pool directly.
        if (!pool.ended) await pool.end();
      },
    };
  }
  const lock = "dataDir" in options ? await lockDataDir(options.dataDir) : undefined;
  const loadDataDir =
    "loadDataDir" in options && options.loadDataDir
      ? options.loadDataDir
      : freshCluster(options)
        ? emptyClusterTemplate()
        : undefined;
  const pglite = await PGlite.create({
    ...("dataDir" in options ? { dataDir: options.dataDir } : {}),
    ...(loadDataDir ? { loadDataDir } : {}),
    parsers: { [types.INT8]: (value: string) => value, [types.DATE]: (value: string) => value },
  }).catch(async (error: unknown) => {
    await lock?.release();
    throw error;
  });
  const kysely = new Kysely<Database>({ dialect: new PGliteDialect(pglite) });
  return {
    kysely,
    engine: "pglite",
    pool: undefined,
    pglite,
    async listen(channel, onNotify) {
      const stop = await pglite.listen(channel, () => onNotify());
      onNotify();
      return stop;
    },
    // PGlite is one connection in this process: a session is that connection.
    withSession: (fn) =>
      fn({
        exec: async (script) => void (await pglite.exec(script)),
        query: async <Row>(text: string, params?: unknown[]) => (await pglite.query<Row>(text, params)).rows,
      }),
    close: async () => {
      await kysely.destroy();
      // The dialect leaves the instance open, and a loaded cluster keeps a timer alive until it closes.
      if (!pglite.closed) await pglite.close();
      await lock?.release();
    },
  };
}

/** Another process has the embedded database's folder open: two writers would corrupt it. */
export class DataDirInUseError extends Error {
  constructor(
    readonly dataDir: string,
    readonly pid: number,
  ) {
    super(
      `the embedded database in ${dataDir} is in use by another Provisio process (pid ${pid}, for example npm start). ` +
        "Stop that process first; to add the first console operator while the server runs, open the console setup link it printed when it started.",
    );
    this.name = "DataDirInUseError";
  }
}

/**
 * PGlite is one process's database: a second process opening the same folder would write it at the
 * same time. The folder is locked with a file holding the owner's pid; a lock whose process is gone
 * (killed) is taken over.
 */
async function lockDataDir(dataDir: string): Promise<{ release(): Promise<void> }> {
  await mkdir(dataDir, { recursive: true });
  const file = join(dataDir, "provisio.pid");
  for (let attempt = 0; ; attempt++) {
    try {
      await writeFile(file, `${process.pid}\n`, { flag: "wx" });
      return { release: () => rm(file, { force: true }) };
    } catch (error) {
      if ((error as { code?: string }).code !== "EEXIST" || attempt > 0) throw error;
      const pid = Number((await readFile(file, "utf8").catch(() => "")).trim());
      if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && isAlive(pid)) {
        throw new DataDirInUseError(dataDir, pid);
      }
      await rm(file, { force: true });
    }
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as { code?: string }).code === "EPERM";
  }
}

/** No cluster yet: PGlite would run initdb (src/db/pglite-template.ts says why the template is loaded instead). */
function freshCluster(options: { dataDir: string } | { memory: true }): boolean {
  return "memory" in options || !existsSync(join(options.dataDir, "PG_VERSION"));
}

export async function isReachable(db: Db): Promise<boolean> {
  try {
    await sql`select 1`.execute(db.kysely);
    return true;
  } catch {
    return false;
  }
}

const relistenMs = 1_000;

async function listenOnPostgres(
  url: string,
  channel: string,
  onNotify: () => void,
): Promise<() => Promise<void>> {
  let stopped = false;
  let client: pg.Client | undefined;
  let retry: NodeJS.Timeout | undefined;
  const again = () => {
    if (!stopped) retry = setTimeout(() => void connect(), relistenMs);
  };
  const connect = async () => {
    const c = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
    c.on("error", () => {});
    c.on("notification", (n) => {
      if (n.channel === channel) onNotify();
    });
    c.on("end", () => {
      if (client === c) {
        client = undefined;
        again();
      }
    });
    try {
      await c.connect();
      await c.query(`listen "${channel.replaceAll('"', '""')}"`);
      if (stopped) return void (await c.end());
      client = c;
      onNotify();
    } catch {
      await c.end().catch(() => {});
      again();
    }
  };
  await connect();
  return async () => {
    stopped = true;
    if (retry) clearTimeout(retry);
    const c = client;
    client = undefined;
    await c?.end().catch(() => {});
  };
}
