import { readFileSync, writeFileSync } from "node:fs";
import { cpus, totalmem } from "node:os";

const docFile = new URL("../docs/benchmarks.md", import.meta.url);

/** Replaces the section of docs/benchmarks.md that starts with `heading` (or appends it). */
export function writeBenchmarkSection(heading: string, section: string): void {
  let doc = "";
  try {
    doc = readFileSync(docFile, "utf8");
  } catch {
    doc =
      "# Benchmarks\n\nEvery number here comes from a command in this repository, run on the machine named with it.\n\n";
  }
  const start = doc.indexOf(heading);
  if (start === -1) doc = `${doc.trimEnd()}\n\n${section}`;
  else {
    const next = doc.indexOf("\n## ", start + heading.length);
    // A blank line before the next heading, whatever the section ends with.
    doc = doc.slice(0, start) + section.trimEnd() + (next === -1 ? "" : `\n\n${doc.slice(next + 1)}`);
  }
  writeFileSync(docFile, `${doc.trimEnd()}\n`);
}

/** "2 × AMD EPYC …, 24 GiB, Node v20…" and the load average, for the line under a heading. */
export function machineDescription(database?: string): string {
  const parts = [
    `${cpus().length} × ${cpus()[0]?.model.trim()}`,
    `${(totalmem() / 2 ** 30).toFixed(0)} GiB`,
    `Node ${process.version}`,
    ...(database ? [database] : []),
  ];
  return `${parts.join(", ")}; load average at the start ${loadAverage()}`;
}

export function loadAverage(): string {
  return readFileSync("/proc/loadavg", "utf8").split(" ").slice(0, 3).join(" ");
}
