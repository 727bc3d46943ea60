/**
 * `npm run bench:start`: the memory of `provisio serve` on the embedded database, as `npm start` runs it
 * (demo directory and orders included): a first start on an empty DATA_DIR, then a restart on the same
 * directory. The peak is the server process's own high-water mark (VmHWM in /proc/PID/status), read
 * once it serves. Writes docs/benchmarks.md § Memory of a start.
 */
import { spawn } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { machineDescription, writeBenchmarkSection } from "./bench-doc.js";
import { serviceNodeOptions } from "./processes.js";

const { values } = parseArgs({
  options: { runs: { type: "string", default: "3" }, "no-write": { type: "boolean", default: false } },
});
const runs = Number(values.runs);

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Starts the server on `dataDir`, waits until it serves, reads its peak RSS and stops it. */
async function start(dataDir: string): Promise<{ peakMb: number; seconds: number }> {
  const port = await freePort();
  const started = Date.now();
  const child = spawn(process.execPath, [...serviceNodeOptions, "--import", "tsx", "src/cli.ts", "serve"], {
    env: { ...process.env, DATA_DIR: dataDir, PORT: String(port), LOG_LEVEL: "warn", DATABASE_URL: "" },
    stdio: ["ignore", "pipe", "inherit"],
  });
  let out = "";
  child.stdout.on("data", (chunk: Buffer) => {
    out += chunk.toString();
  });
  while (!out.includes("Provisio is serving")) {
    if (child.exitCode !== null) throw new Error(`the server stopped: ${out}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  const seconds = (Date.now() - started) / 1000;
  const status = await readFile(`/proc/${child.pid}/status`, "utf8");
  const peakKb = Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1]);
  const exited = new Promise((r) => child.once("exit", r));
  child.kill("SIGTERM");
  await exited;
  return { peakMb: peakKb / 1024, seconds };
}

const rows: { first: number; restart: number; firstSeconds: number; restartSeconds: number }[] = [];
for (let i = 0; i < runs; i++) {
  const dir = await mkdtemp(join(tmpdir(), "provisio-start-"));
  try {
    const first = await start(join(dir, "data"));
    const restart = await start(join(dir, "data"));
    rows.push({
      first: first.peakMb,
      restart: restart.peakMb,
      firstSeconds: first.seconds,
      restartSeconds: restart.seconds,
    });
    console.log(
      `run ${i + 1}: first start ${first.peakMb.toFixed(0)} MB in ${first.seconds.toFixed(1)} s, restart ${restart.peakMb.toFixed(0)} MB in ${restart.seconds.toFixed(1)} s`,
    );
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const section = `## Memory of a start (\`npm run bench:start\`)

${machineDescription("PGlite (embedded)")}.

\`provisio serve\` on an empty \`DATA_DIR\` (the demo directory and orders are loaded), then again on the
same directory. Peak RSS is the server process's high-water mark (\`VmHWM\`), read once it serves; ${runs} runs,
median.

| start | peak RSS | time to serve |
|---|---:|---:|
| first (empty \`DATA_DIR\`) | ${median(rows.map((r) => r.first)).toFixed(0)} MB | ${median(rows.map((r) => r.firstSeconds)).toFixed(1)} s |
| restart | ${median(rows.map((r) => r.restart)).toFixed(0)} MB | ${median(rows.map((r) => r.restartSeconds)).toFixed(1)} s |
| first, before the template (commit d79a3d9, \`/usr/bin/time -v\`, once) | 1,000 MB | 21.4 s |

Where the first start's memory went: PGlite's own first start runs initdb in a second PostgreSQL
inside the same process (plus the initdb program), then copies the new cluster into the first one;
neither the second instance's memory nor initdb's is given back. Measured before the fix on this
machine with \`/usr/bin/time -v npm start\`: 1,000 MB on the first start, 459 MB on a restart; a bare
\`PGlite.create()\` alone peaks at about 930 MB. The first start now loads an empty cluster made once by
\`npm run db:template\` (\`src/db/pglite-template.tar.br\`, 2.5 MB, used only with the PGlite version that
made it), so no initdb runs. What remains above the restart is the cluster's tarball being unpacked
and the migrations and demo data written for the first time.
`;
console.log(section);
if (!values["no-write"]) writeBenchmarkSection("## Memory of a start", section);
