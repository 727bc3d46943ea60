import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { linkRequest } from "../src/limits/rate-limits.repository.js";
import { recordSearch } from "../src/setup/setup.repository.js";
import { openSearchLink } from "../src/setup/setup-link.js";
import { orderWithLink } from "./support/directory.js";
import { openTestDatabase, startTestApp, testEngines } from "./support/test-app.js";

// src/db/asynchronous-commit.ts: what a search records commits without waiting for the disk, and the
// setting never outlives its transaction on a pooled connection (the next order must wait for the disk).
describe.each(testEngines())("asynchronous commit on %s", (engine) => {
  let db: Awaited<ReturnType<typeof openTestDatabase>>;
  beforeAll(async () => {
    db = await openTestDatabase(engine);
  });
  afterAll(() => db.drop());

  const setting = async (conn: typeof db.kysely) =>
    (await sql<{ synchronous_commit: string }>`show synchronous_commit`.execute(conn)).rows[0]!
      .synchronous_commit;

  it("a search's record makes its transaction commit asynchronously, and the connection waits for the disk again after", async () => {
    const app = await startTestApp(engine, {}, { db });
    const { token } = await orderWithLink(app);
    await app.stop();
    const at = new Date("2026-11-24T09:00:00Z");
    const link = await openSearchLink(db.kysely, token, new Date(at.getTime() - 3_600_000));
    await db.kysely.connection().execute(async (conn) => {
      const inside = await conn.transaction().execute(async (trx) => {
        const before = await setting(trx);
        const written = await recordSearch(trx, link, {
          disclosed: [],
          draft: { companyName: "Acme", adminEmail: "a@acme.example" },
          match: {
            outcome: "no_match",
            candidates: [],
            sameDomain: [],
            input: {
              nameKey: "acme",
              prefix: "acme",
              registrableDomain: "acme.example",
              publicProvider: false,
            },
          },
          audit: {
            at,
            actor: `setup-link:${link.invitation.id}`,
            action: "setup.match",
            subject: { type: "invitation", id: link.invitation.id },
            details: {},
          },
        });
        return { before, written, after: await setting(trx) };
      });
      expect(inside).toEqual({ before: "on", written: true, after: "off" });
      expect(await setting(conn)).toBe("on");
    });
  });

  it("the link counters count in one statement that leaves the connection as it was", async () => {
    const now = new Date("2026-11-24T09:00:00Z");
    const keys = { viewKey: "link:192.0.2.1", unknownKey: "link-unknown:192.0.2.1" };
    const windows = { now, viewWindowMs: 600_000, unknownWindowMs: 600_000 };
    await db.kysely.connection().execute(async (conn) => {
      expect((await linkRequest(conn, keys, windows)).views).toBe(1);
      expect(await setting(conn)).toBe("on");
      expect((await linkRequest(conn, keys, windows)).views).toBe(2);
    });
  });
});
