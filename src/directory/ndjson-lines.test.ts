import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { lineTooLong, ndjsonLines } from "./ndjson-lines.js";

async function collect(chunks: (string | Buffer)[], maxLineBytes = 1024, maxTotalBytes = 1 << 30) {
  const out: (string | typeof lineTooLong)[] = [];
  for await (const line of ndjsonLines(
    (async function* () {
      yield* chunks;
    })(),
    { maxLineBytes, maxTotalBytes },
  ))
    out.push(line);
  return out;
}

describe("ndjsonLines", () => {
  it("splits on newlines across chunks, keeps the last line without one, drops a CR before LF", async () => {
    expect(await collect(['{"a":1}\n{"b"', ":2}\r\n", '{"c":3}'])).toEqual(['{"a":1}', '{"b":2}', '{"c":3}']);
  });

  it("decodes a character split between chunks", async () => {
    const bytes = Buffer.from("Bücher\n", "utf8");
    expect(await collect([bytes.subarray(0, 2), bytes.subarray(2)])).toEqual(["Bücher"]);
  });

  it("answers a line over the limit as one bad line and goes on with the next", async () => {
    const long = "x".repeat(5000);
    expect(await collect(["ok\n", long.slice(0, 3000), `${long.slice(3000)}\nnext\n`, long], 1024)).toEqual([
      "ok",
      lineTooLong,
      "next",
      lineTooLong,
    ]);
  });

  it("a line of exactly the limit is kept", async () => {
    expect(await collect(["x".repeat(10), "\n"], 10)).toEqual(["x".repeat(10)]);
    expect(await collect(["x".repeat(11), "\n"], 10)).toEqual([lineTooLong]);
  });

  it("stops with PAYLOAD_TOO_LARGE past the total limit", async () => {
    await expect(collect(["a\n".repeat(10)], 1024, 15)).rejects.toMatchObject({ code: "PAYLOAD_TOO_LARGE" });
  });

  it("gives the same lines however the input is cut into chunks", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.string({ maxLength: 20 }).map((s) => s.replace(/[\r\n]/g, "")),
          { maxLength: 20 },
        ),
        fc.array(fc.integer({ min: 1, max: 7 }), { minLength: 1, maxLength: 10 }),
        async (lines, cuts) => {
          const text = lines.map((l) => `${l}\n`).join("");
          const bytes = Buffer.from(text, "utf8");
          const chunks: Buffer[] = [];
          for (let i = 0, c = 0; i < bytes.length; c++) {
            const size = cuts[c % cuts.length]!;
            chunks.push(bytes.subarray(i, i + size));
            i += size;
          }
          expect(await collect(chunks, 1 << 20)).toEqual(lines);
        },
      ),
      { numRuns: 300 },
    );
  });
});
