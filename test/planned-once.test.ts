import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { plannedOnce } from "../src/db/database.js";
import { openTestDatabase, testEngines } from "./support/test-app.js";

// src/db/database.ts plannedOnce: a marked statement is a named prepared statement of the connection
// on PostgreSQL (parsed and planned once there), and answers the same as an unmarked one on both engines.
describe.each(testEngines())("statements planned once on %s", (engine) => {
  let db: Awaited<ReturnType<typeof openTestDatabase>>;
  beforeAll(async () => {
    db = await openTestDatabase(engine);
  });
  afterAll(() => db.drop());

  const statement = (n: number) =>
    sql<{ doubled: number }>`select ${n}::int * 2 as doubled, 'planned once test' as marker`.compile(
      db.kysely,
    );

  it("answers as the statement does, call after call, with other parameters", async () => {
    await db.kysely.connection().execute(async (conn) => {
      for (const n of [1, 2, 3, 4, 5, 6, 7, 8])
        expect((await conn.executeQuery(plannedOnce(statement(n)))).rows).toEqual([
          { doubled: 2 * n, marker: "planned once test" },
        ]);
      const prepared = await sql<{ name: string; statement: string }>`
        select name, statement from pg_prepared_statements`.execute(conn);
      const ours = prepared.rows.filter((r) => r.statement.includes("planned once test"));
      if (engine === "postgres") {
        expect(ours).toHaveLength(1);
        expect(ours[0]!.name).toMatch(/^provisio_\d+$/);
      } else expect(ours).toEqual([]);
    });
  });

  it("leaves unmarked statements unnamed", async () => {
    await db.kysely.connection().execute(async (conn) => {
      const unmarked = sql`select 'not planned once' as marker`.compile(db.kysely);
      await conn.executeQuery(unmarked);
      const prepared = await sql<{ statement: string }>`select statement from pg_prepared_statements`.execute(
        conn,
      );
      expect(prepared.rows.filter((r) => r.statement.includes("not planned once"))).toEqual([]);
    });
  });
});
