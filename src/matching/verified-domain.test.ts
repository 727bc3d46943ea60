import { describe, expect, it } from "vitest";
import { leadWithVerified } from "./verified-domain.js";

const rows = (...ids: string[]) => ids.map((id) => ({ id }));
const ids = (list: { id: string }[]) => list.map((r) => r.id);

describe("rule V: leadWithVerified", () => {
  it("leaves B and C as ranked, cut to their limits, when no organization verified the domain", () => {
    const led = leadWithVerified(
      undefined,
      { candidates: rows("1", "2", "3"), sameDomain: rows("4", "5") },
      {
        candidates: 2,
        sameDomain: 1,
      },
    );
    expect([ids(led.candidates), ids(led.sameDomain)]).toEqual([["1", "2"], ["4"]]);
  });

  it("puts the verifying organization first and never repeats it in B or C", () => {
    const limits = { candidates: 3, sameDomain: 2 };
    expect(
      ids(
        leadWithVerified({ id: "9" }, { candidates: rows("1", "9", "2"), sameDomain: [] }, limits).candidates,
      ),
    ).toEqual(["9", "1", "2"]);
    const fromC = leadWithVerified(
      { id: "5" },
      { candidates: rows("1"), sameDomain: rows("4", "5", "6") },
      limits,
    );
    expect([ids(fromC.candidates), ids(fromC.sameDomain)]).toEqual([
      ["5", "1"],
      ["4", "6"],
    ]);
  });

  it("keeps the candidates within the limit, the verifying organization included", () => {
    const led = leadWithVerified(
      { id: "9" },
      { candidates: rows("1", "2"), sameDomain: [] },
      {
        candidates: 2,
        sameDomain: 10,
      },
    );
    expect(ids(led.candidates)).toEqual(["9", "1"]);
  });
});
