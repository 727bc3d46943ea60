import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { legalForms } from "./legal-forms.js";
import { nameKey, namePrefix, parseCompanyName, prefixesMatch } from "./name-key.js";

type NameVector = { input: string; key: string; prefix: string } | { input: string; key: null };
type PrefixVector = { a: string; b: string; match: boolean };

const { companyNames, prefixMatches } = JSON.parse(
  readFileSync(new URL("../../test/fixtures/matching-vectors.json", import.meta.url), "utf8"),
) as { companyNames: NameVector[]; prefixMatches: PrefixVector[] };

const codePoints = (text: string): number => Array.from(text).length;

describe("parseCompanyName: matching-vectors.json", () => {
  it.each(companyNames.map((vector) => [JSON.stringify(vector.input), vector] as const))(
    "%s",
    (_, vector) => {
      const result = parseCompanyName(vector.input);
      if (vector.key === null) {
        expect(result).toMatchObject({ ok: false, reason: expect.any(String) });
        return;
      }
      expect(result).toEqual({
        ok: true,
        value: { name: vector.input.trim().normalize("NFC"), nameKey: vector.key, prefix: vector.prefix },
      });
    },
  );
});

describe("prefixesMatch: matching-vectors.json", () => {
  it.each(prefixMatches.map((v) => [v.a, v.b, v.match] as const))("%s / %s → %s", (a, b, match) => {
    expect(prefixesMatch(a, b)).toBe(match);
    expect(prefixesMatch(b, a)).toBe(match);
  });
});

describe("parseCompanyName", () => {
  it("trims and composes (NFC) the name it keeps", () => {
    expect(parseCompanyName("  Mu\u0308ller GmbH\u00a0")).toEqual({
      ok: true,
      value: { name: "Müller GmbH", nameKey: "muller", prefix: "mulle" },
    });
  });

  it.each([
    ["", /empty/],
    ["\u00a0\u2003", /empty/],
    ["a".repeat(201), /longer than 200/],
    ["Acme\nCorp", /control character/],
    ["Acme\u0000", /control character/],
    ["Acme \ud800", /broken text/],
    ["---", /no letters or digits/],
  ])("rejects %j", (input, reason) => {
    expect(parseCompanyName(input)).toMatchObject({ ok: false, reason: expect.stringMatching(reason) });
  });

  it("counts the 200 characters in code points", () => {
    expect(parseCompanyName("𝔸".repeat(200)).ok).toBe(true);
    expect(parseCompanyName("𝔸".repeat(201)).ok).toBe(false);
  });
});

describe("nameKey", () => {
  it.each([
    ["Foo SE", "foo"],
    ["Acme Srl/Ltd", "acmesrlltd"],
    ["Müller e.K.", "muller"],
    ["Volvo AB (publ)", "volvo"],
    ["Acme Pty. Ltd.", "acme"],
    ["Acme Sp.z.o.o.", "acme"],
    ["ℌ𝔢𝔩𝔩𝔬 Ltd", "hello"],
    ["ÆØÅ Þór Łukasz İstanbul Đakovo", "aeoathorlukaszistanbuldakovo"],
    ["THE  Acme", "acme"],
    ["Theatre Ltd", "theatre"],
    ["The Ltd", "ltd"],
    ["Co Co", "co"],
    ["GmbH & Co. KG", "gmbh"],
    ["株式会社トヨタ", "株式会社トヨタ"],
    ["", ""],
  ])("%j → %j", (input, key) => {
    expect(nameKey(input)).toBe(key);
  });

  it("never drops a legal-form word that is alone", () => {
    for (const form of legalForms) expect(nameKey(form)).toBe(form);
  });
});

describe("namePrefix", () => {
  it("counts code points, not UTF-16 units", () => {
    expect(namePrefix("𠀀𠀁𠀂𠀃𠀄𠀅")).toBe("𠀀𠀁𠀂𠀃𠀄");
    expect(namePrefix("ab")).toBe("ab");
    expect(namePrefix("")).toBe("");
  });
});

describe("name key properties", () => {
  const names = fc.oneof(
    fc.string({ unit: "grapheme" }),
    fc.string({ unit: "binary" }),
    fc
      .array(
        fc.oneof(fc.constantFrom(...legalForms, "The", "S.p.A.", "A/S", "&", ",", "Ltd."), fc.string()),
        {
          maxLength: 6,
        },
      )
      .map((words) => words.join(" ")),
  );

  it("is idempotent on its own output, which has only letters and digits", () => {
    fc.assert(
      fc.property(names, (name) => {
        const key = nameKey(name);
        expect(nameKey(key)).toBe(key);
        expect(key).toMatch(/^[\p{L}\p{N}]*$/u);
      }),
      { numRuns: 3000 },
    );
  });

  it("ignores ASCII letter case", () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)) }),
        (name) => {
          expect(nameKey(name.toUpperCase())).toBe(nameKey(name.toLowerCase()));
        },
      ),
      { numRuns: 1000 },
    );
  });

  it("gives a prefix of at most 5 code points that starts the key and matches it", () => {
    fc.assert(
      fc.property(names, (name) => {
        const result = parseCompanyName(name);
        if (!result.ok) return;
        const { nameKey: key, prefix } = result.value;
        expect(codePoints(prefix)).toBe(Math.min(5, codePoints(key)));
        expect(key.startsWith(prefix)).toBe(true);
        expect(prefixesMatch(prefix, namePrefix(key))).toBe(true);
      }),
      { numRuns: 3000 },
    );
  });

  it("matches prefixes symmetrically, exactly when one starts the other", () => {
    const prefix = fc.string({ unit: fc.constantFrom("a", "b", "é", "𠀀"), minLength: 1, maxLength: 5 });
    fc.assert(
      fc.property(prefix, prefix, (a, b) => {
        expect(prefixesMatch(a, b)).toBe(prefixesMatch(b, a));
        expect(prefixesMatch(a, b)).toBe(a.startsWith(b) || b.startsWith(a));
      }),
    );
  });
});
