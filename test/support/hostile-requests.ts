import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { errorCodes } from "../../src/errors/codes.js";
import type { RegisteredRoute } from "../../src/http/plugins/route-list.js";
import { addOperator } from "../../src/operators/add-operator.js";
import { addOrganization, approvalMailedTo, chooseExisting, orderWithLink, unique } from "./directory.js";
import { orderBody } from "./http.js";
import { apiToken, startTestApp, type TestApp, testEngines } from "./test-app.js";
import { browser } from "./web.js";

/**
 * Cases per endpoint: 1,500 on the embedded database, which every run has, and 800 more on
 * PostgreSQL when it is there (HOSTILE_RUNS for a quicker local run, or a longer one), so that CI
 * stays within its time: these two files were 580 and 830 s of a 20-minute CI at 2,000 + 1,000.
 */
const runsOn = (engine: string) => Number(process.env.HOSTILE_RUNS ?? (engine === "postgres" ? 800 : 1500));

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

/**
 * Generated requests to every route of the server (fast-check), on every test engine: part `index` of
 * `of` takes every `of`-th route, so that the parts run as test files side by side.
 */
export function describeGeneratedRequests(part: { index: number; of: number }): void {
  describe.each(testEngines())(
    `hostile input, routes part ${part.index + 1} of ${part.of}, on %s`,
    (engine) => {
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
        "/api/v1/organizations/:id/subscriptions": {
          status: "active",
          services: [{ sku: "X", quantity: 1 }],
        },
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

      const runs = runsOn(engine);
      it(`answers ${runs} generated requests per route without a 5xx, every JSON error with a registered code`, async () => {
        const answers = new Map<string, Map<number, number>>();
        for (const route of fuzzedRoutes(app).filter((_, i) => i % part.of === part.index)) {
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
        // The generator gets past validation, not only bounced at the door: more than half of this part's
        // routes answer some requests with success (73% of all routes, both parts, both engines, in CI).
        const succeeded = [...answers.values()].filter((tally) =>
          [...tally.keys()].some((status) => status < 400),
        );
        expect(succeeded.length).toBeGreaterThan(answers.size * 0.5);
      }, 1_800_000);
    },
  );
}

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
