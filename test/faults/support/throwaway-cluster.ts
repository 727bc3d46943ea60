import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { chown, mkdtemp, rm } from "node:fs/promises";
import { tmpdir, userInfo } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import pg from "pg";
import { freePort } from "./provisio-process.js";

const run = promisify(execFile);
const binDir = process.env.POSTGRES_BIN_DIR ?? "/usr/lib/postgresql/15/bin";

/**
 * A PostgreSQL cluster of the test's own: `initdb` into a temporary folder, its own port on
 * 127.0.0.1. Fault tests stop and restart it; the machine's shared server is never touched.
 */
export type ThrowawayCluster = {
  /** Creates a database; answers its URL. */
  createDatabase(name: string): Promise<string>;
  /** A fast shutdown: open connections are terminated (57P01), new ones refused. */
  stop(): Promise<void>;
  start(): Promise<void>;
  /** Stops the cluster at once and deletes its folder; safe to call whatever state it is in. */
  destroy(): Promise<void>;
};

/** Runs a PostgreSQL binary, as the `postgres` OS user when we are root (initdb refuses root). */
function postgresCommand(binary: string, args: string[]) {
  const path = join(binDir, binary);
  return userInfo().uid === 0 ? run("runuser", ["-u", "postgres", "--", path, ...args]) : run(path, args);
}

/** Creates and starts a throwaway cluster; fails loudly when PostgreSQL 15's binaries are missing. */
export async function startThrowawayCluster(): Promise<ThrowawayCluster> {
  if (!existsSync(join(binDir, "initdb"))) {
    throw new Error(
      `fault tests need PostgreSQL's initdb in ${binDir} (install postgresql-15 or set POSTGRES_BIN_DIR)`,
    );
  }
  const dir = await mkdtemp(join(tmpdir(), "provisio-faults-"));
  if (userInfo().uid === 0) {
    const [uid, gid] = await Promise.all([run("id", ["-u", "postgres"]), run("id", ["-g", "postgres"])]);
    await chown(dir, Number(uid.stdout.trim()), Number(gid.stdout.trim()));
  }
  const dataDir = join(dir, "data");
  const port = await freePort();
  const pgCtl = (...args: string[]) => postgresCommand("pg_ctl", ["-D", dataDir, ...args]);
  const url = (name = "postgres") => `postgres://postgres@127.0.0.1:${port}/${name}`;
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off`;
  const start = () => pgCtl("-o", options, "-l", join(dir, "postgres.log"), "start", "-w", "-t", "30");
  try {
    await postgresCommand("initdb", ["-D", dataDir, "-A", "trust", "-U", "postgres", "--no-sync"]);
    await start();
  } catch (error) {
    await pgCtl("stop", "-m", "immediate", "-w").catch(() => {});
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
  return {
    async createDatabase(name) {
      const admin = new pg.Client({ connectionString: url() });
      await admin.connect();
      try {
        await admin.query(`create database "${name}"`);
      } finally {
        await admin.end();
      }
      return url(name);
    },
    stop: async () => void (await pgCtl("stop", "-m", "fast", "-w", "-t", "30")),
    start: async () => void (await start()),
    async destroy() {
      await pgCtl("stop", "-m", "immediate", "-w").catch(() => {});
      await rm(dir, { recursive: true, force: true });
    },
  };
}
