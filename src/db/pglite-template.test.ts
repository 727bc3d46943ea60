import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { openDatabase } from "./database.js";
import { emptyClusterTemplate, installedPgliteVersion } from "./pglite-template.js";

describe("the empty embedded cluster a first start loads", () => {
  it("was made by the installed PGlite (else run `npm run db:template`)", () => {
    expect(emptyClusterTemplate()).toBeInstanceOf(Blob);
    expect(installedPgliteVersion()).toMatch(/^\d+\.\d+\.\d+/);
  });

  it("opens as a working, empty database in a new data directory, and again after a restart", async () => {
    const dir = await mkdtemp(join(tmpdir(), "provisio-template-"));
    try {
      const first = await openDatabase({ dataDir: join(dir, "data") });
      await sql`create table kept (id int)`.execute(first.kysely);
      await sql`insert into kept values (7)`.execute(first.kysely);
      const tables = await sql<{ n: number }>`
        select count(*)::int as n from pg_tables where schemaname = 'public'`.execute(first.kysely);
      expect(tables.rows[0]!.n).toBe(1);
      await first.close();
      const again = await openDatabase({ dataDir: join(dir, "data") });
      const rows = await sql<{ id: number }>`select id from kept`.execute(again.kysely);
      expect(rows.rows).toEqual([{ id: 7 }]);
      await again.close();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
