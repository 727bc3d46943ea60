import { readFileSync } from "node:fs";
import { domainToASCII } from "node:url";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { maskEmail, parseEmail } from "./email.js";
import { createPublicProviderCheck } from "./public-providers.js";

type EmailVector =
  | { input: string; valid: false }
  | {
      input: string;
      valid: true;
      email: string;
      registrableDomain: string;
      publicProvider: boolean;
      masked: string;
    };
type ConformanceCase = {
  id: number;
  address: string;
  category: string;
  expect: "valid" | "invalid" | "either";
};

const readSpec = <T>(file: string): T =>
  JSON.parse(readFileSync(new URL(`../../test/fixtures/${file}`, import.meta.url), "utf8")) as T;

const { emails } = readSpec<{ emails: EmailVector[] }>("matching-vectors.json");
const { cases: conformance } = readSpec<{ cases: ConformanceCase[] }>("email-conformance.json");
const isPublicProvider = createPublicProviderCheck();

describe("parseEmail: matching-vectors.json", () => {
  it.each(emails.map((vector) => [JSON.stringify(vector.input), vector] as const))("%s", (_, vector) => {
    const result = parseEmail(vector.input);
    if (!vector.valid) {
      expect(result.ok).toBe(false);
      return;
    }
    expect(result).toMatchObject({
      ok: true,
      value: { email: vector.email, registrableDomain: vector.registrableDomain },
    });
    if (!result.ok) return;
    expect(isPublicProvider(result.value.registrableDomain)).toBe(vector.publicProvider);
    expect(maskEmail(result.value.email)).toBe(vector.masked);
  });
});

describe("parseEmail: email-conformance.json", () => {
  it.each(conformance.map((c) => [c.id, c.expect, JSON.stringify(c.address), c] as const))(
    "#%i %s %s",
    (_id, _expect, _address, c) => {
      const result = parseEmail(c.address);
      if (c.expect === "valid") expect(result).toMatchObject({ ok: true });
      else if (c.expect === "invalid")
        expect(result).toMatchObject({ ok: false, reason: expect.any(String) });
      else expect(typeof result.ok).toBe("boolean");
    },
  );
});

describe("parseEmail", () => {
  it("returns the parts of a normalized address", () => {
    expect(parseEmail("\tMario.Rossi@Mail.Acme.CO.UK  ")).toEqual({
      ok: true,
      value: {
        email: "mario.rossi@mail.acme.co.uk",
        local: "mario.rossi",
        domain: "mail.acme.co.uk",
        registrableDomain: "acme.co.uk",
      },
    });
  });

  it("treats an internationalized domain and its ASCII form as the same domain", () => {
    const unicode = parseEmail("x@Bücher.de");
    const ascii = parseEmail("x@xn--bcher-kva.de");
    expect(unicode).toEqual(ascii);
    expect(parseEmail("a@ＡＣＭＥ。com")).toMatchObject({ ok: true, value: { email: "a@acme.com" } });
  });

  it("uses only the ICANN section of the public suffix list", () => {
    expect(parseEmail("a@team.blogspot.com")).toMatchObject({
      ok: true,
      value: { registrableDomain: "blogspot.com" },
    });
    expect(parseEmail("a@me.github.io")).toMatchObject({
      ok: true,
      value: { registrableDomain: "github.io" },
    });
  });

  it.each([
    ["a@localhost", /not a registrable domain/],
    ["a@co.uk", /not a registrable domain/],
    ["test@io", /not a registrable domain/],
    ["no-at-sign", /no @/],
    ["a@b@acme.com", /more than one @/],
    ["a b@acme.com", /space/],
    ["a@acme.com\r\nBcc: x@evil.com", /control character/],
    ["a\u0000@acme.com", /control character/],
    ["a@acme\u00a0.com", /space/],
    ["a@x\u200b.com", /invisible/],
    ["a@acme.com\u2028", /space/],
    ['"quoted"@acme.com', /Quoted/],
    ["(comment)a@acme.com", /Comments/],
    ["a@[127.0.0.1]", /IP address literals/],
    ["a@255.255.255.255", /IP addresses/],
    ["a@1.2.3.0x4", /not a registrable domain|IP address/],
    ["a@iana.123", /not a valid domain|IP address/],
    ["a@a%41.com", /only letters, digits, hyphens and dots/],
    ["a@under_score.com", /only letters, digits, hyphens and dots/],
    ["a@iana/icann.org", /only letters, digits, hyphens and dots/],
    ["a@acme.com.", /empty part/],
    ["a@xn--zz.com", /not a valid domain/],
    ["a.@acme.com", /ends with a dot/],
    ["à@acme.com", /only ASCII letters/],
    ["", /empty/],
    [" \t ", /empty/],
  ])("rejects %j with a reason a person understands", (input, reason) => {
    const result = parseEmail(input);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toMatch(reason);
  });

  it("enforces the length limits", () => {
    const label63 = "a".repeat(63);
    expect(parseEmail(`${"l".repeat(64)}@acme.com`).ok).toBe(true);
    expect(parseEmail(`${"l".repeat(65)}@acme.com`).ok).toBe(false);
    expect(parseEmail(`a@${label63}.com`).ok).toBe(true);
    expect(parseEmail(`a@${label63}a.com`).ok).toBe(false);
    // a one-character local part leaves 252 for the domain: the 254 limit binds before the 253 one
    const domain252 = `${label63}.${label63}.${label63}.${"b".repeat(56)}.com`;
    expect(domain252).toHaveLength(252);
    expect(parseEmail(`a@${domain252}`)).toMatchObject({ ok: true, value: { domain: domain252 } });
    expect(parseEmail(`a@b${domain252}`).ok).toBe(false);
    expect(parseEmail(`a@bb${domain252}`)).toMatchObject({ ok: false, reason: /longer than 253/ });
    // the whole address reaches 254 before the domain reaches 253 when the local part is long
    const domain195 = `${label63}.${label63}.${label63}.com`;
    expect(parseEmail(`${"l".repeat(58)}@${domain195}`).ok).toBe(true);
    expect(parseEmail(`${"l".repeat(59)}@${domain195}`)).toMatchObject({
      ok: false,
      reason: /longer than 254/,
    });
  });
});

describe("maskEmail", () => {
  it("keeps the first character and the full domain", () => {
    expect(maskEmail("mario.rossi@mail.acme.it")).toBe("m***@mail.acme.it");
    expect(maskEmail("x@acme.it")).toBe("x***@acme.it");
  });

  it("never reveals more than one character of something that is not an address", () => {
    expect(maskEmail("not-an-address")).toBe("***");
    expect(maskEmail("@acme.it")).toBe("***@acme.it");
  });
});

describe("parseEmail properties", () => {
  const spacesAndTabs = fc.array(fc.constantFrom(" ", "\t"), { maxLength: 3 }).map((a) => a.join(""));

  it("never throws and always answers ok or a reason", () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: "binary" }), fc.emailAddress()), (input) => {
        const result = parseEmail(input);
        if (result.ok) expect(result.value.email.length).toBeLessThanOrEqual(254);
        else expect(result.reason.length).toBeGreaterThan(0);
      }),
      { numRuns: 2000 },
    );
  });

  it("re-parses a valid result to itself, ignoring case and surrounding spaces and tabs", () => {
    fc.assert(
      fc.property(fc.emailAddress(), spacesAndTabs, spacesAndTabs, (address, before, after) => {
        const first = parseEmail(address);
        fc.pre(first.ok);
        if (!first.ok) return;
        const { email, local, domain } = first.value;
        expect(email).toBe(`${local}@${domain}`);
        expect(email).toBe(email.toLowerCase());
        expect(domain.endsWith(first.value.registrableDomain)).toBe(true);
        expect(parseEmail(email)).toEqual(first);
        expect(parseEmail(`${before}${address.toUpperCase()}${after}`)).toEqual(first);
      }),
      { numRuns: 1000 },
    );
  });

  it("rejects a valid address with a control character or line break put anywhere", () => {
    fc.assert(
      fc.property(
        fc.emailAddress(),
        fc.nat(),
        fc.constantFrom("\r", "\n", "\u0000", "\u000b", "\u0085", "\u2028", "\u007f"),
        (address, at, control) => {
          fc.pre(parseEmail(address).ok);
          const position = at % (address.length + 1);
          expect(parseEmail(address.slice(0, position) + control + address.slice(position)).ok).toBe(false);
        },
      ),
      { numRuns: 500 },
    );
  });

  it("converts an ASCII domain exactly as url.domainToASCII does", () => {
    const piece = fc.constantFrom(
      "a",
      "B",
      "z",
      "0",
      "7",
      "-",
      ".",
      "xn--",
      "XN--",
      "0x",
      "0X",
      "f",
      "com",
      "co.uk",
    );
    const domain = fc.array(piece, { minLength: 1, maxLength: 12 }).map((pieces) => pieces.join(""));
    fc.assert(
      fc.property(domain, (raw) => {
        const reference = domainToASCII(raw);
        const result = parseEmail(`a@${raw}`);
        if (result.ok) expect(result.value.domain).toBe(reference);
        if (reference === "") expect(result.ok).toBe(false);
      }),
      { numRuns: 5000 },
    );
  });
});
