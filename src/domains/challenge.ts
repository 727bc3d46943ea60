import { randomBytes } from "node:crypto";
import type { DomainCheckFound } from "../db/schema.js";
import type { TxtAnswer } from "./txt-lookup.js";

/** The times of docs/api.md § Domains: how often each status is checked, and when it gives up. */
export const domainChecks = {
  /** A pending domain is looked at this often… */
  pendingEveryMs: 60 * 60 * 1000,
  /** …for this long after it was added, then it is `failed`. */
  pendingForMs: 72 * 60 * 60 * 1000,
  /** A verified domain is looked at daily… */
  verifiedEveryMs: 24 * 60 * 60 * 1000,
  /** …and this many misses in a row make it `lapsed` (and unclaimed). */
  missesToLapse: 3,
  /** When DNS does not answer, the next try comes sooner than the next daily check. */
  retryUnavailableMs: 60 * 60 * 1000,
} as const;

export const challengeNamePrefix = "_provisio-challenge.";
const challengeValuePrefix = "provisio-verification=";

/** Where the TXT record goes: `_provisio-challenge.acme.com`. */
export function challengeName(domain: string): string {
  return `${challengeNamePrefix}${domain}`;
}

/** `provisio-verification=` and 192 random bits (base64url): unguessable, and public once published. */
export function newChallenge(): string {
  return `${challengeValuePrefix}${randomBytes(24).toString("base64url")}`;
}

/** The TXT records hold the challenge (one record among others is enough; spaces around it are ignored). */
export function publishes(answer: TxtAnswer, challenge: string): boolean {
  return answer.status === "found" && answer.records.some((record) => record.trim() === challenge);
}

/** What a check found, as kept with the domain and shown in DOMAIN_NOT_VERIFIED's details. */
export function foundOf(answer: TxtAnswer): DomainCheckFound {
  if (answer.status === "unavailable") return { unavailable: answer.reason };
  // Bounded: a name with hundreds of records must not fill a row or an error answer.
  return {
    records: answer.status === "found" ? answer.records.slice(0, 20).map((r) => r.slice(0, 300)) : [],
  };
}
