import { z } from "zod";

/** Thresholds of the assessment (configuration: ACTIVE_MIN_USERS, ABANDONED_AFTER_DAYS, and the recent window). */
export type AssessmentConfig = { activeMinUsers: number; abandonedAfterDays: number; recentDays: number };

/** Organizations created less than this many days ago are "recent" (docs/matching.md § 3). */
export const recentDays = 90;

export const assessmentStatus = z.enum(["in_use", "possibly_abandoned", "recent", "unclear"]);
export type AssessmentStatus = z.infer<typeof assessmentStatus>;

export const assessment = z.object({
  status: assessmentStatus,
  recommendation: z.string(),
  reasons: z
    .object({
      activeSubscriptions: z.number().int(),
      users: z.number().int(),
      ageDays: z.number().int(),
    })
    .describe("The numbers the status was decided on"),
});
export type Assessment = z.infer<typeof assessment>;

const DAY_MS = 86_400_000;

export const recommendations: Readonly<Record<AssessmentStatus, string>> = {
  in_use: "likely in use: contact the full administrator to confirm before mapping",
  possibly_abandoned: "created long ago with no active subscription: may have been abandoned",
  recent: "recently created (for example a trial)",
  unclear: "look at users and subscriptions before deciding",
};

/** How likely a candidate organization is still in use (docs/matching.md § 3, the seed's indicators). */
export function assess(
  input: { activeSubscriptions: number; users: number; createdAt: Date },
  now: Date,
  config: AssessmentConfig,
): Assessment {
  const { activeSubscriptions, users } = input;
  // Whole days; an organization created "in the future" (clock skew) counts as created today.
  const ageDays = Math.max(0, Math.floor((now.getTime() - input.createdAt.getTime()) / DAY_MS));
  const status = statusOf(activeSubscriptions, users, ageDays, config);
  return {
    status,
    recommendation: recommendations[status],
    reasons: { activeSubscriptions, users, ageDays },
  };
}

function statusOf(
  activeSubscriptions: number,
  users: number,
  ageDays: number,
  config: AssessmentConfig,
): AssessmentStatus {
  if (activeSubscriptions >= 1 && users >= config.activeMinUsers) return "in_use";
  if (activeSubscriptions < 1 && ageDays >= config.abandonedAfterDays) return "possibly_abandoned";
  if (activeSubscriptions < 1 && ageDays < config.recentDays) return "recent";
  return "unclear";
}
