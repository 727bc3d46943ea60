import { createReadStream } from "node:fs";
import { parseArgs } from "node:util";
import { createApp, openConfiguredDatabase } from "./app.js";
import { systemClock } from "./clock.js";
import { type Config, ConfigError, loadConfig } from "./config.js";
import { DataDirInUseError } from "./db/database.js";
import { migrate } from "./db/migrate.js";
import { openDemoLinks, placeDemoOrders } from "./demo/demo-orders.js";
import { loadDemoDirectory } from "./demo/load-demo.js";
import { standaloneDirectoryDeps } from "./directory/directory-deps.js";
import { importDirectory } from "./directory/import-directory.js";
import { maxImportLineBytes, ndjsonLines } from "./directory/ndjson-lines.js";
import { AppError } from "./errors/app-error.js";
import { addOperator } from "./operators/add-operator.js";
import { mintConsoleSetupLink } from "./operators/first-operator.js";

const usage = `Usage: provisio [command]

Commands:
  serve           serve the API and web pages (default)
  migrate         apply pending database migrations and exit
  import FILE     import a directory export (NDJSON, one record a line; - for stdin)
  demo            load the demo directory into the database
  operator add EMAIL [--name NAME]
                  add a console operator (or set a new password); the password is read from stdin

Configuration comes from the environment; see README.md.`;

async function main(argv: string[]): Promise<number> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { help: { type: "boolean", short: "h" }, name: { type: "string" } },
  });
  const [command = "serve", ...rest] = positionals;
  if (values.help || command === "help") {
    console.log(usage);
    return 0;
  }
  const config = loadConfig();
  switch (command) {
    case "serve":
      return serve(config);
    case "migrate":
      return withDatabase(config, async (db) => {
        const { applied } = await migrate(db);
        console.log(
          applied.length
            ? `applied ${applied.map((m) => `${m.version}_${m.name}`).join(", ")}`
            : "up to date",
        );
      });
    case "import": {
      const file = rest[0];
      if (!file) {
        console.error("provisio import: name the NDJSON file to import (or - for stdin)");
        return 2;
      }
      return withDatabase(config, async (db) => {
        await migrate(db);
        const input = file === "-" ? process.stdin : createReadStream(file);
        const result = await importDirectory(
          standaloneDirectoryDeps(db.kysely, config),
          ndjsonLines(input, { maxLineBytes: maxImportLineBytes, maxTotalBytes: config.importMaxBytes }),
        );
        console.log(JSON.stringify(result, null, 2));
        if (result.errorCount > 0) process.exitCode = 1;
      });
    }
    case "demo":
      return withDatabase(config, async (db) => {
        await migrate(db);
        const result = await loadDemoDirectory(db);
        console.log(`demo directory: ${JSON.stringify(result?.imported)}`);
      });
    case "operator": {
      const [action, email] = rest;
      if (action !== "add" || !email) {
        console.error("provisio operator: use `provisio operator add EMAIL` and give the password on stdin");
        return 2;
      }
      const password = (await readStdin()).replace(/\r?\n$/, "");
      return withDatabase(config, async (db) => {
        await migrate(db);
        const operator = await addOperator(
          { db: db.kysely, clock: systemClock },
          { email, password, ...(values.name ? { name: values.name } : {}) },
        );
        console.log(`operator ${operator.email} can sign in at ${config.publicUrl}/console`);
      });
    }
    default:
      console.error(`provisio: unknown command ${command}\n\n${usage}`);
      return 2;
  }
}

async function readStdin(): Promise<string> {
  if (process.stdin.isTTY) process.stderr.write("Password (12 characters or more), then Enter and Ctrl-D: ");
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

async function withDatabase(
  config: Config,
  fn: (db: Awaited<ReturnType<typeof openConfiguredDatabase>>) => Promise<void>,
) {
  const db = await openConfiguredDatabase(config);
  try {
    await fn(db);
    return Number(process.exitCode ?? 0);
  } finally {
    await db.close();
  }
}

async function serve(config: Config): Promise<number> {
  const app = await createApp({ config });
  const demoLinks: string[] = [];
  if (config.demoData && app.db.engine === "pglite") {
    const demo = await loadDemoDirectory(app.db, { onlyIfEmpty: true });
    if (demo) {
      app.logger.info(demo.imported, "demo directory loaded into the empty embedded database");
      await placeDemoOrders(app.deps);
      await app.background.runOnce();
    }
    // At every start, while the demo orders are open: their links are in the development mailbox only.
    for (const { orderNumber, link } of await openDemoLinks(app.deps)) {
      // The e-mail was written for the address of its day; the secret path is what opens the order.
      if (link) demoLinks.push(`  Demo order ${orderNumber}: ${config.publicUrl}${new URL(link).pathname}`);
    }
  }
  await app.listen();
  const database = app.db.engine === "pglite" ? `embedded database in ${config.dataDir}` : "PostgreSQL";
  console.log(`\nProvisio is serving ${config.publicUrl} on ${database}.`);
  console.log(`  API documentation: ${config.publicUrl}/docs`);
  if (app.mailer.kind === "dev-mailbox")
    console.log(`  E-mails (SMTP_URL is not set): ${config.publicUrl}/dev/mailbox`);
  const firstOperator = await mintConsoleSetupLink(app.deps);
  console.log(
    firstOperator
      ? `  Operator console: no operator yet. Create the first one here (once, within 24 hours): ${firstOperator}`
      : `  Operator console: ${config.publicUrl}/console`,
  );
  for (const line of demoLinks) console.log(line);
  if (config.apiTokens.length === 0) console.log("  Integration API: set API_TOKENS to call it.");
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    app.logger.info({ signal }, "shutting down");
    await app.stop();
    process.exit(0);
  };
  process.once("SIGINT", () => void stop("SIGINT"));
  process.once("SIGTERM", () => void stop("SIGTERM"));
  return new Promise<number>(() => {});
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof AppError) {
      console.error(`provisio: ${error.message}`);
      process.exit(2);
    }
    if (error instanceof DataDirInUseError) {
      console.error(`provisio: ${error.message}`);
      process.exit(2);
    }
    if (error instanceof ConfigError) {
      console.error(`provisio: bad configuration: ${error.message}`);
      process.exit(2);
    }
    console.error("provisio:", error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
