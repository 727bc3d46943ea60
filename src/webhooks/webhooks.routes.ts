import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { idPattern, isId } from "../db/ids.js";
import type { Deps } from "../deps.js";
import { AppError } from "../errors/app-error.js";
import { errorResponses } from "../http/openapi.js";
import { changeWebhookEndpoint } from "./change-webhook-endpoint.js";
import { createWebhookEndpoint } from "./create-webhook-endpoint.js";
import { deleteWebhookEndpoint } from "./delete-webhook-endpoint.js";
import { replayWebhookEvents } from "./replay-webhook-events.js";
import { rotateWebhookSecret } from "./rotate-webhook-secret.js";
import { findEndpoint, listDeliveries, listEndpoints } from "./webhooks.repository.js";
import {
  createdEndpointOutput,
  deliveryOutput,
  endpointInput,
  endpointOutput,
  endpointPatch,
  presentDelivery,
  presentEndpoint,
} from "./webhooks.schemas.js";

const byId = z.object({ id: z.string().describe("Webhook endpoint id") });

/** Webhook endpoints (integration.md § 2). The caller registers them behind the API token check. */
export async function webhookRoutes(fastify: FastifyInstance, deps: Deps): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const tags = ["webhooks"];
  const security = [{ bearer: [] }];
  const existing = async (id: string) => {
    const endpoint = isId(id) ? await findEndpoint(deps.db, id) : undefined;
    if (!endpoint) throw new AppError("NOT_FOUND", { context: { about: "webhookEndpoint", id } });
    return endpoint;
  };

  app.post(
    "/webhook-endpoints",
    {
      schema: {
        tags,
        security,
        operationId: "createWebhookEndpoint",
        summary: "Register an endpoint; its secret is answered this once",
        body: endpointInput,
        response: { 201: createdEndpointOutput, ...errorResponses(400, 401, 413, 415) },
      },
    },
    async (request, reply) => {
      const { endpoint, secret } = await createWebhookEndpoint(deps, request.body);
      return reply.status(201).send({ ...presentEndpoint(endpoint), secret });
    },
  );

  app.get(
    "/webhook-endpoints",
    {
      schema: {
        tags,
        security,
        operationId: "listWebhookEndpoints",
        summary: "Every endpoint (never a secret)",
        response: { 200: z.object({ endpoints: z.array(endpointOutput) }), ...errorResponses(401) },
      },
    },
    async () => ({ endpoints: (await listEndpoints(deps.db)).map(presentEndpoint) }),
  );

  app.get(
    "/webhook-endpoints/:id",
    {
      schema: {
        tags,
        security,
        operationId: "getWebhookEndpoint",
        summary: "An endpoint (never its secret)",
        params: byId,
        response: { 200: endpointOutput, ...errorResponses(401, 404) },
      },
    },
    async (request) => presentEndpoint(await existing(request.params.id)),
  );

  app.patch(
    "/webhook-endpoints/:id",
    {
      schema: {
        tags,
        security,
        operationId: "updateWebhookEndpoint",
        summary: "Change the URL, types, description or status",
        params: byId,
        body: endpointPatch,
        response: { 200: endpointOutput, ...errorResponses(400, 401, 404, 413, 415) },
      },
    },
    async (request) => presentEndpoint(await changeWebhookEndpoint(deps, request.params.id, request.body)),
  );

  app.delete(
    "/webhook-endpoints/:id",
    {
      schema: {
        tags,
        security,
        operationId: "deleteWebhookEndpoint",
        summary: "Remove an endpoint and its deliveries",
        params: byId,
        response: { 204: z.null().describe("Deleted"), ...errorResponses(401, 404) },
      },
    },
    async (request, reply) => {
      await deleteWebhookEndpoint(deps, request.params.id);
      return reply.status(204).send(null);
    },
  );

  app.post(
    "/webhook-endpoints/:id/rotate-secret",
    {
      schema: {
        tags,
        security,
        operationId: "rotateWebhookSecret",
        summary: "A new secret; the previous one keeps signing beside it for 24 hours",
        params: byId,
        response: { 200: z.object({ secret: z.string() }), ...errorResponses(401, 404) },
      },
    },
    async (request) => rotateWebhookSecret(deps, request.params.id),
  );

  app.get(
    "/webhook-endpoints/:id/deliveries",
    {
      schema: {
        tags,
        security,
        operationId: "listWebhookDeliveries",
        summary: "The endpoint's deliveries, newest first",
        params: byId,
        querystring: z.object({ limit: z.coerce.number().int().min(1).max(1000).default(100) }),
        response: {
          200: z.object({ deliveries: z.array(deliveryOutput) }),
          ...errorResponses(400, 401, 404),
        },
      },
    },
    async (request) => {
      const endpoint = await existing(request.params.id);
      return {
        deliveries: (await listDeliveries(deps.db, endpoint.id, request.query.limit)).map(presentDelivery),
      };
    },
  );

  app.post(
    "/webhook-endpoints/:id/replay",
    {
      schema: {
        tags,
        security,
        operationId: "replayWebhookEvents",
        summary: "Deliver the endpoint's events after an event id again",
        params: byId,
        body: z.object({ after: z.string().regex(idPattern, "must be the id of an event") }),
        response: {
          202: z.object({ queued: z.number().int() }),
          ...errorResponses(400, 401, 404, 410, 413, 415),
        },
      },
    },
    async (request, reply) =>
      reply.status(202).send(await replayWebhookEvents(deps, request.params.id, request.body.after)),
  );
}
