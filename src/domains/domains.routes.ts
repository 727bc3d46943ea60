import type { FastifyInstance, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Deps } from "../deps.js";
import { errorResponses, noContent } from "../http/openapi.js";
import { addDomain } from "./add-domain.js";
import { claimDomain } from "./claim-domain.js";
import type { DomainWrite } from "./domain-deps.js";
import {
  domainInput,
  domainListOutput,
  domainOutput,
  domainPatch,
  presentDomain,
} from "./domains.schemas.js";
import { getDomains } from "./get-domains.js";
import { removeDomain } from "./remove-domain.js";
import { verifyDomain } from "./verify-domain.js";

const organizationId = z.object({ id: z.string().describe("Organization id") });
const organizationDomain = organizationId.extend({
  domain: z.string().max(300).describe("The domain, as added (acme.com)"),
});

/**
 * An organization's verified and claimed domains (docs/api.md § Domains). The caller registers them
 * behind the API token check, which names the caller for the audit log.
 */
export async function domainRoutes(fastify: FastifyInstance, deps: Deps): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const tags = ["domains"];
  const security = [{ bearer: [] }];
  const write = (request: FastifyRequest): DomainWrite => ({ deps, actor: request.apiActor });

  app.post(
    "/organizations/:id/domains",
    {
      schema: {
        tags,
        security,
        operationId: "addDomain",
        summary: "Add a domain to verify; answers the TXT record that proves it",
        description:
          "400 DOMAIN_NOT_ALLOWED: not a registrable domain, or a public provider. 409 DOMAIN_TAKEN: " +
          "another organization verified it. 409 DOMAIN_EXISTS: the organization has it already.",
        params: organizationId,
        body: domainInput,
        response: { 201: domainOutput, ...errorResponses(400, 401, 404, 409, 413, 415) },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(presentDomain(await addDomain(write(request), request.params.id, request.body.domain))),
  );

  app.get(
    "/organizations/:id/domains",
    {
      schema: {
        tags,
        security,
        operationId: "listDomains",
        summary: "The organization's domains and their status",
        params: organizationId,
        response: { 200: domainListOutput, ...errorResponses(401, 404) },
      },
    },
    async (request) => ({ domains: (await getDomains(deps.db, request.params.id)).map(presentDomain) }),
  );

  app.post(
    "/organizations/:id/domains/:domain/verify",
    {
      schema: {
        tags,
        security,
        operationId: "verifyDomain",
        summary: "Look for the TXT record now",
        description:
          "200 with status verified when a TXT record at `verification.name` holds `verification.value`. " +
          "409 DOMAIN_NOT_VERIFIED (details: the name, the value and the records found), 409 DOMAIN_TAKEN, " +
          "503 DNS_UNAVAILABLE when the name servers do not answer within a few seconds.",
        params: organizationDomain,
        response: { 200: domainOutput, ...errorResponses(401, 404, 409, 503) },
      },
    },
    async (request) =>
      presentDomain(await verifyDomain(write(request), request.params.id, request.params.domain)),
  );

  app.patch(
    "/organizations/:id/domains/:domain",
    {
      schema: {
        tags,
        security,
        operationId: "updateDomain",
        summary: "Claim or unclaim a domain",
        description:
          "A claimed domain stops the wizard from creating a new organization for an administrator on it " +
          "(409 DOMAIN_CLAIMED). Only a verified domain can be claimed: 409 DOMAIN_NOT_VERIFIED.",
        params: organizationDomain,
        body: domainPatch,
        response: { 200: domainOutput, ...errorResponses(400, 401, 404, 409, 413, 415) },
      },
    },
    async (request) =>
      presentDomain(
        await claimDomain(write(request), request.params.id, request.params.domain, request.body.claimed),
      ),
  );

  app.delete(
    "/organizations/:id/domains/:domain",
    {
      schema: {
        tags,
        security,
        operationId: "removeDomain",
        summary: "Remove a domain",
        params: organizationDomain,
        response: { 204: noContent, ...errorResponses(401, 404) },
      },
    },
    async (request, reply) => {
      await removeDomain(write(request), request.params.id, request.params.domain);
      return reply.status(204).send(null);
    },
  );
}
