import { expect } from "vitest";
import type { z } from "zod";
import type { OrderView, orderInput } from "../../src/orders/orders.schemas.js";
import { authorization, type TestApp } from "./test-app.js";

type OrderRequest = z.input<typeof orderInput>;

/** Small request helpers over `server.inject`, with the API token unless told otherwise. */
export function client(app: TestApp) {
  const request = async (
    method: "GET" | "POST",
    url: string,
    payload?: unknown,
    headers: Record<string, string> = authorization,
  ) => {
    const response = await app.server.inject({
      method,
      url,
      headers,
      ...(payload === undefined ? {} : { payload: payload as object }),
    });
    return {
      status: response.statusCode,
      headers: response.headers,
      body: response.body,
      // biome-ignore lint/suspicious/noExplicitAny: tests read answers whose shape they assert
      json: <T = any>() => response.json<T>(),
      code: (): string | undefined => (response.json() as { error?: { code?: string } }).error?.code,
    };
  };
  return {
    get: (url: string, headers?: Record<string, string>) => request("GET", url, undefined, headers),
    post: (url: string, payload?: unknown, headers?: Record<string, string>) =>
      request("POST", url, payload ?? {}, headers),
  };
}

let orderCounter = 0;

/** A valid customer order body, as the service's schema takes it; fields overridden by `changes`. */
export function orderBody(changes: Record<string, unknown> = {}): OrderRequest & Record<string, unknown> {
  orderCounter++;
  return {
    orderNumber: `T-${process.pid}-${orderCounter}-${Math.random().toString(36).slice(2, 8)}`,
    orderedBy: { type: "customer" },
    provisioningContact: { email: "it@acme.example", name: "Anna Bianchi" },
    locale: "en",
    subscriptions: [{ services: [{ sku: "MEETINGS-ENT", quantity: 250 }], termMonths: 36 }],
    ...changes,
  };
}

/** Places an order and answers its body; fails the test unless it was created. */
export async function placeOrder(app: TestApp, changes: Record<string, unknown> = {}) {
  const response = await client(app).post("/api/v1/orders", orderBody(changes));
  expect(response.status, response.body).toBe(201);
  return response.json<OrderBody>();
}

/** An order as the API answers it: the service's own schema. */
export type OrderBody = OrderView;

/** The development mailbox, newest first. */
export async function mailbox(app: TestApp, to?: string) {
  const response = await client(app).get(`/api/v1/dev/mailbox${to ? `?to=${encodeURIComponent(to)}` : ""}`);
  expect(response.status, response.body).toBe(200);
  return response.json<{
    messages: { id: string; to: string; subject: string; text: string; html: string; links: string[] }[];
  }>().messages;
}

/** The secret of a setup or approval link: the last path segment. */
export function tokenOf(link: string): string {
  return new URL(link).pathname.split("/").pop()!;
}
