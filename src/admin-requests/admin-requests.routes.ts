import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Deps } from "../deps.js";
import { errorResponses } from "../http/openapi.js";
import { freeText } from "../vocabulary.js";
import { adminRequestOutput, decideByLink, viewAdminRequest } from "./approval-link.js";

const params = z.object({ token: z.string().max(200).describe("The secret of the approval link") });
const decided = z.object({ status: z.enum(["approved", "rejected"]) });

/** Approval endpoints (docs/api.md § Admin requests): authorized by the administrator's own secret link. */
export async function adminRequestRoutes(fastify: FastifyInstance, deps: Deps): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const tags = ["admin requests"];

  app.get(
    "/admin-requests/:token",
    {
      schema: {
        tags,
        operationId: "getAdminRequest",
        summary: "What an administrator request asks, and where it stands",
        params,
        response: { 200: adminRequestOutput, ...errorResponses(404) },
      },
    },
    async (request) => viewAdminRequest(deps, request.params.token),
  );

  app.post(
    "/admin-requests/:token/approve",
    {
      schema: {
        tags,
        operationId: "approveAdminRequest",
        summary: "Approve: the e-mail becomes a full administrator of the organization",
        params,
        response: { 200: decided, ...errorResponses(404, 409, 410) },
      },
    },
    async (request) => {
      await decideByLink(deps, request.params.token, { approve: true });
      return { status: "approved" as const };
    },
  );

  app.post(
    "/admin-requests/:token/reject",
    {
      schema: {
        tags,
        operationId: "rejectAdminRequest",
        summary: "Reject: the contact is told",
        params,
        body: z.object({ reason: freeText(1000).optional() }).default({}),
        response: { 200: decided, ...errorResponses(400, 404, 409, 410, 413, 415) },
      },
    },
    async (request) => {
      await decideByLink(deps, request.params.token, { approve: false, reason: request.body.reason ?? null });
      return { status: "rejected" as const };
    },
  );
}
