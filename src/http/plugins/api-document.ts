import swagger from "@fastify/swagger";
import swaggerUi from "@fastify/swagger-ui";
import type { FastifyInstance } from "fastify";
import { createJsonSchemaTransform, createJsonSchemaTransformObject } from "fastify-type-provider-zod";
import { type ZodType, z } from "zod";
import type { Config } from "../../config.js";

type Json = Record<string, unknown>;
type Operation = {
  operationId?: string;
  responses?: Record<string, Json>;
  requestBody?: Json;
  security?: Json[];
};
type Document = { paths?: Record<string, Record<string, Operation>>; components?: Json };

/** What every status means, for the response descriptions a client generator shows. */
const statusDescriptions: Record<string, string> = {
  "200": "OK",
  "201": "Created",
  "202": "Accepted",
  "204": "Done; no content",
  "400":
    "The request is not valid: VALIDATION_FAILED (details list each field), INVALID_EMAIL, INVALID_COMPANY_NAME",
  "401": "UNAUTHENTICATED: no API token, or a wrong one",
  "404": "NOT_FOUND",
  "409": "A conflict with the state of the data: the error code says which",
  "410": "A dead link: the error code says why",
  "413": "PAYLOAD_TOO_LARGE",
  "415": "UNSUPPORTED_MEDIA_TYPE",
  "429": "RATE_LIMITED: wait the seconds of Retry-After",
  "500": "INTERNAL_ERROR: a bug, logged under the request id",
  "503": "NOT_READY: the database is unreachable; retry after the seconds of Retry-After",
};

/** Only the API and the operations endpoints are in the document: the wizard, approval and console pages are not. */
function isDocumented(url: string): boolean {
  return url.startsWith("/api/") || ["/healthz", "/readyz", "/metrics"].includes(url);
}

/**
 * The OpenAPI document generated from the route schemas (`/openapi.json`) and its browsable view
 * (`/docs`). Zod schemas with `.meta({ id })` become named `components.schemas`; every API operation
 * also documents 500 and 503, 429 and 503 carry `Retry-After`, and a route's `ndjsonBody` (a body the
 * route streams itself, unparsed) is documented as its request body.
 */
export async function apiDocument(app: FastifyInstance, config: Pick<Config, "publicUrl">): Promise<void> {
  const ndjsonBodies = new Map<string, ZodType>();
  const zodTransform = createJsonSchemaTransform({});
  const zodTransformObject = createJsonSchemaTransformObject({});
  await app.register(swagger, {
    openapi: {
      openapi: "3.1.0",
      info: {
        title: "Provisio API",
        version: "1",
        description:
          "Subscription provisioning: orders, setup links, organization matching and administrator approval, " +
          "and the directory the matching reads. Integration endpoints take `Authorization: Bearer <token>`.",
        license: { name: "Proprietary", identifier: "LicenseRef-Proprietary" },
      },
      servers: [{ url: config.publicUrl }],
      components: {
        securitySchemes: { bearer: { type: "http", scheme: "bearer" } },
      },
    },
    transform: (input) => {
      if (!isDocumented(input.url)) return { schema: { hide: true }, url: input.url };
      const { ndjsonBody, ...schema } = (input.schema ?? {}) as Json & { ndjsonBody?: ZodType };
      if (ndjsonBody && typeof schema.operationId === "string")
        ndjsonBodies.set(schema.operationId, ndjsonBody);
      return zodTransform({ ...input, schema });
    },
    transformObject: (input) => {
      const document = zodTransformObject(input) as Document;
      completeOperations(document, ndjsonBodies);
      return tidyComponents(document) as ReturnType<typeof zodTransformObject>;
    },
  });
  await app.register(swaggerUi, {
    routePrefix: "/docs",
    uiConfig: { docExpansion: "list" },
    // Swagger UI needs its scripts: its pages get a policy of their own, served over plain HTTP locally too.
    staticCSP: true,
    transformStaticCSP: (header) => header.replace(/\s*upgrade-insecure-requests;?/, ""),
  });
  app.get("/openapi.json", { schema: { hide: true } }, async () => app.swagger());
}

/** Descriptions, Retry-After, the 500 and 503 every API operation may answer, and NDJSON bodies. */
function completeOperations(document: Document, ndjsonBodies: ReadonlyMap<string, ZodType>): void {
  document.components ??= {};
  const components = document.components as { headers?: Json; schemas?: Json };
  components.headers = {
    ...components.headers,
    RetryAfter: {
      description: "Seconds to wait before trying again",
      schema: { type: "integer", minimum: 1 },
      example: 5,
    },
  };
  const errorContent = { "application/json": { schema: { $ref: "#/components/schemas/Error" } } };
  for (const [path, methods] of Object.entries(document.paths ?? {})) {
    for (const operation of Object.values(methods)) {
      operation.responses ??= {};
      const responses = operation.responses;
      // Any route: a malformed URL (400); any API route: a bug (500), the database away (503).
      responses["400"] ??= { content: errorContent };
      if (path.startsWith("/api/")) {
        for (const status of ["500", "503"]) responses[status] ??= { content: errorContent };
      }
      // No API token: authorized by the secret in the path (setup and approval links), or public.
      operation.security ??= [];
      // Secret-link routes are guarded against guessing (src/http/link-guessing.ts).
      if (/^\/api\/v1\/(setup|admin-requests)\//.test(path)) responses["429"] ??= { content: errorContent };
      for (const [status, response] of Object.entries(responses)) {
        if (!response.description || response.description === "Default Response") {
          response.description = statusDescriptions[status] ?? "Answer";
        }
        if (status === "429" || status === "503") {
          response.headers = {
            ...(response.headers as Json),
            "Retry-After": { $ref: "#/components/headers/RetryAfter" },
          };
        }
      }
      const body = operation.operationId ? ndjsonBodies.get(operation.operationId) : undefined;
      if (body) {
        const id = z.globalRegistry.get(body)?.id;
        const schema = id
          ? { $ref: `#/components/schemas/${id}Input` }
          : z.toJSONSchema(body, { io: "input", target: "draft-2020-12", unrepresentable: "any" });
        operation.requestBody = {
          required: true,
          description: "NDJSON: one record a line, each line one of these objects",
          content: Object.fromEntries(
            ["application/x-ndjson", "application/ndjson", "application/jsonl"].map((type) => [
              type,
              { schema },
            ]),
          ),
        };
      }
    }
  }
}

/**
 * Keeps the named schemas the document refers to (the type provider emits every named schema both as
 * read and as written, `X` and `XInput`), and names a schema only ever written `X` rather than `XInput`.
 */
function tidyComponents(document: Document): Document {
  document.components ??= {};
  const schemas = (document.components.schemas ?? {}) as Json;
  const used = new Set<string>();
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) for (const item of value) visit(item);
    else if (value && typeof value === "object") {
      for (const [key, child] of Object.entries(value)) {
        if (key === "$ref" && typeof child === "string" && child.startsWith("#/components/schemas/")) {
          const name = child.slice("#/components/schemas/".length);
          if (!used.has(name)) {
            used.add(name);
            visit(schemas[name]);
          }
        } else visit(child);
      }
    }
  };
  visit(document.paths);
  const renames = new Map<string, string>();
  for (const name of used) {
    const plain = name.replace(/Input$/, "");
    if (plain !== name && !used.has(plain)) renames.set(name, plain);
  }
  const kept: Json = {};
  for (const name of [...used].sort()) {
    // Each schema is a part of this document, not a document of its own.
    const { $schema: _schema, $id: _id, ...schema } = schemas[name] as Json;
    kept[renames.get(name) ?? name] = schema;
  }
  document.components!.schemas = kept;
  const text = JSON.stringify(document).replace(
    /"#\/components\/schemas\/([A-Za-z0-9_]+)"/g,
    (whole, name: string) => (renames.has(name) ? `"#/components/schemas/${renames.get(name)}"` : whole),
  );
  return JSON.parse(text) as Document;
}
