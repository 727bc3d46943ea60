#!/usr/bin/env -S node --max-semi-space-size=64
// The young generation is 64 MB a half instead of 16: docs/operations.md § "Node's young generation".
// Runs the TypeScript source through tsx in a checkout, and the compiled dist/ where only that was shipped.
import { existsSync } from "node:fs";

const source = new URL("../src/cli.ts", import.meta.url);
if (existsSync(source)) {
  const { register } = await import("tsx/esm/api");
  register();
  await import(source.href);
} else {
  await import(new URL("../dist/cli.js", import.meta.url).href);
}
