/**
 * `npm run db:template`: writes src/db/pglite-template.tar.br, an empty embedded cluster that a first
 * start loads instead of running initdb (src/db/pglite-template.ts), stamped with the PGlite version.
 * Run it again after upgrading @electric-sql/pglite (test/pglite-template.test.ts says when).
 */
import { writeFileSync } from "node:fs";
import { brotliCompressSync, constants } from "node:zlib";
import { PGlite } from "@electric-sql/pglite";
import { installedPgliteVersion, type TemplateStamp, templatePaths } from "../src/db/pglite-template.js";

const pglite = await PGlite.create();
await pglite.exec("checkpoint");
const tar = Buffer.from(await (await pglite.dumpDataDir("none")).arrayBuffer());
await pglite.close();
const compressed = brotliCompressSync(tar, {
  params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: tar.length },
});
writeFileSync(templatePaths.templateFile, compressed);
const stamp: TemplateStamp = { pglite: installedPgliteVersion() };
writeFileSync(templatePaths.stampFile, `${JSON.stringify(stamp, null, 2)}\n`);
console.log(
  `src/db/pglite-template.tar.br: ${(compressed.length / 1e6).toFixed(1)} MB (${(tar.length / 1e6).toFixed(0)} MB tar), PGlite ${stamp.pglite}`,
);
