import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Deps } from "../deps.js";
import { errorResponses } from "../http/openapi.js";
import { cancelOrder } from "./cancel-order.js";
import { getOrder } from "./get-order.js";
import { listOrderRecords } from "./orders.repository.js";
import { listOrdersQuery, orderInput, orderOutput, presentOrder, resendInput } from "./orders.schemas.js";
import { placeOrder } from "./place-order.js";
import { resendInvitation } from "./resend-invitation.js";

const byId = z.object({ id: z.string().describe("Order id") });

/** Order endpoints (docs/api.md § Orders). The caller registers them behind the API token check. */
export async function orderRoutes(fastify: FastifyInstance, deps: Deps): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const tags = ["orders"];
  const security = [{ bearer: [] }];

  app.post(
    "/orders",
    {
      schema: {
        tags,
        security,
        operationId: "placeOrder",
        summary: "Place an order",
        description:
          "Idempotent by orderNumber: the same body again answers 200 with the same order; another body is 409 ORDER_CONFLICT.",
        body: orderInput,
        response: { 200: orderOutput, 201: orderOutput, ...errorResponses(400, 401, 409, 413, 415) },
      },
    },
    async (request, reply) => {
      const { record, created } = await placeOrder(deps, request.body, request.apiActor);
      return reply.status(created ? 201 : 200).send(presentOrder(record));
    },
  );

  app.get(
    "/orders",
    {
      schema: {
        tags,
        security,
        operationId: "listOrders",
        summary: "Orders by id, with filters; pass `next` back as `after` for the next page",
        description:
          "To follow every change as it happens, read the event feed (GET /api/v1/events): it never skips one.",
        querystring: listOrdersQuery,
        response: {
          200: z.object({
            orders: z.array(orderOutput),
            next: z.string().nullable().describe("null: no more orders"),
          }),
          ...errorResponses(400, 401),
        },
      },
    },
    async (request) => {
      const { updatedAfter, limit, ...filter } = request.query;
      const records = await listOrderRecords(deps.db, {
        ...filter,
        ...(updatedAfter ? { updatedAfter: new Date(updatedAfter) } : {}),
        limit,
      });
      return {
        orders: records.map(presentOrder),
        next: records.length === limit ? records.at(-1)!.order.id : null,
      };
    },
  );

  app.get(
    "/orders/:id",
    {
      schema: {
        tags,
        security,
        operationId: "getOrder",
        summary: "An order with its subscriptions, setup link and administrator requests",
        params: byId,
        response: { 200: orderOutput, ...errorResponses(401, 404) },
      },
    },
    async (request) => presentOrder(await getOrder(deps, request.params.id)),
  );

  app.post(
    "/orders/:id/invitation/resend",
    {
      schema: {
        tags,
        security,
        operationId: "resendInvitation",
        summary: "Mail a new setup link, optionally to a new contact; the old link stops working",
        params: byId,
        body: resendInput,
        response: { 200: orderOutput, ...errorResponses(400, 401, 404, 409, 413, 415) },
      },
    },
    async (request) =>
      presentOrder(await resendInvitation(deps, request.params.id, request.body, request.apiActor)),
  );

  app.post(
    "/orders/:id/cancel",
    {
      schema: {
        tags,
        security,
        operationId: "cancelOrder",
        summary: "Cancel an order before it is provisioned; its links stop working",
        params: byId,
        response: { 200: orderOutput, ...errorResponses(401, 404, 409) },
      },
    },
    async (request) => presentOrder(await cancelOrder(deps, request.params.id, request.apiActor)),
  );
}
