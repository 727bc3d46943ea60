import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type AssessmentConfig, assess } from "./assessment.js";

type AssessmentVector = { activeSubscriptions: number; users: number; ageDays: number; status: string };

const { assessment } = JSON.parse(
  readFileSync(new URL("../../test/fixtures/matching-vectors.json", import.meta.url), "utf8"),
) as {
  assessment: {
    defaults: { ACTIVE_MIN_USERS: number; ABANDONED_AFTER_DAYS: number; RECENT_DAYS: number };
    cases: AssessmentVector[];
  };
};

const config: AssessmentConfig = {
  activeMinUsers: assessment.defaults.ACTIVE_MIN_USERS,
  abandonedAfterDays: assessment.defaults.ABANDONED_AFTER_DAYS,
  recentDays: assessment.defaults.RECENT_DAYS,
};
const DAY = 86_400_000;
const now = new Date("2025-06-15T10:00:00Z");
const daysAgo = (days: number): Date => new Date(now.getTime() - days * DAY);

describe("assess: matching-vectors.json", () => {
  it.each(assessment.cases.map((c) => [c.status, JSON.stringify(c), c] as const))("%s %s", (status, _, c) => {
    const result = assess(
      { activeSubscriptions: c.activeSubscriptions, users: c.users, createdAt: daysAgo(c.ageDays) },
      now,
      config,
    );
    expect(result.status).toBe(status);
    expect(result.reasons).toEqual({
      activeSubscriptions: c.activeSubscriptions,
      users: c.users,
      ageDays: c.ageDays,
    });
  });
});

describe("assess", () => {
  const at = (activeSubscriptions: number, users: number, ageDays: number) =>
    assess({ activeSubscriptions, users, createdAt: daysAgo(ageDays) }, now, config);

  it("words each recommendation as docs/matching.md §3 does", () => {
    expect(at(1, 2, 10).recommendation).toBe(
      "likely in use: contact the full administrator to confirm before mapping",
    );
    expect(at(0, 2, 400).recommendation).toBe(
      "created long ago with no active subscription: may have been abandoned",
    );
    expect(at(0, 2, 10).recommendation).toBe("recently created (for example a trial)");
    expect(at(1, 1, 10).recommendation).toBe("look at users and subscriptions before deciding");
  });

  it("puts the thresholds on the right side", () => {
    expect(at(0, 1, 365).status).toBe("possibly_abandoned");
    expect(at(0, 1, 364).status).toBe("unclear");
    expect(at(0, 1, 89).status).toBe("recent");
    expect(at(0, 1, 90).status).toBe("unclear");
    expect(at(1, 1, 0).status).toBe("unclear");
  });

  it("counts whole days and never a negative age", () => {
    const createdAt = new Date(now.getTime() - 90 * DAY + 1);
    expect(assess({ activeSubscriptions: 0, users: 0, createdAt }, now, config)).toMatchObject({
      status: "recent",
      reasons: { ageDays: 89 },
    });
    const future = new Date(now.getTime() + 5 * DAY);
    expect(assess({ activeSubscriptions: 0, users: 0, createdAt: future }, now, config).reasons.ageDays).toBe(
      0,
    );
  });

  it("follows the configured thresholds", () => {
    const strict: AssessmentConfig = { activeMinUsers: 5, abandonedAfterDays: 30, recentDays: 7 };
    const with_ = (active: number, users: number, ageDays: number) =>
      assess({ activeSubscriptions: active, users, createdAt: daysAgo(ageDays) }, now, strict).status;
    expect(with_(1, 4, 100)).toBe("unclear");
    expect(with_(1, 5, 100)).toBe("in_use");
    expect(with_(0, 5, 30)).toBe("possibly_abandoned");
    expect(with_(0, 5, 6)).toBe("recent");
  });

  it("is in use exactly when there is an active subscription and enough users", () => {
    fc.assert(
      fc.property(fc.nat(5), fc.nat(10), fc.nat(1000), (active, users, ageDays) => {
        const result = at(active, users, ageDays);
        expect(result.status === "in_use").toBe(active >= 1 && users >= config.activeMinUsers);
        if (active === 0) expect(result.status).not.toBe("in_use");
        expect(result.reasons).toEqual({ activeSubscriptions: active, users, ageDays });
      }),
    );
  });
});
