import type { Readable } from "node:stream";
import type { FastifyInstance, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Deps } from "../deps.js";
import { AppError } from "../errors/app-error.js";
import { errorResponses, noContent } from "../http/openapi.js";
import { addSubscription } from "./add-subscription.js";
import { addUser } from "./add-user.js";
import { createOrganization } from "./create-organization.js";
import { deleteOrganization } from "./delete-organizations.js";
import { deleteUser } from "./delete-user.js";
import {
  importRecord,
  importResultOutput,
  organizationDetailOutput,
  organizationInput,
  organizationListOutput,
  organizationListQuery,
  organizationOutput,
  organizationPatch,
  presentOrganization,
  presentSubscription,
  presentUser,
  subscriptionInput,
  subscriptionOutput,
  subscriptionPatch,
  userInput,
  userListOutput,
  userListQuery,
  userOutput,
  userPatch,
} from "./directory.schemas.js";
import type { DirectoryWrite } from "./directory-deps.js";
import { getOrganization } from "./get-organization.js";
import { findUsersByEmail, requireUser } from "./get-user.js";
import { importDirectory } from "./import-directory.js";
import { listOrganizations } from "./list-organizations.js";
import { maxImportLineBytes, ndjsonLines } from "./ndjson-lines.js";
import { updateOrganization } from "./update-organization.js";
import { requireSubscription, updateSubscription } from "./update-subscription.js";
import { updateUser } from "./update-user.js";

const organizationId = z.object({ id: z.string().describe("Organization id") });
const userId = z.object({ id: z.string().describe("User id") });
const subscriptionId = z.object({ id: z.string().describe("Subscription id") });
const ndjsonTypes = ["application/x-ndjson", "application/ndjson", "application/jsonl"];

/**
 * Directory endpoints (docs/api.md § Directory and § Directory sync). The caller registers them behind
 * the API token check, which names the caller (`request.apiActor`) for the audit log.
 */
export async function directoryRoutes(fastify: FastifyInstance, deps: Deps): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const tags = ["directory"];
  const security = [{ bearer: [] }];
  const write = (request: FastifyRequest): DirectoryWrite => ({ deps, actor: request.apiActor });

  app.get(
    "/organizations",
    {
      schema: {
        operationId: "listOrganizations",
        tags,
        security,
        summary: "List organizations, page by page",
        description:
          "Filters combine. `domain`: organizations with users on that registrable domain (listed by id); " +
          "`q`: organizations whose name key starts with the name key of `q` (listed by name key, then id); " +
          "otherwise by id. Pages are keyset-paginated: pass `next` as `after`; rows inserted meanwhile " +
          "never shift a page. `next` is null on the last page. Deleted organizations are left out unless " +
          "`includeDeleted=true`.",
        querystring: organizationListQuery,
        response: { 200: organizationListOutput, ...errorResponses(400, 401) },
      },
    },
    async (request) => {
      const page = await listOrganizations(deps.db, request.query);
      return { organizations: page.organizations.map(presentOrganization), next: page.next };
    },
  );

  app.post(
    "/organizations",
    {
      schema: {
        operationId: "createOrganization",
        tags,
        security,
        summary: "Add an existing organization",
        description: "An externalId that exists answers 409 EXTERNAL_ID_IN_USE with `details.existingId`.",
        body: organizationInput,
        response: { 201: organizationOutput, ...errorResponses(400, 401, 409, 413, 415) },
      },
    },
    async (request, reply) =>
      reply.status(201).send(presentOrganization(await createOrganization(write(request), request.body))),
  );

  app.get(
    "/organizations/:id",
    {
      schema: {
        operationId: "getOrganization",
        tags,
        security,
        summary: "An organization with its counts and full administrators",
        params: organizationId,
        response: { 200: organizationDetailOutput, ...errorResponses(401, 404) },
      },
    },
    async (request) => {
      const { organization, stats, fullAdmins } = await getOrganization(deps.db, request.params.id);
      return { ...presentOrganization(organization), stats, fullAdmins };
    },
  );

  app.patch(
    "/organizations/:id",
    {
      schema: {
        operationId: "updateOrganization",
        tags,
        security,
        summary: "Rename an organization or change its country, managing partner or externalId",
        description:
          "A new name brings its name key and prefix; the next match sees it. A deleted organization " +
          "answers 409 ORGANIZATION_DELETED.",
        params: organizationId,
        body: organizationPatch,
        response: { 200: organizationOutput, ...errorResponses(400, 401, 404, 409, 413, 415) },
      },
    },
    async (request) =>
      presentOrganization(await updateOrganization(write(request), request.params.id, request.body)),
  );

  app.delete(
    "/organizations/:id",
    {
      schema: {
        operationId: "deleteOrganization",
        tags,
        security,
        summary: "Delete an organization",
        description:
          "It stops matching at once; its users are removed (their e-mails are free again); its " +
          "subscriptions stay for history; its pending administrator requests are withdrawn and their " +
          "contacts told. Deleting it again answers 204.",
        params: organizationId,
        response: { 204: noContent, ...errorResponses(401, 404) },
      },
    },
    async (request, reply) => {
      await deleteOrganization(write(request), request.params.id);
      return reply.status(204).send(null);
    },
  );

  app.post(
    "/organizations/:id/users",
    {
      schema: {
        operationId: "addUser",
        tags,
        security,
        summary: "Add a user to an organization",
        description:
          "An e-mail that is a user already answers 409 EMAIL_IN_USE with `details.existingId`; a deleted " +
          "organization 409 ORGANIZATION_DELETED.",
        params: organizationId,
        body: userInput,
        response: { 201: userOutput, ...errorResponses(400, 401, 404, 409, 413, 415) },
      },
    },
    async (request, reply) =>
      reply.status(201).send(presentUser(await addUser(write(request), request.params.id, request.body))),
  );

  app.post(
    "/organizations/:id/subscriptions",
    {
      schema: {
        operationId: "addSubscription",
        tags,
        security,
        summary: "Add an existing subscription to an organization",
        description: "An externalId that exists answers 409 EXTERNAL_ID_IN_USE with `details.existingId`.",
        params: organizationId,
        body: subscriptionInput,
        response: { 201: subscriptionOutput, ...errorResponses(400, 401, 404, 409, 413, 415) },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(presentSubscription(await addSubscription(write(request), request.params.id, request.body))),
  );

  app.get(
    "/users",
    {
      schema: {
        operationId: "findUsers",
        tags,
        security,
        summary: "The user with an e-mail address, in any case",
        querystring: userListQuery,
        response: { 200: userListOutput, ...errorResponses(400, 401) },
      },
    },
    async (request) => ({ users: (await findUsersByEmail(deps.db, request.query.email)).map(presentUser) }),
  );

  app.get(
    "/users/:id",
    {
      schema: {
        operationId: "getUser",
        tags,
        security,
        summary: "A user",
        params: userId,
        response: { 200: userOutput, ...errorResponses(401, 404) },
      },
    },
    async (request) => presentUser(await requireUser(deps.db, request.params.id)),
  );

  app.patch(
    "/users/:id",
    {
      schema: {
        operationId: "updateUser",
        tags,
        security,
        summary: "Change a user's name, role or last activity, or move it to another organization",
        params: userId,
        body: userPatch,
        response: { 200: userOutput, ...errorResponses(400, 401, 404, 409, 413, 415) },
      },
    },
    async (request) => presentUser(await updateUser(write(request), request.params.id, request.body)),
  );

  app.delete(
    "/users/:id",
    {
      schema: {
        operationId: "deleteUser",
        tags,
        security,
        summary: "Delete a user; the e-mail is free again",
        params: userId,
        response: { 204: noContent, ...errorResponses(401, 404) },
      },
    },
    async (request, reply) => {
      await deleteUser(write(request), request.params.id);
      return reply.status(204).send(null);
    },
  );

  app.get(
    "/subscriptions/:id",
    {
      schema: {
        operationId: "getSubscription",
        tags,
        security,
        summary: "A subscription",
        params: subscriptionId,
        response: { 200: subscriptionOutput, ...errorResponses(401, 404) },
      },
    },
    async (request) => presentSubscription(await requireSubscription(deps.db, request.params.id)),
  );

  app.patch(
    "/subscriptions/:id",
    {
      schema: {
        operationId: "updateSubscription",
        tags,
        security,
        summary: "Change an existing subscription's status",
        description: "A subscription still awaiting setup follows its order: 409 NOT_APPLICABLE.",
        params: subscriptionId,
        body: subscriptionPatch,
        response: { 200: subscriptionOutput, ...errorResponses(400, 401, 404, 409, 413, 415) },
      },
    },
    async (request) =>
      presentSubscription(await updateSubscription(write(request), request.params.id, request.body)),
  );

  // NDJSON bodies are streamed to the importer, never buffered whole: the parser hands over the stream.
  await app.register(async (scope) => {
    scope.addContentTypeParser(ndjsonTypes, (_request, payload, done) => done(null, payload));
    scope.withTypeProvider<ZodTypeProvider>().post(
      "/import",
      {
        schema: {
          operationId: "importDirectory",
          tags,
          security,
          summary: "Import a directory export (NDJSON, one record a line)",
          description:
            'Lines: {"type":"organization","externalId",…}, {"type":"user","organizationExternalId",…}, ' +
            '{"type":"subscription","organizationExternalId","externalId",…}; deletions: ' +
            '{"type":"organization","externalId","deleted":true}, {"type":"user","email","deleted":true}, ' +
            '{"type":"subscription","externalId","deleted":true}. A user line naming another organization ' +
            "moves the user. Bad lines are reported and skipped.",
          consumes: ndjsonTypes,
          ndjsonBody: importRecord,
          response: { 200: importResultOutput, ...errorResponses(401, 415) },
        },
      },
      async (request, reply) => {
        const body = request.body as Readable | undefined;
        if (!request.headers["content-type"] || typeof body?.pipe !== "function") {
          throw new AppError("UNSUPPORTED_MEDIA_TYPE", { context: { about: "mediaType" } });
        }
        if (Number(request.headers["content-length"] ?? 0) > deps.config.importMaxBytes) {
          throw new AppError("PAYLOAD_TOO_LARGE", {
            context: {
              reason: `The import is larger than ${deps.config.importMaxBytes} bytes (IMPORT_MAX_BYTES).`,
            },
          });
        }
        // The body is not destroyed when reading stops early: the answer still reaches the client.
        const lines = ndjsonLines(body.iterator({ destroyOnReturn: false }), {
          maxLineBytes: maxImportLineBytes,
          maxTotalBytes: deps.config.importMaxBytes,
        });
        const result = await importDirectory(deps, lines, { actor: request.apiActor });
        if (result.stopped) {
          // The rest of the body is not read: discarded as it comes, and the connection closed after the answer.
          body.resume();
          void reply.header("connection", "close");
          // What came before the bound was imported: the answer says what, as a 413's details.
          throw new AppError("PAYLOAD_TOO_LARGE", {
            context: {
              reason: `The import is larger than ${deps.config.importMaxBytes} bytes (IMPORT_MAX_BYTES).`,
            },
            details: result,
          });
        }
        return result;
      },
    );
  });
}
