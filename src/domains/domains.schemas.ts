import { z } from "zod";
import type { DomainVerification } from "../db/schema.js";
import { domainStatus } from "../vocabulary.js";
import { challengeName } from "./challenge.js";

/** Shapes of the domains API (docs/api.md § Domains). */

export const domainInput = z
  .object({
    domain: z
      .string()
      .max(300)
      .describe("A registrable domain (acme.com, acme.co.uk), in Unicode or ASCII; not a public provider"),
  })
  .meta({ id: "NewDomain" });

export const domainPatch = z
  .object({ claimed: z.boolean().describe("Only a verified domain can be claimed") })
  .meta({ id: "DomainPatch" });

export const domainOutput = z
  .object({
    domain: z.string().describe("In ASCII (xn--bcher-kva.de), lower case"),
    status: domainStatus,
    claimed: z.boolean(),
    verification: z
      .object({
        type: z.literal("dns_txt"),
        name: z.string().describe("The TXT record's name: _provisio-challenge.{domain}"),
        value: z.string().describe("The TXT record's value: provisio-verification=…"),
      })
      .describe("What to publish in DNS"),
    createdAt: z.iso.datetime(),
    verifiedAt: z.iso.datetime().nullable().describe("The last time it became verified"),
    checkedAt: z.iso.datetime().nullable().describe("The last check, by anyone"),
    missedChecks: z
      .number()
      .int()
      .describe("Checks of a verified domain in a row without the record; 3 make it lapsed"),
    nextCheckAt: z.iso.datetime().nullable().describe("The background's next check; null: none"),
  })
  .meta({ id: "Domain" });
export type DomainOutput = z.infer<typeof domainOutput>;

export const domainListOutput = z.object({ domains: z.array(domainOutput) }).meta({ id: "DomainList" });

export function presentDomain(row: DomainVerification): DomainOutput {
  return {
    domain: row.domain,
    status: row.status,
    claimed: row.claimed,
    verification: { type: "dns_txt", name: challengeName(row.domain), value: row.challenge },
    createdAt: row.created_at.toISOString(),
    verifiedAt: row.verified_at?.toISOString() ?? null,
    checkedAt: row.checked_at?.toISOString() ?? null,
    missedChecks: row.missed_checks,
    nextCheckAt: row.next_check_at?.toISOString() ?? null,
  };
}
