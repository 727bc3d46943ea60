import { randomUUID } from "node:crypto";
import helmet from "@fastify/helmet";
import swagger from "@fastify/swagger";
import swaggerUi from "@fastify/swagger-ui";
import Fastify, { type FastifyBaseLogger, type FastifyInstance, type FastifyReply } from "fastify";
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from "fastify-type-provider-zod";
import type { Logger } from "pino";
import { adminRequestPages } from "../admin-requests/admin-requests.pages.js";
import { adminRequestRoutes } from "../admin-requests/admin-requests.routes.js";
import { auditRoutes } from "../audit/audit.routes.js";
import { adminRequestsSection } from "../console/admin-requests.section.js";
import { auditSection } from "../console/audit.section.js";
import { consoleScope } from "../console/console.js";
import { ordersSection } from "../console/orders.section.js";
import { organizationsSection } from "../console/organizations.section.js";
import { outboxSection } from "../console/outbox.section.js";
import { webhooksSection } from "../console/webhooks.section.js";
import type { Db } from "../db/database.js";
import type { Deps } from "../deps.js";
import { directoryRoutes } from "../directory/directory.routes.js";
import { eventRoutes } from "../events/events.routes.js";
import { devMailboxApiRoutes, devMailboxPages } from "../mail/dev-mailbox.routes.js";
import type { Mailer } from "../mail/mailer.js";
import { metricsRoutes } from "../metrics/metrics.js";
import { orderRoutes } from "../orders/orders.routes.js";
import { setupPages } from "../setup/setup.pages.js";
import { setupRoutes } from "../setup/setup.routes.js";
import { assetRoutes } from "../web/assets.js";
import { homePage } from "../web/home.page.js";
import { webhookRoutes } from "../webhooks/webhooks.routes.js";
import { requireApiToken } from "./api-token.js";
import { errorBody, installErrorHandler } from "./error-handler.js";
import { healthRoutes } from "./health.routes.js";
import { createLinkGuessLimit } from "./link-guessing.js";

export type RegisteredRoute = { method: string; url: string };

declare module "fastify" {
  interface FastifyInstance {
    registeredRoutes: readonly RegisteredRoute[];
  }
}

export type ServerDeps = { deps: Deps; db: Db; logger: Logger; mailer: Mailer };

/** The HTTP server: every route, the error envelope, validation, security headers and the OpenAPI document. */
export async function buildServer({ deps, db, logger, mailer }: ServerDeps): Promise<FastifyInstance> {
  const { config } = deps;
  const app = Fastify({
    loggerInstance: logger as FastifyBaseLogger,
    bodyLimit: 1024 * 1024,
    requestIdHeader: "x-request-id",
    trustProxy: config.trustProxy,
    // Errors Fastify raises before routing (a malformed URL): the same envelope as every other error.
    frameworkErrors: (error, _request, reply) =>
      (reply as FastifyReply)
        .status(400)
        .send(errorBody("VALIDATION_FAILED", `The request is malformed: ${error.message}`)),
    genReqId: () => randomUUID(),
    // Ids in paths are digits and secrets 43 characters; anything longer than this is not a route of ours.
    routerOptions: { maxParamLength: 200 },
  });
  // JSON only (and NDJSON and forms where a route says so): any other body is 415, never parsed.
  app.removeContentTypeParser("text/plain");
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  installErrorHandler(app);
  // Every route as registered: the hostile-input and console tests walk all of them.
  const routes: RegisteredRoute[] = [];
  app.decorate("registeredRoutes", routes);
  app.addHook("onRoute", (route) => {
    for (const method of [route.method].flat()) routes.push({ method, url: route.url });
  });
  app.addHook("onSend", async (request, reply) => {
    void reply.header("x-request-id", request.id);
  });

  // Pages have no script and load only their own style sheet; nobody may frame them.
  await app.register(helmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'none'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", "data:"],
        formAction: ["'self'"],
        frameSrc: ["'self'"],
        frameAncestors: ["'none'"],
        baseUri: ["'none'"],
      },
    },
    referrerPolicy: { policy: "no-referrer" },
    strictTransportSecurity: config.publicUrl.startsWith("https:")
      ? { maxAge: 31_536_000, includeSubDomains: true }
      : false,
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
  await app.register(swaggerUi, {
    routePrefix: "/docs",
    uiConfig: { docExpansion: "list" },
    // Swagger UI needs its scripts: its pages get a policy of their own, served over plain HTTP locally too.
    staticCSP: true,
    transformStaticCSP: (header) => header.replace(/\s*upgrade-insecure-requests;?/, ""),
  });
  app.get("/openapi.json", { schema: { hide: true } }, async () => app.swagger());

  healthRoutes(app, db);
  metricsRoutes(app, deps.metrics);
  assetRoutes(app);
  if (mailer.kind === "dev-mailbox" && isLoopback(config.host)) await devMailboxPages(app, deps.db);

  await app.register(
    async (api) => {
      // onRequest: before the body is read or validated, so a caller without a token learns nothing else.
      api.addHook("onRequest", requireApiToken(config.apiTokenHashes));
      await directoryRoutes(api, db);
      await orderRoutes(api, deps);
      await auditRoutes(api, deps);
      await eventRoutes(api, deps);
      await webhookRoutes(api, deps);
      if (mailer.kind === "dev-mailbox") await devMailboxApiRoutes(api, deps.db);
    },
    { prefix: "/api/v1" },
  );
  // Wizard, approval page and their API are reached by a secret in the path: probing is limited.
  const linkGuessLimit = createLinkGuessLimit(deps.clock);
  await app.register(async (pages) => {
    linkGuessLimit.guard(pages);
    await setupPages(pages, deps);
  });
  await app.register(async (pages) => {
    linkGuessLimit.guard(pages);
    await adminRequestPages(pages, deps);
  });
  await app.register(async (console) =>
    consoleScope(console, deps, (sections) => {
      ordersSection(sections, deps);
      adminRequestsSection(sections, deps);
      organizationsSection(sections, deps);
      outboxSection(sections, deps);
      webhooksSection(sections, deps);
      auditSection(sections, deps);
    }),
  );
  homePage(app);
  // Authorized by the secret in their path, not by an API token.
  await app.register(
    async (links) => {
      linkGuessLimit.guard(links);
      await setupRoutes(links, deps);
      await adminRequestRoutes(links, deps);
    },
    { prefix: "/api/v1" },
  );
  return app;
}

function isLoopback(host: string): boolean {
  return host === "localhost" || host === "::1" || host.startsWith("127.");
}
