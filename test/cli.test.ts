import { type ChildProcess, spawn } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiToken, openTestDatabase, testEngines } from "./support/test-app.js";

const bin = new URL("../bin/provisio.js", import.meta.url).pathname;

/** Runs `provisio ARGS` to completion with only the given environment (plus PATH). */
function run(args: string[], env: Record<string, string>, stdin?: string) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    const child = spawn(process.execPath, [bin, ...args], { env: { PATH: process.env.PATH ?? "", ...env } });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => {
      stdout += d;
    });
    child.stderr.on("data", (d) => {
      stderr += d;
    });
    child.on("close", (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(stdin ?? "");
  });
}

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "provisio-cli-"));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe("provisio", () => {
  it("stops with one line naming a bad variable", async () => {
    const result = await run(["serve"], { PORT: "eighty", DATA_DIR: join(dir, "never") });
    expect(result.code).toBe(2);
    expect(result.stderr.trim().split("\n")).toHaveLength(1);
    expect(result.stderr).toMatch(/^provisio: bad configuration: PORT: /);
  });

  it("answers an unknown command with its usage", async () => {
    const result = await run(["frobnicate"], {});
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("Usage: provisio");
  });
});

describe.each(testEngines())("provisio import on %s", (engine) => {
  it("imports an NDJSON file with the same code as the API, reporting bad lines", async () => {
    const db = await openTestDatabase(engine);
    await db.close();
    const env = engine === "postgres" ? { DATABASE_URL: db.url! } : { DATA_DIR: join(dir, "import-data") };
    const file = join(dir, `directory-${engine}.ndjson`);
    await writeFile(
      file,
      [
        { type: "organization", externalId: "cli-1", name: "Cli Import Srl", kind: "customer" },
        { type: "user", organizationExternalId: "cli-1", email: "admin@cli-import.it", role: "full_admin" },
        { type: "user", organizationExternalId: "cli-1", email: "broken", role: "user" },
      ]
        .map((r) => JSON.stringify(r))
        .join("\n"),
    );
    try {
      const result = await run(["import", file], env);
      expect(result.code, result.stderr).toBe(1); // bad lines make the exit code non-zero
      expect(JSON.parse(result.stdout)).toEqual({
        imported: { organizations: 1, users: 1, subscriptions: 0 },
        deleted: { organizations: 0, users: 0, subscriptions: 0 },
        errors: [{ line: 3, code: "INVALID_EMAIL", message: expect.any(String) }],
        errorCount: 1,
      });
      const again = await run(
        ["import", "-"],
        env,
        '{"type":"user","organizationExternalId":"cli-1","email":"two@cli-import.it","role":"user"}\n',
      );
      expect(again.code, again.stderr).toBe(0);
      expect(JSON.parse(again.stdout).imported.users).toBe(1);
    } finally {
      await db.drop();
    }
  }, 120_000);
});

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() =>
        typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port")),
      );
    });
  });
}

/** Starts `provisio serve`, waits until /readyz answers 200. */
async function serve(
  env: Record<string, string>,
): Promise<{ child: ChildProcess; base: string; output: () => string }> {
  const port = await freePort();
  const child = spawn(process.execPath, [bin], {
    env: { PATH: process.env.PATH ?? "", PORT: String(port), ...env },
  });
  let output = "";
  child.stdout?.on("data", (d) => {
    output += d;
  });
  child.stderr?.on("data", (d) => {
    output += d;
  });
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 600; i++) {
    if (child.exitCode !== null) throw new Error(`provisio exited: ${output}`);
    const ready = await fetch(`${base}/readyz`).then(
      (r) => r.status === 200,
      () => false,
    );
    if (ready) return { child, base, output: () => output };
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill("SIGKILL");
  throw new Error(`provisio did not become ready: ${output}`);
}

async function stop(child: ChildProcess): Promise<number | null> {
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  child.kill("SIGTERM");
  return exited;
}

describe("provisio serve on the embedded database", () => {
  it("loads the demo directory into an empty database and keeps the data across a restart", async () => {
    const env = { DATA_DIR: join(dir, "serve-data"), API_TOKENS: apiToken, LOG_LEVEL: "warn" };
    const headers = { authorization: `Bearer ${apiToken}`, "content-type": "application/json" };
    const first = await serve(env);
    let created: string;
    try {
      expect(first.output()).toContain(`Provisio is serving ${first.base}`);
      expect(first.output()).toMatch(new RegExp(`Demo order DEMO-0001: ${first.base}/setup/\\S+`));
      expect(first.output()).toMatch(new RegExp(`Demo order DEMO-0002: ${first.base}/setup/\\S+`));
      const demo = await fetch(`${first.base}/api/v1/organizations/1`, { headers });
      expect(demo.status).toBe(200);
      const response = await fetch(`${first.base}/api/v1/organizations`, {
        method: "POST",
        headers,
        body: JSON.stringify({ name: "Survives Restart", kind: "customer" }),
      });
      expect(response.status).toBe(201);
      created = ((await response.json()) as { id: string }).id;
      expect(Number(created)).toBeGreaterThan(40);
    } finally {
      expect(await stop(first.child)).toBe(0);
    }

    // An operator added from the command line (password on stdin) signs in to the console.
    const short = await run(["operator", "add", "olga@provisio.example"], env, "short\n");
    expect([short.code, short.stderr]).toEqual([2, "provisio: The password needs 12 characters or more.\n"]);
    const added = await run(
      ["operator", "add", "Olga@Provisio.example", "--name", "Olga"],
      env,
      "a long console passphrase\n",
    );
    expect(added.code, added.stderr).toBe(0);
    expect(added.stdout).toContain("operator olga@provisio.example can sign in at");

    const second = await serve(env);
    try {
      // The demo links again, on this start's address, and they still open the orders.
      const again = new RegExp(`Demo order DEMO-0001: (${second.base}/setup/\\S+)`).exec(second.output());
      expect(again).not.toBeNull();
      const order = await fetch(again![1]!);
      expect(order.status).toBe(200);
      expect(await order.text()).toContain("DEMO-0001");
      const signInPage = await fetch(`${second.base}/console/sign-in`);
      const csrfCookie = signInPage.headers.getSetCookie()[0]!.split(";")[0]!;
      const csrf = /name="_csrf" value="([^"]+)"/.exec(await signInPage.text())![1]!;
      const signedIn = await fetch(`${second.base}/console/sign-in`, {
        method: "POST",
        redirect: "manual",
        headers: { cookie: csrfCookie, "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({
          _csrf: csrf,
          email: "olga@provisio.example",
          password: "a long console passphrase",
        }),
      });
      expect(signedIn.status).toBe(303);
      expect(signedIn.headers.getSetCookie().some((c) => c.startsWith("provisio_session="))).toBe(true);

      const kept = await fetch(`${second.base}/api/v1/organizations/${created}`, { headers });
      expect(kept.status).toBe(200);
      expect(((await kept.json()) as { name: string }).name).toBe("Survives Restart");
      // The demo is not loaded again: the next organization follows the last one.
      const next = await fetch(`${second.base}/api/v1/organizations`, {
        method: "POST",
        headers,
        body: JSON.stringify({ name: "After Restart", kind: "customer" }),
      });
      expect(((await next.json()) as { id: string }).id).toBe(String(Number(created) + 1));
    } finally {
      expect(await stop(second.child)).toBe(0);
    }
  }, 120_000);
});

describe("the embedded database has one process at a time", () => {
  it("refuses a second process on the folder; the first operator comes from the console setup link", async () => {
    const env = { DATA_DIR: join(dir, "locked-data"), DEMO_DATA: "0", LOG_LEVEL: "warn" };
    const server = await serve(env);
    try {
      const refused = await run(
        ["operator", "add", "olga@provisio.example"],
        env,
        "a long console passphrase\n",
      );
      expect(refused.code).toBe(2);
      expect(refused.stderr).toMatch(
        /^provisio: the embedded database in .* is in use by another Provisio process/,
      );
      expect(refused.stderr).toContain("console setup link");

      const link = /Create the first one here \(once, within 24 hours\): (\S+)/.exec(server.output())?.[1];
      expect(link, server.output()).toMatch(/\/console\/setup\/[A-Za-z0-9_-]{43}$/);
      const path = new URL(link!).pathname;
      const form = await fetch(`${server.base}${path}`);
      expect(form.status).toBe(200);
      const csrfCookie = form.headers.getSetCookie()[0]!.split(";")[0]!;
      const csrf = /name="_csrf" value="([^"]+)"/.exec(await form.text())![1]!;
      const post = (password: string) =>
        fetch(`${server.base}${path}`, {
          method: "POST",
          redirect: "manual",
          headers: { cookie: csrfCookie, "content-type": "application/x-www-form-urlencoded" },
          body: new URLSearchParams({ _csrf: csrf, email: "first@provisio.example", password }),
        });
      expect((await post("short")).status).toBe(400);
      const created = await post("a long console passphrase");
      expect(created.status).toBe(303);
      expect(created.headers.get("location")).toBe("/console/orders");
      const session = created.headers.getSetCookie().find((c) => c.startsWith("provisio_session="));
      expect(session).toBeDefined();
      const orders = await fetch(`${server.base}/console/orders`, {
        headers: { cookie: session!.split(";")[0]! },
        redirect: "manual",
      });
      expect(orders.status).toBe(200);
      // Once: the link is spent, and with an operator there is no first one to create.
      expect((await fetch(`${server.base}${path}`)).status).toBe(404);
    } finally {
      expect(await stop(server.child)).toBe(0);
    }
    // Stopped: the folder is free again.
    const added = await run(["operator", "add", "olga@provisio.example"], env, "a long console passphrase\n");
    expect(added.code, added.stderr).toBe(0);
  }, 120_000);
});
