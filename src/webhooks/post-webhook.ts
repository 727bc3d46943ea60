import { Agent as HttpAgent, request as httpRequest } from "node:http";
import { Agent as HttpsAgent, request as httpsRequest } from "node:https";
import type { LookupFunction } from "node:net";
import type { WebhookTarget } from "./url-guard.js";

/** Keep-alive connection pools for deliveries, one set per process (closed by `close`). */
export type WebhookAgents = { http: HttpAgent; https: HttpsAgent; close(): void };

export function createWebhookAgents(maxSockets: number): WebhookAgents {
  // noDelay: a request goes out as soon as it is written, never held back waiting for an acknowledgement.
  const options = { keepAlive: true, noDelay: true, maxSockets, maxFreeSockets: maxSockets };
  const http = new HttpAgent(options);
  const https = new HttpsAgent(options);
  return {
    http,
    https,
    close() {
      http.destroy();
      https.destroy();
    },
  };
}

export type WebhookAnswer = { status: number; body: string };

// Enough of a receiver's answer to say what went wrong; the rest is read and dropped.
const keptBodyChars = 500;

/**
 * POSTs `body` to the checked target. The connection goes to the address that was checked (a
 * `lookup` that answers it), so a name that resolves elsewhere by now cannot redirect the request;
 * TLS still verifies the certificate against the host name. Redirects are not followed. The whole
 * exchange must end within `timeoutMs`. Rejects on network errors and timeouts.
 */
export function postWebhook(
  agents: WebhookAgents,
  target: WebhookTarget,
  headers: Record<string, string>,
  body: string,
  timeoutMs: number,
): Promise<WebhookAnswer> {
  const pinned: LookupFunction = (_hostname, options, callback) => {
    if (options.all) callback(null, [{ address: target.address, family: target.family }]);
    else callback(null, target.address, target.family);
  };
  const https = target.url.protocol === "https:";
  return new Promise<WebhookAnswer>((resolve, reject) => {
    const request = (https ? httpsRequest : httpRequest)(
      target.url,
      {
        method: "POST",
        agent: https ? agents.https : agents.http,
        lookup: pinned,
        headers: { ...headers, "content-length": String(Buffer.byteLength(body)) },
      },
      (response) => {
        let kept = "";
        response.setEncoding("utf8");
        response.on("data", (chunk: string) => {
          if (kept.length < keptBodyChars) kept += chunk.slice(0, keptBodyChars - kept.length);
        });
        response.on("end", () => {
          clearTimeout(timer);
          clearTimeout(overall);
          resolve({ status: response.statusCode ?? 0, body: kept });
        });
        response.on("error", fail);
      },
    );
    // The time runs from the moment the request has a connection (the agent may queue it behind
    // others to the same receiver), and at most three times as long in all.
    const timeout = (ms: number) =>
      setTimeout(
        () =>
          request.destroy(Object.assign(new Error(`no answer within ${timeoutMs} ms`), { code: "TIMEOUT" })),
        ms,
      );
    const overall = timeout(3 * timeoutMs);
    let timer: NodeJS.Timeout | undefined;
    request.once("socket", () => {
      timer = timeout(timeoutMs);
    });
    function fail(error: Error) {
      clearTimeout(timer);
      clearTimeout(overall);
      reject(error);
    }
    request.on("error", fail);
    request.end(body);
  });
}
