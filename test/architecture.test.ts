import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import madge from "madge";
import { describe, expect, it } from "vitest";

const root = new URL("..", import.meta.url).pathname;

/**
 * Biome's verdict, under the repository's biome.json, on `source` as the file at `path`: in a scratch
 * folder with the same layout, so the checkout is never touched.
 */
function lint(path: string, source: string): { status: number | null; output: string } {
  const scratch = mkdtempSync(join(tmpdir(), "provisio-lint-"));
  try {
    const config = JSON.parse(readFileSync(join(root, "biome.json"), "utf8"));
    writeFileSync(join(scratch, "biome.json"), JSON.stringify({ ...config, vcs: { enabled: false } }));
    mkdirSync(dirname(join(scratch, path)), { recursive: true });
    writeFileSync(join(scratch, path), source);
    const result = spawnSync(join(root, "node_modules/.bin/biome"), ["lint", path], {
      cwd: scratch,
      encoding: "utf8",
    });
    return { status: result.status, output: result.stdout + result.stderr };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

const databaseImport = `import { sql } from "kysely";
import type { Database } from "../db/schema.js";
export const probe = (db: Database | undefined) => [sql, db];
`;

describe("the layers (ARCHITECTURE.md)", () => {
  it("the matching core refuses database imports: the lint check fails", () => {
    const result = lint("src/matching/probe.ts", databaseImport);
    expect(result.status).not.toBe(0);
    expect(result.output).toContain("noRestrictedImports");
    expect(result.output).toContain("The matching core (src/matching/) is pure");
  });

  it("the same imports pass in a feature folder, and the core may use the vocabulary and the errors", () => {
    expect(lint("src/setup/probe.ts", databaseImport).status).toBe(0);
    const pure = `import { AppError } from "../errors/app-error.js";
import type { Locale } from "../vocabulary.js";
export const probe = (locale: Locale) => new AppError("NOT_FOUND", { context: { reason: locale } });
`;
    expect(lint("src/matching/probe.ts", pure).status).toBe(0);
  });

  it("no module imports itself through others: madge finds no cycle in src/", async () => {
    const graph = await madge(`${root}src`, {
      fileExtensions: ["ts"],
      tsConfig: `${root}tsconfig.json`,
      detectiveOptions: { ts: { skipTypeImports: false } },
    });
    expect(Object.keys(graph.obj()).length).toBeGreaterThan(80);
    expect(graph.circular()).toEqual([]);
  });
});
