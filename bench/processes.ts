import { type ChildProcess, spawn } from "node:child_process";
import autocannon from "autocannon";

/** The Node options the service runs with (bin/provisio.js, `npm start`): docs/operations.md. */
export const serviceNodeOptions = ["--max-semi-space-size=64"];

/**
 * A child process (`node --import tsx …`, with the service's Node options) that is ready once `ready()`
 * answers true. BENCH_NODE_ARGS adds node options (e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof` to
 * profile the service).
 */
export async function start(
  args: string[],
  env: Record<string, string>,
  ready: () => Promise<boolean>,
): Promise<ChildProcess> {
  const child = spawn(
    process.execPath,
    [
      ...serviceNodeOptions,
      ...(process.env.BENCH_NODE_ARGS?.split(" ").filter(Boolean) ?? []),
      "--import",
      "tsx",
      ...args,
    ],
    {
      env: { ...process.env, ...env },
      stdio: ["ignore", "ignore", "inherit"],
    },
  );
  const deadline = Date.now() + 120_000;
  while (!(await ready().catch(() => false))) {
    if (child.exitCode !== null || Date.now() > deadline) throw new Error(`${args[0]} did not start`);
    await new Promise((r) => setTimeout(r, 200));
  }
  return child;
}

export async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.kill("SIGTERM");
  await exited;
}

export type Run = { rps: number; p50: number; p99: number; non2xx: number; errors: number; requests: number };

/** The first answer of each failing status, to show what went wrong. */
const failures = new Map<number, string>();

/** autocannon POSTing `next()`'s path and body with `connections` connections for `seconds`. */
export async function drive(
  target: string,
  token: string,
  connections: number,
  seconds: number,
  next: () => { path: string; body: string },
): Promise<Run> {
  const result = await autocannon({
    url: target,
    method: "POST",
    connections,
    duration: seconds,
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    requests: [
      {
        setupRequest: (request) => {
          const { path, body } = next();
          return { ...request, path, body };
        },
        onResponse: (status, body) => {
          if (status >= 300 && failures.size < 3 && !failures.has(status))
            failures.set(status, String(body).slice(0, 200));
        },
      },
    ],
  });
  for (const [status, body] of failures) console.log(`  ${target}: ${status} ${body}`);
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
    requests: result.requests.total,
  };
}
