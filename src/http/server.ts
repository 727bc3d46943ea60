import { randomUUID } from "node:crypto";
import swagger from "@fastify/swagger";
import swaggerUi from "@fastify/swagger-ui";
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from "fastify";
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from "fastify-type-provider-zod";
import type { Logger } from "pino";
import type { Config } from "../config.js";
import type { Db } from "../db/database.js";
import { directoryRoutes } from "../directory/directory.routes.js";
import { requireApiToken } from "./api-token.js";
import { installErrorHandler } from "./error-handler.js";
import { healthRoutes } from "./health.routes.js";

export type ServerDeps = { config: Config; db: Db; logger: Logger };

/** The HTTP server: every route, the error envelope, validation and the OpenAPI document. */
export async function buildServer({ config, db, logger }: ServerDeps): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: logger as FastifyBaseLogger,
    bodyLimit: 1024 * 1024,
    requestIdHeader: "x-request-id",
    genReqId: () => randomUUID(),
    // Ids in paths are digits; anything longer than this is not a route of ours.
    routerOptions: { maxParamLength: 200 },
  });
  // JSON only (and NDJSON where a route says so): any other body is 415, never parsed.
  app.removeContentTypeParser("text/plain");
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  installErrorHandler(app);
  app.addHook("onSend", async (request, reply) => {
    void reply.header("x-request-id", request.id);
  });

  await app.register(swagger, {
    openapi: {
      openapi: "3.1.0",
      info: {
        title: "Provisio API",
        version: "1",
        description:
          "Subscription provisioning: orders, setup links, organization matching and administrator approval.",
      },
      servers: [{ url: config.publicUrl }],
      components: { securitySchemes: { bearer: { type: "http", scheme: "bearer" } } },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: "/docs", uiConfig: { docExpansion: "list" } });
  app.get("/openapi.json", { schema: { hide: true } }, async () => app.swagger());

  healthRoutes(app, db);

  await app.register(
    async (api) => {
      // onRequest: before the body is read or validated, so a caller without a token learns nothing else.
      api.addHook("onRequest", requireApiToken(config.apiTokenHashes));
      await directoryRoutes(api, db);
    },
    { prefix: "/api/v1" },
  );
  return app;
}
