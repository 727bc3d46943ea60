import { type ChildProcess, spawn } from "node:child_process";
import { createServer } from "node:net";
import { apiToken } from "../../support/test-app.js";

const bin = new URL("../../../bin/provisio.js", import.meta.url).pathname;

/** A free TCP port on 127.0.0.1 (the OS picks it; closed again before it is answered). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() =>
        typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port")),
      );
    });
  });
}

/** Polls `probe` until it answers something other than undefined or false; fails after `timeoutMs`. */
export async function waitUntil<T>(
  what: string,
  probe: () => Promise<T | undefined | false> | T | undefined | false,
  timeoutMs = 20_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(50);
  }
}

/** Resolves after `ms` milliseconds. */
export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export type Exit = { code: number | null; signal: NodeJS.Signals | null };

/** `provisio serve` in a process of its own, reached over real HTTP. */
export type ProvisioProcess = {
  readonly child: ChildProcess;
  readonly port: number;
  readonly base: string;
  /** Everything it wrote to stdout and stderr so far. */
  output(): string;
  readonly exited: Promise<Exit>;
  /** Sends `signal` and waits for the exit. */
  kill(signal: NodeJS.Signals): Promise<Exit>;
};

/**
 * Starts `bin/provisio.js serve` with the integration API token; waits until /readyz answers 200.
 * `port`: the port to listen on (an instance restarted behind a load balancer keeps its own).
 */
export async function startProvisio(env: Record<string, string>, port?: number): Promise<ProvisioProcess> {
  port ??= await freePort();
  const child = spawn(process.execPath, [bin, "serve"], {
    env: {
      PATH: process.env.PATH ?? "",
      PORT: String(port),
      API_TOKENS: apiToken,
      LOG_LEVEL: "warn",
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (d) => {
    output += d;
  });
  child.stderr.on("data", (d) => {
    output += d;
  });
  const exited = new Promise<Exit>((resolve) =>
    child.once("exit", (code, signal) => resolve({ code, signal })),
  );
  const base = `http://127.0.0.1:${port}`;
  const provisio: ProvisioProcess = {
    child,
    port,
    base,
    output: () => output,
    exited,
    async kill(signal) {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
  try {
    await waitUntil(
      "provisio to be ready",
      async () => {
        if (child.exitCode !== null) throw new Error(`provisio exited with ${child.exitCode}: ${output}`);
        return (await readiness(base)) === 200;
      },
      60_000,
    );
  } catch (error) {
    await provisio.kill("SIGKILL");
    throw error;
  }
  return provisio;
}

/** The status of GET /readyz, or undefined when the server cannot be reached. */
export async function readiness(base: string): Promise<number | undefined> {
  return fetch(`${base}/readyz`).then(
    (response) => response.status,
    () => undefined,
  );
}

/** A request to the integration API with the test token; rejects when there is no HTTP answer. */
export async function callApi(base: string, method: "GET" | "POST", path: string, body?: unknown) {
  const response = await fetch(`${base}${path}`, {
    method,
    headers: { authorization: `Bearer ${apiToken}`, "content-type": "application/json" },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  return { status: response.status, body: text, json: <T>() => JSON.parse(text) as T };
}
