import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { orderWithLink, unique } from "./support/directory.js";
import { client, orderBody } from "./support/http.js";
import { startTestApp, type TestApp, testEngines } from "./support/test-app.js";

type Listed = {
  id: string;
  orderNumber: string;
  status: string;
  updatedAt: string;
  provisionedAt: string | null;
  organizationId: string | null;
};

describe.each(testEngines())("GET /api/v1/orders on %s", (engine) => {
  let app: TestApp;
  let api: ReturnType<typeof client>;
  beforeAll(async () => {
    app = await startTestApp(engine);
    api = client(app);
  });
  afterAll(() => app.close());

  const list = async (query: string) => {
    const response = await api.get(`/api/v1/orders?${query}`);
    expect(response.status, response.body).toBe(200);
    return response.json<{ orders: Listed[]; next: string | null }>();
  };

  it("orders gain updatedAt, provisionedAt and organizationId; pages by id with next; filters by number, status and update time", async () => {
    const start = app.clock.now();
    const placed = [];
    for (let i = 0; i < 5; i++) placed.push((await api.post("/api/v1/orders", orderBody())).json());
    expect(placed[0]).toMatchObject({
      updatedAt: start.toISOString(),
      provisionedAt: null,
      organizationId: null,
    });

    app.clock.advance(60_000);
    const { order, token } = await orderWithLink(app);
    app.clock.advance(60_000);
    const done = await api.post(
      `/api/v1/setup/${token}/complete`,
      { companyName: "Elenco Srl", adminEmail: `${unique("a")}@elenco.example`, decision: { type: "new" } },
      {},
    );
    expect(done.status, done.body).toBe(200);
    const provisioned = (await api.get(`/api/v1/orders/${order.id}`)).json();
    expect(provisioned).toMatchObject({
      status: "provisioned",
      organizationId: done.json().organizationId,
      provisionedAt: app.clock.now().toISOString(),
      updatedAt: app.clock.now().toISOString(),
    });

    // Pages of two, by id, until next is null.
    const seen: string[] = [];
    let after: string | null = null;
    for (;;) {
      const page: { orders: Listed[]; next: string | null } = await list(
        `limit=2${after ? `&after=${after}` : ""}`,
      );
      seen.push(...page.orders.map((o) => o.id));
      if (!page.next) break;
      expect(page.next).toBe(page.orders.at(-1)!.id);
      after = page.next;
    }
    expect(seen).toEqual([...placed.map((o) => o.id), order.id]);
    expect((await list(`after=${order.id}`)).orders).toEqual([]);

    expect(
      (await list(`orderNumber=${encodeURIComponent(placed[2].orderNumber)}`)).orders.map((o) => o.id),
    ).toEqual([placed[2].id]);
    expect((await list("status=provisioned")).orders).toEqual([provisioned]);
    expect(
      (
        await list(`updatedAfter=${encodeURIComponent(new Date(start.getTime() + 1).toISOString())}`)
      ).orders.map((o) => o.id),
    ).toEqual([order.id]);
    expect((await list("updatedAfter=2026-11-24T10:00:00%2B02:00")).orders).toHaveLength(6);

    for (const query of ["limit=0", "limit=501", "status=shipped", "after=x", "updatedAfter=yesterday"]) {
      const response = await api.get(`/api/v1/orders?${query}`);
      expect(response.status, query).toBe(400);
      expect(response.code(), query).toBe("VALIDATION_FAILED");
    }
    expect((await api.get("/api/v1/orders", {})).code()).toBe("UNAUTHENTICATED");
  });
});
