import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { errorCodes } from "../src/errors/codes.js";
import { guessWindowMs, maxUnknownLinks } from "../src/http/link-limits.js";
import { orderWithLink } from "./support/directory.js";
import { describeGeneratedRequests } from "./support/hostile-requests.js";
import { apiToken, startTestApp, type TestApp, testEngines } from "./support/test-app.js";

// Generated requests to every route, in two files that run side by side (this one and
// hostile-routes.test.ts), then the cases a generator would rarely hit.
describeGeneratedRequests({ index: 0, of: 2 });

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
