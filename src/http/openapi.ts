import { z } from "zod";
import { errorCodes } from "../errors/codes.js";

/** One field at fault: `body.email`, `querystring.after`, `adminEmail`, …, and what is wrong with it. */
export const fieldError = z
  .object({
    path: z.string().describe("The field: where it came from (body, querystring, params) and its path"),
    message: z.string(),
  })
  .meta({ id: "FieldError" });

/** What `error.details` holds, by the kind of error (docs/api.md § Errors). */
export const errorDetails = z.union([
  z.array(fieldError).describe("400 and some 409: the fields at fault"),
  z
    .object({ existingId: z.string().nullable().describe("The id of the record that exists already") })
    .describe("409 EXTERNAL_ID_IN_USE and EMAIL_IN_USE on a create: carry on with the existing record"),
  z
    .object({
      name: z.string().describe("The TXT record's name"),
      value: z.string().describe("The value expected there"),
      records: z.array(z.string()).optional().describe("The TXT records found at the name (none: [])"),
      unavailable: z.string().optional().describe("DNS did not answer: why"),
    })
    .describe("409 DOMAIN_NOT_VERIFIED: what the check looked for and found"),
  z
    .object({
      domain: z.string(),
      organizationId: z
        .string()
        .nullable()
        .describe("The claiming organization, when matching showed it to this link (null otherwise)"),
    })
    .describe("409 DOMAIN_CLAIMED: no new organization for this domain; choose the claiming one"),
  z
    .object({ retryAfterSeconds: z.number().int().describe("Also sent as the Retry-After header") })
    .describe("429 RATE_LIMITED: when to try again"),
]);

export const errorSchema = z
  .object({
    error: z.object({
      code: z.enum(Object.keys(errorCodes) as [keyof typeof errorCodes, ...(keyof typeof errorCodes)[]]),
      message: z.string().describe("For people; may change. Programs read `code`."),
      details: errorDetails.optional(),
    }),
  })
  .describe("Error")
  .meta({
    examples: [
      {
        error: {
          code: "EXTERNAL_ID_IN_USE",
          message: "An organization with this externalId exists already.",
          details: { existingId: "42" },
        },
      },
    ],
  })
  .meta({ id: "Error" });

/** The error answers a route documents, e.g. `errorResponses(400, 401, 409)`. */
export function errorResponses<S extends number>(...statuses: S[]): Record<S, typeof errorSchema> {
  return Object.fromEntries(statuses.map((s) => [s, errorSchema])) as Record<S, typeof errorSchema>;
}

/** A 204 answer: no body. */
export const noContent = z.null().describe("No content");
