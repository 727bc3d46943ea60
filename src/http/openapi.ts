import { z } from "zod";
import { errorCodes } from "../errors/codes.js";

export const errorSchema = z
  .object({
    error: z.object({
      code: z.enum(Object.keys(errorCodes) as [keyof typeof errorCodes, ...(keyof typeof errorCodes)[]]),
      message: z.string(),
      details: z.unknown().optional(),
    }),
  })
  .describe("Error");

/** The error answers a route documents, e.g. `errorResponses(400, 401, 409)`. */
export function errorResponses<S extends number>(...statuses: S[]): Record<S, typeof errorSchema> {
  return Object.fromEntries(statuses.map((s) => [s, errorSchema])) as Record<S, typeof errorSchema>;
}

/** A 204 answer: no body. */
export const noContent = z.null().describe("No content");
