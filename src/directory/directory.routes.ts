import type { Readable } from "node:stream";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Config } from "../config.js";
import type { Db } from "../db/database.js";
import { AppError } from "../errors/app-error.js";
import { errorResponses } from "../http/openapi.js";
import { addSubscription } from "./add-subscription.js";
import { addUser } from "./add-user.js";
import { createOrganization } from "./create-organization.js";
import {
  importResultOutput,
  organizationDetailOutput,
  organizationInput,
  organizationOutput,
  presentOrganization,
  presentSubscription,
  presentUser,
  subscriptionInput,
  subscriptionOutput,
  userInput,
  userOutput,
} from "./directory.schemas.js";
import { getOrganization } from "./get-organization.js";
import { importDirectory } from "./import-directory.js";
import { maxImportLineBytes, ndjsonLines } from "./ndjson-lines.js";

const byId = z.object({ id: z.string().describe("Organization id") });
const ndjsonTypes = ["application/x-ndjson", "application/ndjson", "application/jsonl"];

/** Directory endpoints (docs/api.md § Directory). The caller registers them behind the API token check. */
export async function directoryRoutes(
  fastify: FastifyInstance,
  db: Db,
  config: Pick<Config, "importMaxBytes">,
): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const tags = ["directory"];
  const security = [{ bearer: [] }];

  app.post(
    "/organizations",
    {
      schema: {
        tags,
        security,
        summary: "Add an existing organization",
        body: organizationInput,
        response: { 201: organizationOutput, ...errorResponses(400, 401, 409, 413, 415) },
      },
    },
    async (request, reply) =>
      reply.status(201).send(presentOrganization(await createOrganization(db.kysely, request.body))),
  );

  app.get(
    "/organizations/:id",
    {
      schema: {
        tags,
        security,
        summary: "An organization with its counts and full administrators",
        params: byId,
        response: { 200: organizationDetailOutput, ...errorResponses(401, 404) },
      },
    },
    async (request) => {
      const { organization, stats, fullAdmins } = await getOrganization(db.kysely, request.params.id);
      return { ...presentOrganization(organization), stats, fullAdmins };
    },
  );

  app.post(
    "/organizations/:id/users",
    {
      schema: {
        tags,
        security,
        summary: "Add a user to an organization",
        params: byId,
        body: userInput,
        response: { 201: userOutput, ...errorResponses(400, 401, 404, 409, 413, 415) },
      },
    },
    async (request, reply) =>
      reply.status(201).send(presentUser(await addUser(db.kysely, request.params.id, request.body))),
  );

  app.post(
    "/organizations/:id/subscriptions",
    {
      schema: {
        tags,
        security,
        summary: "Add an existing subscription to an organization",
        params: byId,
        body: subscriptionInput,
        response: { 201: subscriptionOutput, ...errorResponses(400, 401, 404, 409, 413, 415) },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(presentSubscription(await addSubscription(db.kysely, request.params.id, request.body))),
  );

  // NDJSON bodies are streamed to the importer, never buffered whole: the parser hands over the stream.
  await app.register(async (scope) => {
    scope.addContentTypeParser(ndjsonTypes, (_request, payload, done) => done(null, payload));
    scope.withTypeProvider<ZodTypeProvider>().post(
      "/import",
      {
        schema: {
          tags,
          security,
          summary: "Import a directory export (NDJSON, one record a line)",
          description:
            'Lines: {"type":"organization","externalId",…}, {"type":"user","organizationExternalId",…}, ' +
            '{"type":"subscription","organizationExternalId","externalId",…}. Bad lines are reported and skipped.',
          consumes: ndjsonTypes,
          response: { 200: importResultOutput, ...errorResponses(401, 415) },
        },
      },
      async (request, reply) => {
        const body = request.body as Readable | undefined;
        if (!request.headers["content-type"] || typeof body?.pipe !== "function") {
          throw new AppError("UNSUPPORTED_MEDIA_TYPE", { context: { about: "mediaType" } });
        }
        if (Number(request.headers["content-length"] ?? 0) > config.importMaxBytes) {
          throw new AppError("PAYLOAD_TOO_LARGE", {
            context: {
              reason: `The import is larger than ${config.importMaxBytes} bytes (IMPORT_MAX_BYTES).`,
            },
          });
        }
        // The body is not destroyed when reading stops early: the answer still reaches the client.
        const lines = ndjsonLines(body.iterator({ destroyOnReturn: false }), {
          maxLineBytes: maxImportLineBytes,
          maxTotalBytes: config.importMaxBytes,
        });
        const result = await importDirectory(db.kysely, lines);
        if (result.stopped) {
          // The rest of the body is not read: discarded as it comes, and the connection closed after the answer.
          body.resume();
          void reply.header("connection", "close");
          // What came before the bound was imported: the answer says what, as a 413's details.
          throw new AppError("PAYLOAD_TOO_LARGE", {
            context: {
              reason: `The import is larger than ${config.importMaxBytes} bytes (IMPORT_MAX_BYTES).`,
            },
            details: result,
          });
        }
        return result;
      },
    );
  });
}
