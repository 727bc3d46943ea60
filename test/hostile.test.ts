import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { errorCodes } from "../src/errors/codes.js";
import { guessWindowMs, maxUnknownLinks } from "../src/http/link-limits.js";
import type { RegisteredRoute } from "../src/http/plugins/route-list.js";
import { addOperator } from "../src/operators/add-operator.js";
import {
  addOrganization,
  approvalMailedTo,
  chooseExisting,
  orderWithLink,
  unique,
} from "./support/directory.js";
import { orderBody } from "./support/http.js";
import { apiToken, startTestApp, type TestApp, testEngines } from "./support/test-app.js";
import { browser } from "./support/web.js";

/** Cases per endpoint: 2,000 in CI (HOSTILE_RUNS for a quicker local run, or a longer one). */
const runs = Number(process.env.HOSTILE_RUNS ?? 2000);

type Fixtures = {
  setupTokens: string[];
  approvalTokens: string[];
  ids: string[];
  session: string;
  csrfCookie: string;
  csrf: string;
};

/** Path segments that broke servers before: traversal, NUL, bad percent-encoding, huge, Unicode. */
const nastySegments = [
  "..",
  "%2e%2e%2f%2e%2e",
  "%00",
  "%ff%fe",
  "%E0%A4%A",
  "%",
  "0",
  "-1",
  "1e309",
  "99999999999999999999999999",
  "9223372036854775808",
  "__proto__",
  "constructor",
  encodeURIComponent("😀".repeat(20)),
  "A".repeat(43),
  "A".repeat(200),
  "null",
  "%20",
];

/** Bodies aimed at parsers: nesting, pollution keys, invalid UTF-8, BOMs, numbers out of range. */
const nastyBodies: fc.Arbitrary<string | Buffer>[] = [
  fc.integer({ min: 1, max: 20_000 }).map((n) => `${"[".repeat(n)}${"]".repeat(n)}`),
  fc.integer({ min: 1, max: 20_000 }).map((n) => `${'{"a":'.repeat(n)}1${"}".repeat(n)}`),
  fc.constant('{"__proto__":{"polluted":"yes"},"constructor":{"prototype":{"polluted":"yes"}}}'),
  fc.constant('{"name":"x","kind":"customer","__proto__":{"isAdmin":true}}'),
  fc.uint8Array({ minLength: 1, maxLength: 300 }).map((bytes) => Buffer.from(bytes)),
  fc.constant(Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xc3, 0x28, 0x22, 0x7d])), // {"a":"\xc3("}
  fc.constant("\ufeff{}"),
  fc.constant('{"quantity":1e999,"orderNumber":"x"}'),
  fc.constant("a=1&a=2&a[]=3&__proto__[x]=1&_csrf=&decision=approve"),
  fc.constant(""),
];

const contentTypes = fc.constantFrom(
  "application/json",
  "application/json; charset=utf-8",
  "application/json; charset=latin1",
  "application/x-ndjson",
  "application/x-www-form-urlencoded",
  "text/plain",
  "multipart/form-data; boundary=x",
  "application/xml",
  "garbage",
  "",
);

/** Printable header values (a client cannot send line breaks; everything else goes). */
const headerValue = fc.stringMatching(/^[\x20-\x7e]{0,80}$/);

describe.each(testEngines())("hostile input on %s", (engine) => {
  let app: TestApp;
  let fixtures: Fixtures;
  beforeAll(async () => {
    app = await startTestApp(engine, { MATCH_RATE_PER_HOUR: "1000" });
    const domain = `${unique("hostile")}.example`;
    const organization = await addOrganization(app, {
      name: "Hostile Target S.p.A.",
      users: [
        [`admin@${domain}`, "full_admin"],
        [`user@${domain}`, "user"],
      ],
      activeSubscriptions: 1,
    });
    // One after the other: each delivers its own e-mail. Six setup links, and two orders for the
    // routes by id (the API may cancel those), apart from the setup links'.
    const links = [];
    for (let i = 0; i < 8; i++) links.push(await orderWithLink(app));
    const orders = links.splice(6);
    // One order waits for an approval, so that approval links are live too.
    await chooseExisting(app, links[0]!.token, {
      companyName: "Hostile",
      adminEmail: `user@${domain}`,
      organizationId: organization,
    });
    const approval = await approvalMailedTo(app, `admin@${domain}`);
    const password = "hostile operator password";
    const operator = await addOperator(app.deps, { email: `${unique("op")}@provisio.example`, password });
    const b = browser(app);
    await b.signIn(operator.email, password);
    await b.get("/console/orders");
    fixtures = {
      setupTokens: links.map((l) => l.token),
      approvalTokens: [approval],
      ids: [organization, ...orders.map((o) => o.order.id), "1"],
      session: b.jar.get("provisio_session")!,
      csrfCookie: b.jar.get("provisio_csrf_console")!,
      csrf: /name="_csrf" value="([^"]+)"/.exec((await b.get("/console/orders")).body)![1]!,
    };
  }, 120_000);
  afterAll(() => app?.close());

  /** A value for a path parameter: a real one, a plausible one, or anything at all. */
  function segment(route: RegisteredRoute, name: string): fc.Arbitrary<string> {
    const real =
      name !== "token"
        ? fixtures.ids
        : route.url.includes("/setup/")
          ? fixtures.setupTokens
          : fixtures.approvalTokens;
    return fc.oneof(
      { arbitrary: fc.constantFrom(...real), weight: 4 },
      { arbitrary: fc.constantFrom(...nastySegments), weight: 2 },
      {
        arbitrary: fc
          .string({ maxLength: 60 })
          .map(encodeURIComponent)
          .filter((s) => s.length > 0),
        weight: 2,
      },
      { arbitrary: fc.bigInt({ min: 0n, max: 2n ** 70n }).map(String), weight: 1 },
    );
  }

  /** A body: a valid one with a field broken, any JSON at all, form fields, or a parser attack. */
  function body(route: RegisteredRoute): fc.Arbitrary<string | Buffer> {
    const anything = fc.oneof(
      fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify(v)),
      fc.oneof(...nastyBodies),
    );
    if (route.url.startsWith("/api/")) {
      const example = examples[route.url] ?? {};
      const broken = fc
        .tuple(
          fc.constantFrom(...Object.keys(example), "__proto__", "constructor", "extra"),
          fc.jsonValue({ maxDepth: 3 }),
        )
        .map(([key, value]) => JSON.stringify({ ...example, [key]: value }));
      return fc.oneof(
        { arbitrary: broken, weight: 4 },
        { arbitrary: fc.constant(JSON.stringify(example)), weight: 1 },
        { arbitrary: anything, weight: 3 },
      );
    }
    // Pages read forms: the page's fields, with the CSRF token of the session's cookie, values anything.
    const page = pageExamples[route.url] ?? {};
    const form = fc
      .tuple(
        fc.dictionary(
          fc.constantFrom(...formFields),
          fc.oneof(fc.string({ maxLength: 80 }), fc.constantFrom(...formValues)),
        ),
        fc.boolean(),
      )
      .map(([fields, keepExample]) =>
        new URLSearchParams({ _csrf: fixtures.csrf, ...(keepExample ? page : {}), ...fields }).toString(),
      );
    return fc.oneof(
      { arbitrary: form, weight: 6 },
      {
        arbitrary: fc.constant(new URLSearchParams({ _csrf: fixtures.csrf, ...page }).toString()),
        weight: 1,
      },
      { arbitrary: anything, weight: 2 },
    );
  }

  const pageExamples: Record<string, Record<string, string>> = {
    "/setup/:token/who": { setupBy: "partner" },
    "/setup/:token/who/customer": { customerEmail: "c@customer.example", customerName: "C" },
    "/setup/:token/who/handover": { customerEmail: "c@customer.example" },
    "/setup/:token/company": { companyName: "Hostile", adminEmail: "user@hostile.example" },
    "/setup/:token/confirm": { decision: "new" },
    "/admin-requests/:token/reject": { reason: "no" },
    "/console/orders/:id/resend": { contactEmail: "new@contacts.example" },
    "/console/admin-requests/:id/decide": { decision: "reject", reason: "no" },
  };

  const formFields = [
    "decision",
    "email",
    "password",
    "companyName",
    "adminEmail",
    "adminName",
    "country",
    "organizationId",
    "setupBy",
    "customerEmail",
    "customerName",
    "reason",
    "contactEmail",
    "__proto__",
  ];
  const formValues = [
    "approve",
    "reject",
    "new",
    "existing",
    "customer",
    "partner",
    "Hostile",
    "user@hostile.example",
    "1",
  ];

  const examples: Record<string, Record<string, unknown>> = {
    "/api/v1/organizations": { name: "Fuzz Srl", kind: "customer" },
    "/api/v1/organizations/:id/users": { email: "fuzz@fuzz.example", role: "user" },
    "/api/v1/organizations/:id/subscriptions": { status: "active", services: [{ sku: "X", quantity: 1 }] },
    "/api/v1/orders": orderBody(),
    "/api/v1/orders/:id/invitation/resend": { contactEmail: "new@contacts.example" },
    "/api/v1/setup/:token/setup-by": { setupBy: "customer", customerContact: { email: "c@c.example" } },
    "/api/v1/setup/:token/match": { companyName: "Hostile", adminEmail: "user@hostile.example" },
    "/api/v1/setup/:token/complete": {
      companyName: "Hostile",
      adminEmail: "x@hostile.example",
      decision: { type: "new" },
    },
    "/api/v1/admin-requests/:token/reject": { reason: "no" },
    "/api/v1/webhook-endpoints": { url: "http://93.184.216.34/hooks", types: ["order.placed"] },
    "/api/v1/webhook-endpoints/:id/replay": { after: "1" },
  };

  function request(route: RegisteredRoute) {
    const params = [...route.url.matchAll(/:(\w+)/g)].map((m) => m[1]!);
    return fc.record({
      path: fc.tuple(...params.map((name) => segment(route, name))).map((values) => {
        let i = 0;
        return route.url.replace(/:(\w+)/g, () => values[i++]!).replace("*", "x");
      }),
      query: fc.oneof(
        fc.constant(""),
        fc
          .dictionary(
            fc.constantFrom(
              "lang",
              "q",
              "status",
              "next",
              "view",
              "organization",
              "new",
              "subjectId",
              "limit",
              "before",
              "from",
              "to",
              "done",
              "to",
            ),
            fc.string({ maxLength: 40 }),
          )
          .map((q) => `?${new URLSearchParams(q)}`),
        fc.constantFrom(
          "?lang=%ff",
          "?limit=-1",
          "?limit=1e9",
          "?next=//evil.example",
          "?q=%25%5F",
          "?a[b]=1&__proto__[x]=1",
        ),
      ),
      headers: fc.record(
        {
          authorization: fc.oneof(
            { arbitrary: fc.constant(`Bearer ${apiToken}`), weight: 4 },
            { arbitrary: fc.constant("Bearer wrong-token-0123456789"), weight: 1 },
            { arbitrary: headerValue, weight: 1 },
          ),
          // Mostly the type the route reads, so that bodies reach the parsers and the handlers.
          "content-type": fc.oneof(
            { arbitrary: fc.constant(expectedType(route)), weight: 4 },
            { arbitrary: contentTypes, weight: 2 },
          ),
          cookie: fc.oneof(
            {
              arbitrary: fc.constant(
                `provisio_session=${fixtures.session}; provisio_csrf_console=${fixtures.csrfCookie}`,
              ),
              weight: 3,
            },
            { arbitrary: headerValue, weight: 1 },
          ),
          "accept-language": headerValue,
          "x-request-id": headerValue,
        },
        { requiredKeys: [] },
      ),
      body: route.method === "POST" || route.method === "PATCH" ? body(route) : fc.constant(undefined),
      remoteAddress: fc.ipV4(),
    });
  }

  it("walks every route of the server", () => {
    expect(fuzzedRoutes(app).length).toBeGreaterThan(45);
  });

  it(`answers ${runs} generated requests per route without a 5xx, every JSON error with a registered code`, async () => {
    const answers = new Map<string, Map<number, number>>();
    for (const route of fuzzedRoutes(app)) {
      const tally = new Map<number, number>();
      answers.set(`${route.method} ${route.url}`, tally);
      await fc.assert(
        fc.asyncProperty(request(route), async (r) => {
          const response = await app.server.inject({
            method: route.method as "GET" | "POST" | "PATCH" | "DELETE",
            url: `${r.path}${r.query}`,
            headers: r.headers,
            remoteAddress: r.remoteAddress,
            ...(r.body === undefined ? {} : { payload: r.body }),
          });
          tally.set(response.statusCode, (tally.get(response.statusCode) ?? 0) + 1);
          const where = `${route.method} ${r.path}${r.query} → ${response.statusCode} ${response.body.slice(0, 300)}`;
          expect(response.statusCode, where).toBeLessThan(500);
          if (
            response.statusCode >= 400 &&
            String(response.headers["content-type"]).startsWith("application/json")
          ) {
            const code = (response.json() as { error?: { code?: string } }).error?.code;
            expect(code && code in errorCodes, where).toBe(true);
            expect(errorCodes[code as keyof typeof errorCodes], where).toBe(response.statusCode);
          }
          expect(({} as Record<string, unknown>).polluted, where).toBeUndefined();
          expect(({} as Record<string, unknown>).isAdmin, where).toBeUndefined();
        }),
        { numRuns: runs },
      );
    }
    console.log(
      [...answers]
        .map(
          ([route, tally]) =>
            `${route}: ${[...tally]
              .sort((a, b) => a[0] - b[0])
              .map(([status, n]) => `${status}×${n}`)
              .join(" ")}`,
        )
        .join("\n"),
    );
    // The generator gets past validation, not only bounced at the door: most routes answer some requests with success.
    const succeeded = [...answers.values()].filter((tally) =>
      [...tally.keys()].some((status) => status < 400),
    );
    expect(succeeded.length).toBeGreaterThan(answers.size * 0.6);
  }, 1_800_000);
});

/** The content type a route reads: NDJSON for the import, forms for pages, JSON for the rest of the API. */
function expectedType(route: RegisteredRoute): string {
  if (route.url === "/api/v1/import") return "application/x-ndjson";
  return route.url.startsWith("/api/") ? "application/json" : "application/x-www-form-urlencoded";
}

/** Every route a client can call, but the Swagger UI's own files. */
function fuzzedRoutes(app: TestApp): RegisteredRoute[] {
  return app.server.registeredRoutes
    .filter((r) => ["GET", "POST", "PATCH", "DELETE"].includes(r.method))
    .filter((r) => !r.url.startsWith("/docs"))
    .sort((a, b) => `${a.url} ${a.method}`.localeCompare(`${b.url} ${b.method}`));
}

describe.each(testEngines())("hostile input, case by case, on %s", (engine) => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp(engine);
  });
  afterAll(() => app?.close());

  const post = (
    url: string,
    payload: string | Buffer,
    contentType = "application/json",
    remoteAddress = "192.0.2.1",
  ) =>
    app.server.inject({
      method: "POST",
      url,
      payload,
      remoteAddress,
      headers: { authorization: `Bearer ${apiToken}`, "content-type": contentType },
    });
  const code = (response: { json: () => unknown }) =>
    (response.json() as { error: { code: string } }).error.code;
  const jsonRoutes = [
    "/api/v1/organizations",
    "/api/v1/orders",
    "/api/v1/setup/x/match",
    "/api/v1/admin-requests/x/reject",
  ];

  it("refuses bodies over 1 MiB (413), other types (415), deep nesting (400), and reads invalid UTF-8 as text", async () => {
    for (const url of jsonRoutes) {
      const big = await post(url, JSON.stringify({ name: "x".repeat(1_100_000) }));
      expect([url, big.statusCode, code(big)]).toEqual([url, 413, "PAYLOAD_TOO_LARGE"]);
      const text = await post(url, "name=x", "text/plain");
      expect([url, text.statusCode, code(text)]).toEqual([url, 415, "UNSUPPORTED_MEDIA_TYPE"]);
      const deep = await post(url, `${"[".repeat(100_000)}${"]".repeat(100_000)}`);
      expect([url, deep.statusCode, code(deep)]).toEqual([url, 400, "VALIDATION_FAILED"]);
      const utf8 = await post(url, Buffer.from('{"name":"\xc3\x28"}', "latin1"));
      // Decoded with U+FFFD for the bad bytes, never a crash: the route answers as for any other text.
      expect([url, utf8.statusCode >= 400 && utf8.statusCode < 500, code(utf8) in errorCodes]).toEqual([
        url,
        true,
        true,
      ]);
    }
    const page = await post("/setup/x/company", "a".repeat(70_000), "application/x-www-form-urlencoded");
    expect(page.statusCode).toBe(413);
  });

  it("does not let __proto__ or constructor keys reach an object's prototype", async () => {
    const response = await post(
      "/api/v1/organizations",
      '{"name":"Proto Srl","kind":"customer","__proto__":{"kind":"partner","polluted":1},"constructor":{"prototype":{"polluted":1}}}',
    );
    expect([response.statusCode, code(response)]).toEqual([400, "VALIDATION_FAILED"]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    const form = await post(
      "/console/sign-in",
      "__proto__[polluted]=1&constructor[prototype][polluted]=1",
      "application/x-www-form-urlencoded",
    );
    expect(form.statusCode).toBe(403);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it("answers every unknown link alike, and stops an address that keeps guessing", async () => {
    const { token } = await orderWithLink(app);
    const guesses = [
      "x",
      "A".repeat(43),
      `${token.slice(0, -1)}${token.endsWith("A") ? "B" : "A"}`,
      "%E2%82%AC".repeat(10),
    ];
    const answers = await Promise.all(
      guesses.map((g) => app.server.inject({ url: `/api/v1/setup/${g}`, remoteAddress: "198.51.100.7" })),
    );
    for (const answer of answers) {
      expect([answer.statusCode, answer.json()]).toEqual([
        404,
        { error: { code: "NOT_FOUND", message: expect.any(String) } },
      ]);
    }
    // The same message whatever was wrong with the secret: nothing tells a malformed guess from a well-formed one.
    expect(new Set(answers.map((a) => a.body)).size).toBe(1);

    for (let i = guesses.length; i < maxUnknownLinks; i++) {
      await app.server.inject({ url: `/setup/${"B".repeat(43)}${i}`, remoteAddress: "198.51.100.7" });
    }
    const blocked = await app.server.inject({ url: `/api/v1/setup/${token}`, remoteAddress: "198.51.100.7" });
    expect([blocked.statusCode, code(blocked)]).toEqual([429, "RATE_LIMITED"]);
    expect(Number(blocked.headers["retry-after"])).toBeGreaterThan(0);
    const page = await app.server.inject({
      url: `/admin-requests/${"C".repeat(43)}`,
      remoteAddress: "198.51.100.7",
    });
    expect(page.statusCode).toBe(429);
    // Another address, and the API of the ordering system, are not affected.
    expect(
      (await app.server.inject({ url: `/api/v1/setup/${token}`, remoteAddress: "198.51.100.8" })).statusCode,
    ).toBe(200);
    // The window ends.
    const saved = app.clock.now();
    app.clock.set(new Date(saved.getTime() + guessWindowMs));
    try {
      expect(
        (await app.server.inject({ url: `/api/v1/setup/${token}`, remoteAddress: "198.51.100.7" }))
          .statusCode,
      ).toBe(200);
    } finally {
      app.clock.set(saved);
    }
  });
});
