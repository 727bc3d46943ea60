/**
 * Import benchmark (`npm run bench:import [-- --users N]`): generates a directory export, imports it
 * into a fresh PostgreSQL database the way `provisio import FILE` does, imports it again (every record
 * an update), and measures a raw `COPY users … FROM STDIN` of the same user rows as the floor.
 * Writes the results to docs/benchmarks.md § Import (`--help` for the options).
 */
import { execFileSync, spawnSync } from "node:child_process";
import { createReadStream, mkdirSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { cpus, totalmem } from "node:os";
import { dirname, join } from "node:path";
import { performance } from "node:perf_hooks";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import { loadConfig } from "../src/config.js";
import { type Db, openDatabase } from "../src/db/database.js";
import { loadMigrations, migrate } from "../src/db/migrate.js";
import { standaloneDirectoryDeps } from "../src/directory/directory-deps.js";
import {
  type ImportOptions,
  type ImportResult,
  importDefaults,
  importDirectory,
} from "../src/directory/import-directory.js";
import { maxImportLineBytes, ndjsonLines } from "../src/directory/ndjson-lines.js";
import { parseEmail } from "../src/matching/email.js";
import { parseCompanyName } from "../src/matching/name-key.js";
import { writeBenchmarkSection } from "./bench-doc.js";
import type { DataSize, Generated } from "./directory-data.js";

const benchLineLimits = { maxLineBytes: maxImportLineBytes, maxTotalBytes: Number.MAX_SAFE_INTEGER };

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const docFile = join(root, "docs", "benchmarks.md");
const sectionTitle = "## Import (`npm run bench:import`)";
const defaultUsers = 1_000_000;

const { values: args } = parseArgs({
  args: process.argv.slice(2),
  options: {
    users: { type: "string" },
    orgs: { type: "string" },
    subscriptions: { type: "string" },
    "batch-size": { type: "string" },
    writers: { type: "string" },
    "base-migration": { type: "string" },
    doc: { type: "boolean" },
    "no-doc": { type: "boolean" },
    "keep-file": { type: "boolean" },
    "skip-copy": { type: "boolean" },
    "skip-base": { type: "boolean" },
    help: { type: "boolean", short: "h" },
  },
});
if (args.help) {
  console.log(`Usage: npm run bench:import -- [options]
  --users N           users in the generated export (default ${defaultUsers.toLocaleString("en")})
  --orgs N            organizations (default users / 10)
  --subscriptions N   subscriptions (default users * 0.15)
  --batch-size N      importer batch size (default: the importer's own, as \`provisio import\`)
  --writers N         importer writers (default: the importer's own)
  --base-migration N  also time a first import into a schema of migrations 1..N only (default 1), to
                      show what the later migrations (triggers, indexes) cost; --skip-base to skip it
  --doc / --no-doc    write docs/benchmarks.md § Import (default: only for the full ${defaultUsers.toLocaleString("en")}-user run)
  --keep-file         keep the generated file in .bench/
  --skip-copy         skip the raw COPY floor
Environment: BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/postgres): the server;
the benchmark creates and drops databases named provisio_bench_import_<timestamp>_* on it.`);
  process.exit(0);
}
const whole = (value: string | undefined, fallback: number, name: string): number => {
  if (value === undefined) return fallback;
  const n = Number(value.replaceAll("_", ""));
  if (!Number.isInteger(n) || n < 0) throw new Error(`--${name} must be a whole number`);
  return n;
};
const users = whole(args.users, defaultUsers, "users");
const size: DataSize = {
  users,
  organizations: whole(args.orgs, Math.max(1, Math.round(users / 10)), "orgs"),
  subscriptions: whole(args.subscriptions, Math.round(users * 0.15), "subscriptions"),
};
const importOptions: ImportOptions = {
  ...(args["batch-size"] === undefined ? {} : { batchSize: whole(args["batch-size"], 0, "batch-size") }),
  ...(args.writers === undefined ? {} : { writers: whole(args.writers, 0, "writers") }),
};
const baseMigration = whole(args["base-migration"], 1, "base-migration");
const writeDoc = args["no-doc"] ? false : (args.doc ?? users === defaultUsers);

// ---- measuring

/** Samples the resident set size every 20 ms (and on demand) and keeps the peak. */
class RssPeak {
  private peak = 0;
  private timer: NodeJS.Timeout | undefined;
  start() {
    this.peak = process.memoryUsage().rss;
    this.timer = setInterval(() => this.sample(), 20);
    this.timer.unref();
  }
  sample() {
    this.peak = Math.max(this.peak, process.memoryUsage().rss);
  }
  stop(): number {
    this.sample();
    clearInterval(this.timer);
    return this.peak;
  }
}

/**
 * CPU ticks of the local PostgreSQL processes that work for `database`: its backends and the shared
 * background processes (WAL writer, checkpointer, …), by pid, from /proc. Backends of other databases
 * (other people's tests on the same server) are left out.
 */
function postgresTicks(database: string): Map<number, number> {
  const ticks = new Map<number, number>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      const close = stat.lastIndexOf(")");
      if (stat.slice(stat.indexOf("(") + 1, close) !== "postgres") continue;
      // A backend's title: "postgres: 15/main: user database host(port) STATE".
      const title = readFileSync(`/proc/${entry}/cmdline`, "utf8");
      const backend = /\(\d+\)|\[local\]/.test(title);
      if (backend && !title.includes(` ${database} `)) continue;
      const fields = stat.slice(close + 2).split(" ");
      ticks.set(Number(entry), Number(fields[11]) + Number(fields[12])); // utime + stime
    } catch {
      // the process ended meanwhile
    }
  }
  return ticks;
}
const nproc = execFileSync("nproc", { encoding: "utf8" }).trim();
const clockTicks = (() => {
  try {
    return Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim()) || 100;
  } catch {
    return 100;
  }
})();

type Measurement = {
  label: string;
  seconds: number;
  users: number;
  records: number;
  peakRss: number;
  rssBefore: number;
  nodeCpu: number;
  postgresCpu: number;
  /** CPU seconds the rest of the machine used meanwhile (other processes, other databases). */
  otherCpu: number;
  loadAverage: string;
};

/** Busy CPU seconds of the whole machine so far, from /proc/stat. */
function machineBusySeconds(): number {
  const fields = readFileSync("/proc/stat", "utf8").split("\n")[0]!.trim().split(/\s+/).slice(1).map(Number);
  // user nice system idle iowait irq softirq steal: busy is all but idle and iowait
  const busy = fields.slice(0, 8).reduce((sum, v, i) => (i === 3 || i === 4 ? sum : sum + v), 0);
  return busy / clockTicks;
}

async function measure(
  label: string,
  database: string,
  counts: { users: number; records: number },
  fn: () => Promise<void>,
): Promise<Measurement> {
  // Start from a clean slate: the previous run's dirty pages are written now, not during this run.
  await admin((c) => c.query("checkpoint")).catch(() => {});
  const loadAverage = readFileSync("/proc/loadavg", "utf8").split(" ").slice(0, 3).join(" ");
  global.gc?.();
  const rss = new RssPeak();
  const rssBefore = process.memoryUsage().rss;
  const pgBefore = postgresTicks(database);
  const cpuBefore = process.cpuUsage();
  const busyBefore = machineBusySeconds();
  rss.start();
  const start = performance.now();
  await fn();
  const seconds = (performance.now() - start) / 1000;
  const peakRss = rss.stop();
  const cpu = process.cpuUsage(cpuBefore);
  const busy = machineBusySeconds() - busyBefore;
  let pgTicks = 0;
  for (const [pid, ticks] of postgresTicks(database)) pgTicks += ticks - (pgBefore.get(pid) ?? 0);
  return {
    label,
    seconds,
    ...counts,
    peakRss,
    rssBefore,
    nodeCpu: (cpu.user + cpu.system) / 1e6,
    postgresCpu: pgTicks / clockTicks,
    otherCpu: Math.max(0, busy - (cpu.user + cpu.system) / 1e6 - pgTicks / clockTicks),
    loadAverage,
  };
}

// ---- databases

const serverUrl = process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const databaseUrl = (name: string) => {
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
};
const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
const databaseName = (suffix: string) => `provisio_bench_import_${stamp}_${suffix}`;
const created: string[] = [];
const open: Db[] = [];

async function admin<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** A fresh database with the project's migrations, all of them or those up to `upTo`. */
async function createDatabase(name: string, upTo?: number): Promise<Db> {
  if (!/^provisio_bench_[a-z0-9_]+$/.test(name)) throw new Error(`refusing database name ${name}`);
  await admin((c) => c.query(`create database ${name}`));
  created.push(name);
  const db = await openDatabase({ url: databaseUrl(name) });
  open.push(db);
  if (upTo === undefined) await migrate(db);
  else {
    for (const m of await loadMigrations()) if (m.version <= upTo) await db.withSession((s) => s.exec(m.sql));
  }
  return db;
}

async function closeDatabase(db: Db) {
  open.splice(open.indexOf(db), 1);
  await db.close();
}

let cleaned: Promise<void> | undefined;
function cleanUp(file: string | undefined): Promise<void> {
  cleaned ??= (async () => {
    for (const db of open.splice(0)) await db.close().catch(() => {});
    if (created.length > 0) {
      await admin(async (c) => {
        for (const name of created.splice(0)) await c.query(`drop database if exists ${name} with (force)`);
      }).catch((error: unknown) => console.error(`could not drop the bench databases: ${String(error)}`));
    }
    if (file && !args["keep-file"]) rmSync(file, { force: true });
  })();
  return cleaned;
}

async function tableCounts(db: Db): Promise<Record<"organizations" | "users" | "subscriptions", number>> {
  const { rows } = await db.pool!.query<{ organizations: string; users: string; subscriptions: string }>(
    `select (select count(*) from organizations) as organizations, (select count(*) from users) as users,
       (select count(*) from subscriptions) as subscriptions`,
  );
  const row = rows[0]!;
  return {
    organizations: Number(row.organizations),
    users: Number(row.users),
    subscriptions: Number(row.subscriptions),
  };
}

function check(condition: boolean, message: string) {
  if (!condition) throw new Error(`check failed: ${message}`);
}

// ---- the raw COPY floor

/** COPY text format: backslash, tab, newline and carriage return escaped; \N is null. */
function copyField(value: string | null): string {
  if (value === null) return "\\N";
  return /[\\\t\n\r]/.test(value)
    ? value.replace(/[\\\t\n\r]/g, (c) => ({ "\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r" })[c]!)
    : value;
}

async function* fileRecords(file: string, type: string): AsyncGenerator<Record<string, unknown>> {
  const marker = `"type":"${type}"`;
  for await (const line of ndjsonLines(createReadStream(file), benchLineLimits)) {
    if (typeof line === "string" && line.includes(marker)) yield JSON.parse(line) as Record<string, unknown>;
  }
}

/** Loads the organizations by COPY (untimed) and answers the user rows as COPY text, in ~1 MB chunks. */
async function prepareCopy(db: Db, file: string): Promise<Buffer[]> {
  const client = await db.pool!.connect();
  try {
    const organizations = async function* () {
      for await (const r of fileRecords(file, "organization")) {
        const name = parseCompanyName(r.name as string);
        if (!name.ok) throw new Error(name.reason);
        const fields = [
          r.externalId as string,
          name.value.name,
          name.value.nameKey,
          name.value.prefix,
          r.kind as string,
          r.source as string,
          (r.country as string | undefined) ?? null,
          (r.createdAt as string | undefined) ?? null,
        ];
        yield `${fields.map(copyField).join("\t")}\n`;
      }
    };
    await pipeline(
      Readable.from(organizations()),
      client.query(
        copyFrom(
          "copy organizations (external_id, name, name_key, name_prefix, kind, source, country, created_at) from stdin",
        ),
      ),
    );
  } finally {
    client.release();
  }
  const ids = new Map<string, string>();
  const { rows } = await db.pool!.query<{ id: string; external_id: string }>(
    "select id, external_id from organizations",
  );
  for (const row of rows) ids.set(row.external_id, row.id);

  const chunks: Buffer[] = [];
  let pending: string[] = [];
  let pendingLength = 0;
  for await (const r of fileRecords(file, "user")) {
    const email = parseEmail(r.email as string);
    if (!email.ok) throw new Error(email.reason);
    const fields = [
      ids.get(r.organizationExternalId as string)!,
      email.value.email,
      email.value.registrableDomain,
      (r.name as string | undefined) ?? null,
      r.role as string,
      (r.lastActiveAt as string | undefined) ?? null,
    ];
    const line = `${fields.map(copyField).join("\t")}\n`;
    pending.push(line);
    pendingLength += line.length;
    if (pendingLength >= 1 << 20) {
      chunks.push(Buffer.from(pending.join("")));
      pending = [];
      pendingLength = 0;
    }
  }
  if (pending.length > 0) chunks.push(Buffer.from(pending.join("")));
  return chunks;
}

// ---- report

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
const int = (n: number) => Math.round(n).toLocaleString("en");

function table(rows: Measurement[]): string {
  const lines = [
    "| run | seconds | users/s | records/s | peak RSS (at start) | CPU s: node / postgres / rest of machine | load avg at start |",
    "|---|---:|---:|---:|---:|---:|---|",
  ];
  for (const m of rows) {
    lines.push(
      `| ${m.label} | ${m.seconds.toFixed(2)} | ${int(m.users / m.seconds)} | ${int(m.records / m.seconds)} | ${mb(m.peakRss)} (${mb(m.rssBefore)}) | ${m.nodeCpu.toFixed(1)} / ${m.postgresCpu.toFixed(1)} / ${m.otherCpu.toFixed(1)} | ${m.loadAverage} |`,
    );
  }
  return lines.join("\n");
}

function machine(server: Record<string, string>) {
  const model =
    /^model name\s*:\s*(.+)$/m.exec(readFileSync("/proc/cpuinfo", "utf8"))?.[1] ?? cpus()[0]?.model ?? "?";
  const settings = ["shared_buffers", "max_wal_size", "synchronous_commit", "jit", "autovacuum"]
    .map((name) => `${name} ${server[name]}`)
    .join(", ");
  return `${nproc} CPUs (\`nproc\`), ${(totalmem() / 1024 ** 3).toFixed(1)} GiB RAM, ${model}; PostgreSQL ${server.server_version} on the same machine (${settings}); Node ${process.version}`;
}

// ---- run

async function main() {
  const dir = join(root, ".bench");
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `directory-${size.users}.ndjson`);
  const stop = (signal: string) => {
    console.error(`\n${signal}: dropping the bench databases`);
    void cleanUp(file).then(() => process.exit(130));
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);

  try {
    console.log(
      `generating ${int(size.organizations)} organizations, ${int(size.users)} users, ${int(size.subscriptions)} subscriptions…`,
    );
    // In a child process, so that the generator's garbage is not in this process's RSS.
    const genStart = performance.now();
    const child = spawnSync(
      process.execPath,
      [
        ...process.execArgv,
        join(root, "bench", "directory-data.ts"),
        file,
        String(size.organizations),
        String(size.users),
        String(size.subscriptions),
      ],
      { encoding: "utf8", stdio: ["ignore", "pipe", "inherit"], maxBuffer: 1 << 20 },
    );
    if (child.status !== 0) throw new Error(`generating the file failed (exit ${child.status})`);
    const data = JSON.parse(child.stdout) as Generated;
    const genSeconds = (performance.now() - genStart) / 1000;
    const bytes = statSync(file).size;
    console.log(
      `  ${file}: ${mb(bytes)}, ${int(data.lines)} lines, generated in ${genSeconds.toFixed(1)} s (not measured)`,
    );
    const records = data.lines;

    const server = await admin(async (c) => {
      const names = [
        "server_version",
        "shared_buffers",
        "max_wal_size",
        "synchronous_commit",
        "jit",
        "autovacuum",
      ];
      const { rows } = await c.query<{ name: string; setting: string }>(
        "select name, current_setting(name) as setting from unnest($1::text[]) as name",
        [names],
      );
      return Object.fromEntries(rows.map((r) => [r.name, r.setting]));
    });
    const migrations = await loadMigrations();
    const laterMigrations = migrations.filter((m) => m.version > baseMigration);
    const measurements: Measurement[] = [];
    const report = (m: Measurement) => {
      measurements.push(m);
      console.log(
        `  ${m.seconds.toFixed(2)} s, ${int(m.users / m.seconds)} users/s, ${int(m.records / m.seconds)} records/s, peak RSS ${mb(m.peakRss)}`,
      );
      return m;
    };
    const checkImport = (result: ImportResult, label: string) => {
      check(
        result.errorCount === 0,
        `${label} reported ${result.errorCount} errors: ${JSON.stringify(result.errors.slice(0, 3))}`,
      );
      check(
        result.imported.organizations === size.organizations &&
          result.imported.users === size.users &&
          result.imported.subscriptions === size.subscriptions,
        `${label} imported ${JSON.stringify(result.imported)}, expected ${JSON.stringify(size)}`,
      );
    };
    const same = (a: DataSize, b: DataSize) =>
      a.organizations === b.organizations && a.users === b.users && a.subscriptions === b.subscriptions;
    /** The importer, exactly as `provisio import FILE` runs it. */
    const runImport = async (label: string, db: Db, database: string) => {
      let result: ImportResult | undefined;
      const m = await measure(label, database, { users: size.users, records }, async () => {
        result = await importDirectory(
          standaloneDirectoryDeps(db.kysely, loadConfig({})),
          ndjsonLines(createReadStream(file), benchLineLimits),
          importOptions,
        );
      });
      checkImport(result!, label);
      report(m);
      return { m, result: result! };
    };

    // 1 and 2: a first import into a fresh database, then the same file again: every record an update.
    const importDatabase = databaseName("main");
    const db = await createDatabase(importDatabase);
    console.log(
      `first import into ${importDatabase} (migrations ${migrations.map((m) => m.version).join(", ")})…`,
    );
    const first = await runImport("first import (all inserts)", db, importDatabase);
    const afterFirst = await tableCounts(db);
    check(
      same(afterFirst, size),
      `rows after import ${JSON.stringify(afterFirst)}, expected ${JSON.stringify(size)}`,
    );
    console.log("re-import of the same file…");
    const second = await runImport("re-import (nothing changed)", db, importDatabase);
    const afterSecond = await tableCounts(db);
    const triggers = Number(
      (
        await db.pool!.query<{ n: string }>(
          "select count(*) as n from pg_trigger where not tgisinternal and tgrelid in ('organizations'::regclass, 'users'::regclass, 'subscriptions'::regclass)",
        )
      ).rows[0]!.n,
    );
    check(same(afterSecond, afterFirst), `rows after re-import ${JSON.stringify(afterSecond)}`);
    await closeDatabase(db);

    // The same first import into the schema of the first migrations only: what the later ones cost.
    let base: Measurement | undefined;
    if (!args["skip-base"] && laterMigrations.length > 0) {
      const baseDatabase = databaseName("base");
      const baseDb = await createDatabase(baseDatabase, baseMigration);
      console.log(`first import into ${baseDatabase} (migrations up to ${baseMigration} only)…`);
      base = (await runImport(`first import, migrations ≤ ${baseMigration} only`, baseDb, baseDatabase)).m;
      check(same(await tableCounts(baseDb), size), "rows after the import into the base schema");
      await closeDatabase(baseDb);
    }

    // 3: the floor, a raw COPY of the same user rows into an empty users table (same schema and indexes).
    let copy: Measurement | undefined;
    if (!args["skip-copy"]) {
      const copyDatabase = databaseName("copy");
      console.log(`raw COPY into ${copyDatabase} (organizations loaded first, untimed)…`);
      const copyDb = await createDatabase(copyDatabase);
      const chunks = await prepareCopy(copyDb, file);
      const client = await copyDb.pool!.connect();
      try {
        copy = report(
          await measure(
            "raw `COPY users FROM STDIN`",
            copyDatabase,
            { users: size.users, records: size.users },
            async () => {
              await pipeline(
                Readable.from(chunks),
                client.query(
                  copyFrom(
                    "copy users (organization_id, email, email_domain, name, role, last_active_at) from stdin",
                  ),
                ),
              );
            },
          ),
        );
      } finally {
        client.release();
      }
      check((await tableCounts(copyDb)).users === size.users, "COPY loaded every user");
      await closeDatabase(copyDb);
    }

    const ratio = copy ? copy.seconds / first.m.seconds : undefined;
    const when = new Date().toISOString().slice(0, 16).replace("T", " ");
    const command = `npm run bench:import${users === defaultUsers ? "" : ` -- --users ${users}`}`;
    const options = { ...importDefaults, ...importOptions };
    const cores = (m: Measurement) => ((m.nodeCpu + m.postgresCpu) / m.seconds).toFixed(1);
    const analysis = [
      `${Number(cores(first.m)) >= 1.6 ? "Both cores are the limit" : "The work is split between Node and PostgreSQL"}: during the first import Node spent ${first.m.nodeCpu.toFixed(1)} s of CPU (reading, JSON.parse, validation, e-mail and name normalization, building the statements) and PostgreSQL ${first.m.postgresCpu.toFixed(1)} s (${options.writers} backends inserting, checking foreign keys and unique e-mails, maintaining indexes, WAL), ${cores(first.m)} cores busy on average out of ${nproc}${first.m.otherCpu > 0.1 * first.m.seconds ? `, while other processes took ${first.m.otherCpu.toFixed(1)} s of CPU` : ""}.`,
      base
        ? `Migrations after ${baseMigration} (${laterMigrations.map((m) => `${String(m.version).padStart(4, "0")}_${m.name}`).join(", ")}; ${triggers} triggers on the imported tables) account for ${(first.m.postgresCpu - base.postgresCpu).toFixed(1)} s of PostgreSQL's CPU: into the schema of migration${baseMigration > 1 ? "s ≤" : ""} ${baseMigration} alone the same import takes ${base.seconds.toFixed(1)} s (${int(base.users / base.seconds)} users/s, PostgreSQL ${base.postgresCpu.toFixed(1)} s).`
        : "",
      `The re-import is cheaper because a row whose stored values are already the imported ones is left alone (no new row version, no trigger work); it still parses and validates every line and looks up every key.`,
      copy
        ? `The raw COPY does none of the parsing and validation and streams into one backend, so it is the floor for the database's own work on the users table (same indexes, foreign key and triggers); the importer also writes the organizations and subscriptions in the same time.`
        : "",
    ]
      .filter((sentence) => sentence !== "")
      .join(" ");
    const section = [
      sectionTitle,
      "",
      `Measured ${when} UTC by \`${command}\` (bench/import.bench.ts, data from bench/directory-data.ts).`,
      "",
      `- Machine: ${machine(server)}. Other work on the machine shows in the load average at the start of each run and in the CPU the rest of the machine used during it; each run starts right after a \`CHECKPOINT\`.`,
      `- Data: ${int(size.organizations)} organizations (${int(data.partners)} partners), ${int(size.users)} users, ${int(size.subscriptions)} subscriptions: ${int(records)} NDJSON lines, ${mb(bytes)}, deterministic (generated in ${genSeconds.toFixed(1)} s, not measured). Half of the organizations come first as one block, followed by their users and subscriptions; each of the other half comes right before its own users and subscriptions. About 15% of the addresses are on public providers (gmail.com, libero.it, …), the rest on the organizations' domains, some shared; a fifth of the customers name a managing partner.`,
      `- Importer: \`importDirectory\` reading \`ndjsonLines(createReadStream(file))\`, as \`provisio import FILE\` does, into a fresh database with all migrations (${migrations.map((m) => String(m.version).padStart(4, "0")).join(", ")}); timed from the first byte to the result; options ${JSON.stringify(options)}. Errors: ${first.result.errorCount} and ${second.result.errorCount}; the re-import left the row counts unchanged (${int(afterSecond.organizations)} / ${int(afterSecond.users)} / ${int(afterSecond.subscriptions)}), which the benchmark asserts.`,
      copy
        ? `- Floor: \`COPY users (organization_id, email, email_domain, name, role, last_active_at) FROM STDIN\` (text format, pg-copy-streams) of the same ${int(size.users)} user rows, precomputed (e-mails normalized, organization ids looked up) so that only the COPY is timed, into another fresh database with the same schema and the organizations already loaded. Its peak RSS includes the precomputed rows.`
        : "",
      "- users/s is users over the whole run; records/s counts every line (organizations, users, subscriptions). CPU is the CPU time the Node process and this database's PostgreSQL processes (its backends, WAL writer, checkpointer) used during the run.",
      "",
      table(measurements),
      "",
      ratio === undefined
        ? ""
        : `Importer vs raw COPY of its users: **${ratio.toFixed(2)}×** the speed of the COPY (COPY seconds / first-import seconds).\n`,
      analysis,
    ]
      .filter((line, i, all) => line !== "" || all[i - 1] !== "")
      .join("\n");

    console.log(`\n${table(measurements)}\n`);
    if (ratio !== undefined) console.log(`importer / raw COPY speed: ${ratio.toFixed(2)}`);
    console.log(`\n${analysis}`);
    if (writeDoc) {
      writeBenchmarkSection(sectionTitle, section);
      console.log(`\nwrote ${docFile} § ${sectionTitle.slice(3)}`);
    } else {
      console.log("\n(docs/benchmarks.md not written: pass --doc to write it for this size)");
    }
  } finally {
    await cleanUp(file);
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
