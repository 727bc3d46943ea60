// Copies what the compiled code reads at run time next to it in dist/: SQL migrations, the style sheet.
import { cp } from "node:fs/promises";

for (const dir of ["db/migrations/", "web/assets/"]) {
  await cp(new URL(`../src/${dir}`, import.meta.url), new URL(`../dist/${dir}`, import.meta.url), {
    recursive: true,
  });
}
