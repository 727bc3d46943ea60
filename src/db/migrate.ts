import { readdir, readFile } from "node:fs/promises";
import type { Db } from "./database.js";

export type Migration = { version: number; name: string; sql: string };

const migrationsDir = new URL("./migrations/", import.meta.url);
// Any constant shared by all instances: "prov" in ASCII.
const advisoryLockKey = 0x70726f76;

/** Numbered, forward-only SQL files: `0001_directory.sql`, `0002_….sql`, … */
export async function loadMigrations(): Promise<Migration[]> {
  const files = (await readdir(migrationsDir)).filter((f) => f.endsWith(".sql")).sort();
  return Promise.all(
    files.map(async (file) => {
      const match = /^(\d{4})_([a-z0-9_]+)\.sql$/.exec(file);
      if (!match) throw new Error(`migration file name must look like 0001_name.sql: ${file}`);
      return {
        version: Number(match[1]),
        name: match[2]!,
        sql: await readFile(new URL(file, migrationsDir), "utf8"),
      };
    }),
  );
}

/**
 * Applies the pending migrations, each in its own transaction. An advisory lock held for the whole
 * run makes instances that start together wait for each other instead of racing.
 */
export async function migrate(db: Db): Promise<{ applied: Migration[] }> {
  const migrations = await loadMigrations();
  return db.withSession(async (session) => {
    await session.query("select pg_advisory_lock($1)", [advisoryLockKey]);
    try {
      await session.exec(`create table if not exists schema_migrations (
        version integer primary key,
        name text not null,
        applied_at timestamptz not null default now()
      )`);
      const done = await session.query<{ version: number; name: string }>(
        "select version, name from schema_migrations order by version",
      );
      for (const m of done) {
        if (!migrations.some((f) => f.version === m.version && f.name === m.name)) {
          throw new Error(`database has migration ${m.version}_${m.name}, which this build does not know`);
        }
      }
      const applied: Migration[] = [];
      for (const migration of migrations) {
        if (done.some((m) => m.version === migration.version)) continue;
        await session.exec("begin");
        try {
          await session.exec(migration.sql);
          await session.query("insert into schema_migrations (version, name) values ($1, $2)", [
            migration.version,
            migration.name,
          ]);
          await session.exec("commit");
        } catch (error) {
          await session.exec("rollback");
          throw new Error(`migration ${migration.version}_${migration.name} failed: ${String(error)}`, {
            cause: error,
          });
        }
        applied.push(migration);
      }
      return { applied };
    } finally {
      await session.query("select pg_advisory_unlock($1)", [advisoryLockKey]);
    }
  });
}

// The build's migrations do not change while it runs: /readyz reads their names once, not on every call.
let latestVersion: Promise<number> | undefined;

/** True when every migration this build knows is applied (for /readyz). */
export async function isMigrated(db: Db): Promise<boolean> {
  latestVersion ??= loadMigrations().then(
    (all) => all.at(-1)?.version ?? 0,
    (error: unknown) => {
      latestVersion = undefined;
      throw error;
    },
  );
  const latest = await latestVersion;
  const row = await db.kysely
    .selectFrom("schema_migrations")
    .select((eb) => eb.fn.max("version").as("version"))
    .executeTakeFirst();
  return Number(row?.version ?? 0) >= latest;
}
