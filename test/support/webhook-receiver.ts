import { createServer, type IncomingHttpHeaders, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { Webhook } from "standardwebhooks";

/** One POST as the receiver got it: the raw body and the Standard Webhooks headers. */
export type ReceivedWebhook = {
  path: string;
  id: string;
  timestamp: string;
  signature: string;
  contentType: string;
  body: string;
  /** What this receiver answered. */
  answered: number | "hung up";
};

/** How to answer a POST: a status, or hang up without an answer. */
export type Answer = number | "hang up" | { status: number; body?: string; headers?: Record<string, string> };

/**
 * A real HTTP receiver on 127.0.0.1 (node:http) that records every request. Its signatures are checked
 * with the `standardwebhooks` package, the reference receiver implementation of the standard.
 */
export type WebhookReceiver = {
  /** http://127.0.0.1:PORT */
  readonly base: string;
  readonly port: number;
  readonly received: ReceivedWebhook[];
  /** Decides the answer of every next request (default 204). */
  answer(decide: (hook: ReceivedWebhook) => Answer | Promise<Answer>): void;
  /** Hooks answered 2xx. */
  accepted(): ReceivedWebhook[];
  close(): Promise<void>;
};

export async function startWebhookReceiver(port = 0): Promise<WebhookReceiver> {
  const received: ReceivedWebhook[] = [];
  let decide: (hook: ReceivedWebhook) => Answer | Promise<Answer> = () => 204;
  const sockets = new Set<Socket>();
  const server = createServer((request, response: ServerResponse) => {
    const chunks: Buffer[] = [];
    request.on("data", (c: Buffer) => chunks.push(c));
    request.on("end", () => {
      const hook: ReceivedWebhook = {
        path: request.url ?? "",
        id: header(request.headers, "webhook-id"),
        timestamp: header(request.headers, "webhook-timestamp"),
        signature: header(request.headers, "webhook-signature"),
        contentType: header(request.headers, "content-type"),
        body: Buffer.concat(chunks).toString("utf8"),
        answered: 0,
      };
      received.push(hook);
      void Promise.resolve(decide(hook)).then((answer) => {
        // The sender went away while the answer was being decided: it never gets one.
        if (answer === "hang up" || request.socket.destroyed) {
          hook.answered = "hung up";
          request.socket.destroy();
          return;
        }
        const a = typeof answer === "number" ? { status: answer } : answer;
        hook.answered = a.status;
        response.writeHead(a.status, a.headers ?? {}).end(a.body ?? "");
      });
    });
  });
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  const actual = (server.address() as AddressInfo).port;
  return {
    base: `http://127.0.0.1:${actual}`,
    port: actual,
    received,
    answer(fn) {
      decide = fn;
    },
    accepted: () => received.filter((h) => typeof h.answered === "number" && h.answered < 300),
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

function header(headers: IncomingHttpHeaders, name: string): string {
  const value = headers[name];
  return Array.isArray(value) ? value.join(",") : (value ?? "");
}

/**
 * Verifies a received hook with the standardwebhooks package and answers its payload; throws
 * (WebhookVerificationError) when no signature matches `secret` or the timestamp is off.
 */
export function verifyWebhook(hook: ReceivedWebhook, secret: string) {
  return new Webhook(secret).verify(hook.body, {
    "webhook-id": hook.id,
    "webhook-timestamp": hook.timestamp,
    "webhook-signature": hook.signature,
  }) as { type: string; timestamp: string; data: Record<string, unknown> & { eventId: string } };
}
