import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { idPattern } from "../db/ids.js";
import type { Deps } from "../deps.js";
import { errorResponses } from "../http/openapi.js";
import { eventTypes, isEventType } from "./event-types.js";
import { listEvents } from "./list-events.js";

export const eventTypeSchema = z.enum(eventTypes).describe("An event type (integration.md § 1)");

const query = z.object({
  after: z
    .string()
    .regex(idPattern, "must be the id of an event")
    .optional()
    .describe("The `next` of the previous page; absent: from the oldest event kept"),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  types: z
    .string()
    .max(2000)
    .transform((v) => v.split(",").map((t) => t.trim()))
    .refine((types) => types.every(isEventType), "must be event types separated by commas")
    .optional()
    .describe("Only these types, comma-separated, e.g. `order.provisioned,order.closed`"),
});

export const eventOutput = z
  .object({
    id: z.string(),
    type: z.string(),
    occurredAt: z.iso.datetime(),
    data: z.record(z.string(), z.unknown()),
  })
  .meta({ id: "Event", description: "Something downstream systems act on (docs/api.md § Events)" });

/** `GET /api/v1/events` (integration.md § 1). The caller registers it behind the API token check. */
export async function eventRoutes(fastify: FastifyInstance, deps: Pick<Deps, "db">): Promise<void> {
  fastify.withTypeProvider<ZodTypeProvider>().get(
    "/events",
    {
      schema: {
        tags: ["events"],
        security: [{ bearer: [] }],
        operationId: "listEvents",
        summary: "The event feed, oldest first: pass `next` back as `after` to see every event once",
        querystring: query,
        response: {
          200: z
            .object({ events: z.array(eventOutput), next: z.string().nullable() })
            .meta({ id: "EventPage" }),
          ...errorResponses(400, 401, 410),
        },
      },
    },
    async (request) => {
      const page = await listEvents(deps, request.query);
      return {
        events: page.events.map((e) => ({
          id: e.id,
          type: e.type,
          occurredAt: e.occurredAt.toISOString(),
          data: e.data,
        })),
        next: page.next,
      };
    },
  );
}
