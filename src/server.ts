import { randomUUID } from "node:crypto";
import Fastify, { type FastifyBaseLogger, type FastifyInstance, type FastifyReply } from "fastify";
import { serializerCompiler, validatorCompiler } from "fastify-type-provider-zod";
import type { Logger } from "pino";
import { adminRequestPages } from "./admin-requests/admin-requests.pages.js";
import { adminRequestRoutes } from "./admin-requests/admin-requests.routes.js";
import { auditRoutes } from "./audit/audit.routes.js";
import { adminRequestsSection } from "./console/admin-requests.section.js";
import { auditSection } from "./console/audit.section.js";
import { consoleScope } from "./console/console-scope.js";
import { domainsSection } from "./console/domains.section.js";
import { ordersSection } from "./console/orders.section.js";
import { organizationsSection } from "./console/organizations.section.js";
import { outboxSection } from "./console/outbox.section.js";
import { webhooksSection } from "./console/webhooks.section.js";
import type { Db } from "./db/database.js";
import type { Deps } from "./deps.js";
import { directoryRoutes } from "./directory/directory.routes.js";
import { domainRoutes } from "./domains/domains.routes.js";
import { eventRoutes } from "./events/events.routes.js";
import { requireApiToken } from "./http/api-token.js";
import { errorBody, installErrorHandler } from "./http/error-handler.js";
import { healthRoutes } from "./http/health.routes.js";
import { linkLimits } from "./http/link-limits.js";
import { apiDocument } from "./http/plugins/api-document.js";
import { routeList } from "./http/plugins/route-list.js";
import { securityHeaders } from "./http/plugins/security-headers.js";
import { devMailboxApiRoutes, devMailboxPages } from "./mail/dev-mailbox.routes.js";
import type { Mailer } from "./mail/mailer.js";
import { metricsRoutes, timeRequests } from "./metrics/metrics.js";
import { orderRoutes } from "./orders/orders.routes.js";
import { setupPages } from "./setup/pages/wizard.routes.js";
import { setupRoutes } from "./setup/setup.routes.js";
import { assetRoutes } from "./web/assets.js";
import { homePage, portalPage } from "./web/home.page.js";
import { notFoundPage } from "./web/pages.js";
import { webhookRoutes } from "./webhooks/webhooks.routes.js";

export type ServerDeps = { deps: Deps; db: Db; logger: Logger; mailer: Mailer };

/**
 * The HTTP server, read as a table of contents: Fastify and its shared plugins, then the operations
 * routes, the integration API, the pages reached by a secret link, the console and the link APIs.
 */
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
        .send(errorBody("VALIDATION_FAILED", { reason: `The request is malformed: ${error.message}` })),
    genReqId: () => randomUUID(),
    // Ids in paths are digits and secrets 43 characters; anything longer than this is not a route of ours.
    routerOptions: { maxParamLength: 200 },
  });
  // JSON only (and NDJSON and forms where a route says so): any other body is 415, never parsed.
  app.removeContentTypeParser("text/plain");
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  installErrorHandler(app, notFoundPage);
  routeList(app);
  app.addHook("onSend", async (request, reply) => {
    void reply.header("x-request-id", request.id);
  });
  await securityHeaders(app, config);
  await apiDocument(app, config);
  app.decorateRequest("apiActor", "api");

  // Operations and static assets.
  healthRoutes(app, db);
  timeRequests(app, deps.metrics);
  if (config.metricsPort === undefined) metricsRoutes(app, deps.metrics, config.metricsTokenHash);
  assetRoutes(app);
  const mailboxPage = mailer.kind === "dev-mailbox" && isLoopback(config.host);
  homePage(app, { mailbox: mailboxPage });
  if (config.demoPortal) portalPage(app);
  if (mailboxPage) await devMailboxPages(app, deps.db, config);

  // The integration API: a bearer token, checked before the body is read, so a caller without one learns nothing else.
  await app.register(
    async (api) => {
      api.addHook("onRequest", requireApiToken(config.apiTokens));
      await directoryRoutes(api, deps);
      await orderRoutes(api, deps);
      await auditRoutes(api, deps);
      await eventRoutes(api, deps);
      await webhookRoutes(api, deps);
      await domainRoutes(api, deps);
      if (mailer.kind === "dev-mailbox") await devMailboxApiRoutes(api, deps.db);
    },
    { prefix: "/api/v1" },
  );

  // Reached by a secret in the path, not by an API token: the wizard, the approval page and their API.
  // Probing for secrets is limited per address.
  const linkGuessLimit = linkLimits(deps);
  await app.register(async (pages) => {
    linkGuessLimit.guard(pages);
    await setupPages(pages, deps);
  });
  await app.register(async (pages) => {
    linkGuessLimit.guard(pages);
    await adminRequestPages(pages, deps);
  });
  await app.register(
    async (links) => {
      linkGuessLimit.guard(links);
      // Personal data behind a secret: never kept by a browser or a proxy.
      links.addHook("onSend", async (_request, reply) => {
        void reply.header("cache-control", "no-store");
      });
      await setupRoutes(links, deps);
      await adminRequestRoutes(links, deps);
    },
    { prefix: "/api/v1" },
  );

  // The operator console.
  await app.register(async (console) =>
    consoleScope(console, deps, (sections) => {
      ordersSection(sections, deps);
      adminRequestsSection(sections, deps);
      organizationsSection(sections, deps);
      domainsSection(sections, deps);
      outboxSection(sections, deps);
      webhooksSection(sections, deps);
      auditSection(sections, deps);
    }),
  );
  return app;
}

function isLoopback(host: string): boolean {
  return host === "localhost" || host === "::1" || host.startsWith("127.");
}
