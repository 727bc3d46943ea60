import { execFile } from "node:child_process";
import { mkdir, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "./support/test-app.js";

const run = promisify(execFile);
const root = new URL("..", import.meta.url).pathname;
const bin = (name: string) => join(root, "node_modules", ".bin", name);
// Inside node_modules, so that the generated client resolves openapi-fetch like any module of the project.
const workDir = join(root, "node_modules", ".cache", `provisio-api-client-${process.pid}`);
const quiet = {
  ...process.env,
  REDOCLY_TELEMETRY: "off",
  REDOCLY_SUPPRESS_UPDATE_NOTICE: "true",
  NO_COLOR: "1",
};

type Operation = {
  operationId?: string;
  responses: Record<string, { headers?: Record<string, unknown>; content?: Record<string, unknown> }>;
  requestBody?: { content: Record<string, { schema: unknown }> };
};
type Document = {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, unknown> };
};

/**
 * A client program a client team would write, over the types openapi-typescript generates from the
 * document: it walks the directory and order endpoints, the NDJSON import included. It only compiles
 * while the document keeps the operations, parameters and fields it uses.
 */
const clientProgram = `
import createClient from "openapi-fetch";
import type { components, paths } from "./api.js";

type ImportLine = components["schemas"]["ImportLine"];

export async function walk(baseUrl: string, token: string): Promise<string[]> {
  const api = createClient<paths>({ baseUrl, headers: { authorization: \`Bearer \${token}\` } });
  const seen: string[] = [];
  const created = await api.POST("/api/v1/organizations", {
    body: { name: "Acme S.p.A.", kind: "customer", externalId: "crm-1", country: "IT" },
  });
  if (created.error) return [created.error.error.code];
  const organization: components["schemas"]["Organization"] = created.data;
  const added = await api.POST("/api/v1/organizations/{id}/users", {
    params: { path: { id: organization.id } },
    body: { email: "anna@acme.it", role: "full_admin", name: "Anna" },
  });
  const existingId: string | null | undefined =
    added.error?.error.details && "existingId" in added.error.error.details ? added.error.error.details.existingId : undefined;
  seen.push(String(existingId));
  await api.POST("/api/v1/organizations/{id}/subscriptions", {
    params: { path: { id: organization.id } },
    body: { status: "active", services: [{ sku: "MEETINGS-ENT", quantity: 10 }], externalId: "sub-1" },
  });
  let after: string | undefined;
  do {
    const page = await api.GET("/api/v1/organizations", {
      params: { query: { domain: "acme.it", q: "acme", kind: "customer", limit: 50, ...(after ? { after } : {}) } },
    });
    if (!page.data) break;
    for (const o of page.data.organizations) seen.push(o.nameKey, o.updatedAt, o.deletedAt ?? "live");
    after = page.data.next ?? undefined;
  } while (after);
  const renamed = await api.PATCH("/api/v1/organizations/{id}", {
    params: { path: { id: organization.id } },
    body: { name: "Acme Italia", managingPartnerId: null },
  });
  seen.push(renamed.data?.nameKey ?? "");
  const detail = await api.GET("/api/v1/organizations/{id}", { params: { path: { id: organization.id } } });
  seen.push(String(detail.data?.stats.users), String(detail.data?.fullAdmins[0]?.email));
  const users = await api.GET("/api/v1/users", { params: { query: { email: "ANNA@acme.it" } } });
  const user: components["schemas"]["User"] | undefined = users.data?.users[0];
  if (user) {
    await api.GET("/api/v1/users/{id}", { params: { path: { id: user.id } } });
    await api.PATCH("/api/v1/users/{id}", {
      params: { path: { id: user.id } },
      body: { role: "user", organizationId: organization.id, lastActiveAt: null },
    });
    await api.DELETE("/api/v1/users/{id}", { params: { path: { id: user.id } } });
  }
  const subscription = await api.GET("/api/v1/subscriptions/{id}", { params: { path: { id: "1" } } });
  seen.push(subscription.data?.status ?? "");
  const suspended = await api.PATCH("/api/v1/subscriptions/{id}", {
    params: { path: { id: "1" } },
    body: { status: "suspended" },
  });
  if (suspended.response.status === 409) seen.push(suspended.error?.error.code ?? "");
  const lines: ImportLine[] = [
    { type: "organization", externalId: "crm-2", name: "Beta Srl", kind: "partner" },
    { type: "user", organizationExternalId: "crm-2", email: "bruno@beta.it", role: "user" },
    { type: "subscription", organizationExternalId: "crm-2", externalId: "sub-2", status: "active", services: [{ sku: "A", quantity: 1 }] },
    { type: "user", email: "anna@acme.it", deleted: true },
    { type: "subscription", externalId: "sub-1", deleted: true },
    { type: "organization", externalId: "crm-1", deleted: true },
  ];
  const imported = await api.POST("/api/v1/import", {
    body: lines[0]!,
    bodySerializer: () => lines.map((line) => JSON.stringify(line)).join("\\n"),
    headers: { "content-type": "application/x-ndjson" },
  });
  if (imported.data) {
    const { imported: written, deleted, errors, errorCount } = imported.data;
    seen.push(String(written.organizations + deleted.organizations + deleted.users + deleted.subscriptions + errorCount));
    for (const e of errors) seen.push(\`\${e.line}: \${e.code}\`);
  }
  await api.DELETE("/api/v1/organizations/{id}", { params: { path: { id: organization.id } } });
  const order = await api.POST("/api/v1/orders", {
    body: {
      orderNumber: "CCW-1",
      orderedBy: { type: "partner", partnerOrganizationId: organization.id },
      provisioningContact: { email: "it@acme.example" },
      subscriptions: [{ services: [{ sku: "MEETINGS-ENT", quantity: 250 }], termMonths: 36 }],
    },
  });
  if (order.data) {
    const placed: components["schemas"]["Order"] = order.data;
    await api.GET("/api/v1/orders/{id}", { params: { path: { id: placed.id } } });
    await api.POST("/api/v1/orders/{id}/invitation/resend", {
      params: { path: { id: placed.id } },
      body: { contactEmail: "other@acme.example" },
    });
    const cancelled = await api.POST("/api/v1/orders/{id}/cancel", { params: { path: { id: placed.id } } });
    seen.push(cancelled.data?.status ?? "", placed.invitation.status, placed.subscriptions[0]?.status ?? "");
  }
  if (order.response.status === 503) seen.push(order.response.headers.get("retry-after") ?? "");
  return seen;
}
`;

/** The same client reading a field the document does not have: it must not compile. */
const brokenProgram = `
import createClient from "openapi-fetch";
import type { paths } from "./api.js";
const api = createClient<paths>({ baseUrl: "http://localhost" });
const page = await api.GET("/api/v1/organizations", { params: { query: { domain: "acme.it" } } });
export const wrong: string = page.data?.organizations[0]?.noSuchField ?? "";
`;

const tsconfig = {
  compilerOptions: {
    target: "ES2023",
    lib: ["ES2023", "DOM"],
    module: "NodeNext",
    moduleResolution: "NodeNext",
    strict: true,
    noUncheckedIndexedAccess: true,
    exactOptionalPropertyTypes: true,
    skipLibCheck: true,
    noEmit: true,
    types: [],
  },
};

describe("the API document (/openapi.json)", () => {
  let app: TestApp;
  let document: Document;
  beforeAll(async () => {
    app = await startTestApp("pglite");
    const response = await app.server.inject({ method: "GET", url: "/openapi.json" });
    expect(response.statusCode).toBe(200);
    document = response.json();
    await mkdir(workDir, { recursive: true });
    await writeFile(join(workDir, "openapi.json"), response.body);
    await writeFile(join(workDir, "package.json"), JSON.stringify({ type: "module" }));
    await writeFile(join(workDir, "tsconfig.json"), JSON.stringify(tsconfig));
  });
  afterAll(async () => {
    await app.close();
    await rm(workDir, { recursive: true, force: true });
  });

  const operations = () =>
    Object.entries(document.paths).flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, operation]) => ({ path, method, operation })),
    );

  it("gives every /api/v1 operation a unique operationId", () => {
    const api = operations().filter((o) => o.path.startsWith("/api/v1/"));
    expect(api.length).toBeGreaterThan(25);
    for (const { path, method, operation } of api)
      expect(operation.operationId, `${method} ${path}`).toMatch(/^[a-z][A-Za-z]+$/);
    const ids = api.map((o) => o.operation.operationId);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("names its schemas, and every reference resolves", () => {
    const schemas = document.components.schemas;
    for (const name of [
      "Organization",
      "User",
      "Subscription",
      "Order",
      "MatchResult",
      "Candidate",
      "Error",
      "ImportLine",
      "ImportResult",
    ]) {
      expect(schemas, name).toHaveProperty(name);
    }
    const refs = JSON.stringify(document).match(/"\$ref":"[^"]+"/g) ?? [];
    expect(refs.length).toBeGreaterThan(50);
    for (const ref of new Set(refs)) {
      const [, kind, name] = /"#\/components\/(schemas|headers)\/([^"]+)"/.exec(ref) ?? [];
      expect(
        (document.components as Record<string, Record<string, unknown>>)[kind!]?.[name!],
        ref,
      ).toBeDefined();
    }
  });

  it("documents the NDJSON import body, Retry-After on 429 and 503, and typed error details", () => {
    const importBody = document.paths["/api/v1/import"]!.post!.requestBody!;
    expect(importBody.content["application/x-ndjson"]!.schema).toEqual({
      $ref: "#/components/schemas/ImportLine",
    });
    for (const { path, method, operation } of operations()) {
      for (const status of ["429", "503"]) {
        const response = operation.responses[status];
        if (response) expect(response.headers, `${method} ${path} ${status}`).toHaveProperty("Retry-After");
      }
      if (path.startsWith("/api/"))
        expect(Object.keys(operation.responses)).toEqual(expect.arrayContaining(["400", "500", "503"]));
    }
    expect(JSON.stringify(document.components.schemas.Error)).toContain("existingId");
    expect(JSON.stringify(document.components.schemas.Error)).toContain("retryAfterSeconds");
  });

  it("leaves the wizard, approval and console pages out", () => {
    const pages = Object.keys(document.paths).filter((p) =>
      /^\/(setup|admin-requests|console|dev)\b/.test(p),
    );
    expect(pages).toEqual([]);
  });

  it("passes redocly lint with the recommended rules: 0 errors, 0 warnings", async () => {
    const { stdout } = await run(
      bin("redocly"),
      ["lint", "--extends", "recommended", "--format", "json", join(workDir, "openapi.json")],
      { cwd: workDir, env: quiet },
    ).catch((error: { stdout: string }) => ({ stdout: error.stdout }));
    const report = JSON.parse(stdout) as {
      totals: { errors: number; warnings: number };
      problems: unknown[];
    };
    expect(report.problems).toEqual([]);
    expect(report.totals).toMatchObject({ errors: 0, warnings: 0 });
  }, 60_000);

  it("generates a client (openapi-typescript + openapi-fetch) that type-checks as it walks the directory and orders", async () => {
    await run(
      bin("openapi-typescript"),
      [join(workDir, "openapi.json"), "--default-non-nullable=false", "-o", join(workDir, "api.ts")],
      {
        cwd: workDir,
        env: quiet,
      },
    );
    await writeFile(join(workDir, "client.ts"), clientProgram);
    const checked = await run(bin("tsc"), ["-p", workDir], { cwd: workDir }).catch(
      (error: { stdout: string }) => error,
    );
    expect(checked.stdout).toBe("");

    // The check can fail: the same types refuse a field the document does not have.
    await writeFile(join(workDir, "client.ts"), brokenProgram);
    const broken = await run(bin("tsc"), ["-p", workDir], { cwd: workDir }).catch(
      (error: { stdout: string }) => error,
    );
    expect(broken.stdout).toContain("noSuchField");
  }, 120_000);
});
