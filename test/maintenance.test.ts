import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { maintainTables } from "../src/db/maintenance.js";
import { authorization, startTestApp, type TestApp, testEngines } from "./support/test-app.js";

// Planner statistics where autovacuum does not run (src/db/maintenance.ts): fresh right after an
// import, and kept by the background round afterwards.
describe.each(testEngines())("table statistics on %s", (engine) => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp(engine);
  });
  afterAll(() => app.close());

  const statistics = async (table: string) =>
    (
      await sql<{ estimate: number; analyzed: boolean; vacuumed: boolean }>`
        select c.reltuples::float8 as estimate, s.last_analyze is not null as analyzed,
               s.last_vacuum is not null as vacuumed
        from pg_class c join pg_stat_user_tables s on s.relid = c.oid where c.relname = ${table}`.execute(
        app.db.kysely,
      )
    ).rows[0]!;

  it("are the directory's as imported when the import answers, with no step by hand", async () => {
    for (const table of ["organizations", "users", "organization_domains"]) {
      expect((await statistics(table)).analyzed, table).toBe(false);
    }
    const lines = [{ type: "organization", externalId: "o-1", name: "Statistica S.r.l.", kind: "customer" }];
    for (let i = 0; i < 300; i++) {
      lines.push({
        type: "user",
        organizationExternalId: "o-1",
        email: `person${i}@statistica.example`,
        role: "user",
      } as never);
    }
    const answer = await app.server.inject({
      method: "POST",
      url: "/api/v1/import",
      headers: { ...authorization, "content-type": "application/x-ndjson" },
      payload: lines.map((l) => JSON.stringify(l)).join("\n"),
    });
    expect(answer.statusCode, answer.body).toBe(200);
    expect(answer.json().errorCount, answer.body.slice(0, 300)).toBe(0);
    const users = await statistics("users");
    // Vacuumed too: index-only scans need the visibility map, and the triggers left dead rows.
    expect(users).toEqual({ estimate: 300, analyzed: true, vacuumed: true });
    expect((await statistics("organizations")).estimate).toBe(1);
    expect((await statistics("organization_domains")).estimate).toBe(1);
  });

  it("a round vacuums a table after many deletions, then has nothing to do", async () => {
    // Deleted in one session, which then reports its statistics at once.
    await app.db.withSession(async (session) => {
      await session.exec("delete from users where email like 'person%@statistica.example'");
      await session.exec("select pg_stat_force_next_flush()");
      await session.exec("select 1");
    });
    const autovacuum = (
      await sql<{ on: boolean }>`select current_setting('autovacuum')::boolean as "on"`.execute(app.db.kysely)
    ).rows[0]!.on;
    const round = await maintainTables(app.db);
    if (engine === "postgres" && autovacuum) {
      // PostgreSQL's own autovacuum does this work there.
      expect(round).toEqual({ analyzed: [], vacuumed: [] });
      return;
    }
    expect(round.vacuumed).toContain("users");
    expect(await maintainTables(app.db)).toEqual({ analyzed: [], vacuumed: [] });
  });
});
