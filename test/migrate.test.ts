import { sql } from "kysely";
import { afterEach, describe, expect, it } from "vitest";
import { openDatabase } from "../src/db/database.js";
import { isMigrated, loadMigrations, migrate } from "../src/db/migrate.js";
import { openTestDatabase, testEngines } from "./support/test-app.js";

describe.each(testEngines())("migrations on %s", (engine) => {
  const opened: { drop(): Promise<void> }[] = [];
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((db) => db.drop()));
  });

  it("are numbered, forward-only files applied once, in order", async () => {
    const migrations = await loadMigrations();
    // Numbers are handed out per piece of work, so one may be missing until its work lands; they only rise.
    const versions = migrations.map((m) => m.version);
    expect(versions[0]).toBe(1);
    expect(versions).toEqual([...new Set(versions)].sort((a, b) => a - b));
    const db = await openTestDatabase(engine);
    opened.push(db);
    expect(await isMigrated(db)).toBe(true);
    expect((await migrate(db)).applied).toEqual([]);
    const rows = await sql<{
      version: number;
    }>`select version from schema_migrations order by version`.execute(db.kysely);
    expect(rows.rows.map((r) => r.version)).toEqual(migrations.map((m) => m.version));
  });

  it("refuse a database migrated by a newer build", async () => {
    const db = await openTestDatabase(engine);
    opened.push(db);
    await sql`insert into schema_migrations (version, name) values (9999, 'from_the_future')`.execute(
      db.kysely,
    );
    await expect(migrate(db)).rejects.toThrow(/9999_from_the_future/);
  });
});

// PostgreSQL only: PGlite is one process's database, so there is no second instance to race.
if (testEngines().includes("postgres"))
  describe("migrations on one PostgreSQL database", () => {
    it("are safe when several instances start at once", async () => {
      const target = await openTestDatabase("postgres");
      try {
        // An empty database (the template is already migrated): drop everything first.
        await sql`drop schema public cascade; create schema public`.execute(target.kysely).catch(async () => {
          await sql`drop schema public cascade`.execute(target.kysely);
          await sql`create schema public`.execute(target.kysely);
        });
        const url = target.url!;
        const instances = await Promise.all(
          Array.from({ length: 4 }, () => openDatabase({ url, poolSize: 2 })),
        );
        const results = await Promise.all(instances.map((db) => migrate(db)));
        await Promise.all(instances.map((db) => db.close()));
        const total = (await loadMigrations()).length;
        expect(results.map((r) => r.applied.length).sort()).toEqual([0, 0, 0, total]);
        expect(await isMigrated(target)).toBe(true);
      } finally {
        await target.drop();
      }
    });
  });
