import { sql } from "kysely";
import { loadConfig } from "../config.js";
import type { Db } from "../db/database.js";
import { standaloneDirectoryDeps } from "../directory/directory-deps.js";
import { type ImportResult, importDirectory } from "../directory/import-directory.js";
import { demoDirectory } from "./demo-directory.js";

/**
 * Loads the demo directory through the import, so it is idempotent by externalId.
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
  const records = demoDirectory(options.now ?? new Date());
  const result = await importDirectory(
    standaloneDirectoryDeps(db.kysely, loadConfig({})),
    (async function* () {
      for (const record of records) yield JSON.stringify(record);
    })(),
  );
  if (result.errorCount > 0) {
    throw new Error(`the demo directory has bad records: ${JSON.stringify(result.errors.slice(0, 3))}`);
  }
  return result;
}
