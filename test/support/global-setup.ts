import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import type { TestProject } from "vitest/node";
import { openDatabase } from "../../src/db/database.js";
import { migrate } from "../../src/db/migrate.js";

declare module "vitest" {
  export interface ProvidedContext {
    /** A migrated PGlite data directory (tar), loaded by each test file instead of booting initdb. */
    pgliteSnapshot: string;
    /** A migrated PostgreSQL database to clone per test file; "" when TEST_DATABASE_URL is unset. */
    postgresTemplateUrl: string;
  }
}

/** Migrates once per run: a PGlite snapshot, and a PostgreSQL template when TEST_DATABASE_URL is set. */
export default async function setup(project: TestProject) {
  const dir = await mkdtemp(join(tmpdir(), "provisio-test-"));
  const pglite = await openDatabase({ memory: true });
  await migrate(pglite);
  const snapshot = join(dir, "pglite.tar");
  const dump = await pglite.pglite!.dumpDataDir("none");
  await writeFile(snapshot, Buffer.from(await dump.arrayBuffer()));
  await pglite.close();
  project.provide("pgliteSnapshot", snapshot);

  const url = process.env.TEST_DATABASE_URL;
  let templateUrl = "";
  if (url) {
    templateUrl = await createDatabase(url, `${new URL(url).pathname.slice(1) || "provisio_test"}_template`);
    const template = await openDatabase({ url: templateUrl, poolSize: 1 });
    await migrate(template);
    await template.close();
  }
  project.provide("postgresTemplateUrl", templateUrl);

  return async () => {
    await rm(dir, { recursive: true, force: true });
    if (templateUrl) await dropDatabase(templateUrl);
  };
}

/** Creates (or re-creates) a database on the server of `url`; answers its URL. */
export async function createDatabase(url: string, name: string, template?: string): Promise<string> {
  const admin = new pg.Client({ connectionString: withDatabase(url, "postgres") });
  await admin.connect();
  try {
    await admin.query(`drop database if exists "${name}" with (force)`);
    await admin.query(`create database "${name}"${template ? ` template "${template}"` : ""}`);
  } finally {
    await admin.end();
  }
  return withDatabase(url, name);
}

export async function dropDatabase(url: string): Promise<void> {
  const admin = new pg.Client({ connectionString: withDatabase(url, "postgres") });
  await admin.connect();
  try {
    await admin.query(`drop database if exists "${new URL(url).pathname.slice(1)}" with (force)`);
  } finally {
    await admin.end();
  }
}

export function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}
