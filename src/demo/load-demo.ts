import { sql } from "kysely";
import { fixedClock } from "../clock.js";
import { loadConfig } from "../config.js";
import type { Db } from "../db/database.js";
import { standaloneDirectoryDeps } from "../directory/directory-deps.js";
import { type ImportResult, importDirectory } from "../directory/import-directory.js";
import { newChallenge } from "../domains/challenge.js";
import { demoDirectory, demoVerifiedDomains } from "./demo-directory.js";

/**
 * Loads the demo directory through the import, so it is idempotent by externalId, and marks the demo's
 * verified domains (demoVerifiedDomains) as proven.
 * With onlyIfEmpty, does nothing (and answers null) when the directory has any organization.
 */
export async function loadDemoDirectory(
  db: Db,
  options: { onlyIfEmpty?: boolean; now?: Date } = {},
): Promise<ImportResult | null> {
  if (options.onlyIfEmpty) {
    const any = await sql`select 1 from organizations limit 1`.execute(db.kysely);
    if (any.rows.length > 0) return null;
  }
  const now = options.now ?? new Date();
  const records = demoDirectory(now);
  // The import's own audit line is dated at the demo's `now` too.
  const result = await importDirectory(
    standaloneDirectoryDeps(db.kysely, loadConfig({}), fixedClock(now)),
    (async function* () {
      for (const record of records) yield JSON.stringify(record);
    })(),
  );
  if (result.errorCount > 0) {
    throw new Error(`the demo directory has bad records: ${JSON.stringify(result.errors.slice(0, 3))}`);
  }
  // The import stamps new subscriptions with the database's time; the demo's "today" is `now`.
  await sql`update subscriptions set created_at = ${now}
            where external_id like 'demo-sub-%' and created_at > ${now}`.execute(db.kysely);
  for (const d of demoVerifiedDomains) {
    await sql`
      insert into domain_verifications
        (organization_id, domain, status, claimed, challenge, created_at, verified_at, checked_at, next_check_at)
      select id, ${d.domain}, 'verified', ${d.claimed}, ${newChallenge()}, ${now}, ${now}, ${now}, null
        from organizations where external_id = ${d.organizationExternalId} and deleted_at is null
      on conflict (organization_id, domain) do nothing`.execute(db.kysely);
  }
  return result;
}
