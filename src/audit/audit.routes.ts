import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { idPattern } from "../db/ids.js";
import type { Deps } from "../deps.js";
import { errorResponses } from "../http/openapi.js";
import { listAuditEvents } from "./audit.repository.js";

const query = z.object({
  subjectId: z.string().max(100).optional(),
  subjectType: z.string().max(50).optional(),
  orderId: z.string().regex(idPattern, "must be an id").optional(),
  action: z.string().max(100).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
});

const eventOutput = z.object({
  id: z.string(),
  at: z.iso.datetime(),
  actor: z.string(),
  action: z.string(),
  subjectType: z.string(),
  subjectId: z.string(),
  orderId: z.string().nullable(),
  details: z.record(z.string(), z.unknown()),
});

/** `GET /api/v1/audit` (docs/api.md § Audit): newest first. */
export async function auditRoutes(fastify: FastifyInstance, deps: Pick<Deps, "db">): Promise<void> {
  fastify.withTypeProvider<ZodTypeProvider>().get(
    "/audit",
    {
      schema: {
        tags: ["audit"],
        security: [{ bearer: [] }],
        operationId: "listAuditEvents",
        summary: "Audit events, newest first",
        querystring: query,
        response: { 200: z.object({ events: z.array(eventOutput) }), ...errorResponses(400, 401) },
      },
    },
    async (request) => {
      const events = await listAuditEvents(deps.db, request.query);
      return {
        events: events.map((e) => ({
          id: e.id,
          at: e.at.toISOString(),
          actor: e.actor,
          action: e.action,
          subjectType: e.subject_type,
          subjectId: e.subject_id,
          orderId: e.order_id,
          details: e.details,
        })),
      };
    },
  );
}
