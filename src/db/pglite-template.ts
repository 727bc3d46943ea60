import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";
import { brotliDecompressSync } from "node:zlib";

/**
 * An empty, freshly initialized embedded cluster (`npm run db:template` writes it). PGlite's own first
 * start runs initdb in a second in-process PostgreSQL whose memory is never given back: ~930 MB RSS
 * instead of ~420 MB. Loading this tarball skips initdb; it is used only with the PGlite version that
 * made it, so a PGlite upgrade falls back to initdb until the template is made again.
 */
const templateFile = new URL("./pglite-template.tar.br", import.meta.url);
const stampFile = new URL("./pglite-template.json", import.meta.url);

export type TemplateStamp = { pglite: string };

/** The version of the installed PGlite (its package.json, next to its entry point). */
export function installedPgliteVersion(): string {
  const entry = pathToFileURL(createRequire(import.meta.url).resolve("@electric-sql/pglite"));
  const manifest = new URL("../package.json", entry);
  return (JSON.parse(readFileSync(manifest, "utf8")) as { version: string }).version;
}

/** The template as a tar, or undefined when it is missing or was made by another PGlite version. */
export function emptyClusterTemplate(): Blob | undefined {
  if (!existsSync(templateFile) || !existsSync(stampFile)) return undefined;
  const stamp = JSON.parse(readFileSync(stampFile, "utf8")) as TemplateStamp;
  if (stamp.pglite !== installedPgliteVersion()) return undefined;
  return new Blob([brotliDecompressSync(readFileSync(templateFile))]);
}

export const templatePaths = { templateFile, stampFile };
