import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { withdrawAdminRequest } from "../admin-requests/withdraw-admin-request.js";
import type { Deps } from "../deps.js";
import { errorResponses } from "../http/openapi.js";
import { chooseSetupBy } from "./choose-setup-by.js";
import { completeSetup } from "./complete-setup.js";
import { getSetup } from "./get-setup.js";
import { matchSetup } from "./match-setup.js";
import {
  completeInput,
  completeOutput,
  matchInput,
  matchResultOutput,
  setupByInput,
  setupStateOutput,
  tokenParams,
} from "./setup.schemas.js";

/** Setup wizard endpoints (docs/api.md § Setup wizard): authorized by the secret in the path, no API token. */
export async function setupRoutes(fastify: FastifyInstance, deps: Deps): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const tags = ["setup wizard"];
  const dead = errorResponses(404, 410);

  app.get(
    "/setup/:token",
    {
      schema: {
        tags,
        operationId: "getSetup",
        summary: "Where the setup of this link's order stands",
        params: tokenParams,
        response: { 200: setupStateOutput, ...dead },
      },
    },
    async (request) => getSetup(deps, request.params.token),
  );

  app.post(
    "/setup/:token/setup-by",
    {
      schema: {
        tags,
        operationId: "chooseSetupBy",
        summary: "A partner's order for a customer: the partner sets up, or hands over to the customer",
        params: tokenParams,
        body: setupByInput,
        response: {
          200: z.object({ scenario: z.string() }),
          ...errorResponses(400, 404, 409, 410, 413, 415),
        },
      },
    },
    async (request) => chooseSetupBy(deps, request.params.token, request.body),
  );

  app.post(
    "/setup/:token/match",
    {
      schema: {
        tags,
        operationId: "matchOrganizations",
        summary: "The existing organizations this company and administrator may already be",
        description:
          "At most MATCH_RATE_PER_HOUR calls per link (429 RATE_LIMITED with Retry-After); every call is audited.",
        params: tokenParams,
        body: matchInput,
        response: { 200: matchResultOutput, ...errorResponses(400, 404, 409, 410, 413, 415, 429) },
      },
    },
    async (request) => matchSetup(deps, request.params.token, request.body),
  );

  app.post(
    "/setup/:token/complete",
    {
      schema: {
        tags,
        operationId: "completeSetup",
        summary: "Map the subscriptions to a new organization or to one the search showed",
        params: tokenParams,
        body: completeInput,
        response: { 200: completeOutput, ...errorResponses(400, 404, 409, 410, 413, 415) },
      },
    },
    async (request) => completeSetup(deps, request.params.token, request.body),
  );

  app.post(
    "/setup/:token/withdraw-request",
    {
      schema: {
        tags,
        operationId: "withdrawAdminRequest",
        summary: "Withdraw the administrator request the order waits for",
        description:
          "customer_self and partner_own_use: the request stops being pending (the administrators' links stop working) and the order goes back to setup.",
        params: tokenParams,
        response: {
          200: z
            .object({ status: z.literal("withdrawn"), adminRequestId: z.string() })
            .meta({ id: "WithdrawnAdminRequest" }),
          ...errorResponses(404, 409, 410),
        },
      },
    },
    async (request) => ({
      status: "withdrawn" as const,
      ...(await withdrawAdminRequest(deps, request.params.token)),
    }),
  );
}
