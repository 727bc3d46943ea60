// Copies what the compiled code reads at run time next to it in dist/: SQL migrations, the style sheet,
// the empty embedded cluster a first start loads.
import { cp } from "node:fs/promises";

for (const path of [
  "db/migrations/",
  "web/assets/",
  "db/pglite-template.tar.br",
  "db/pglite-template.json",
]) {
  await cp(new URL(`../src/${path}`, import.meta.url), new URL(`../dist/${path}`, import.meta.url), {
    recursive: true,
  });
}
