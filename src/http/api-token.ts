import { timingSafeEqual } from "node:crypto";
import type { FastifyRequest } from "fastify";
import type { ApiActor } from "../audit/audit.repository.js";
import { type ApiToken, hashApiToken } from "../config.js";
import { AppError } from "../errors/app-error.js";

declare module "fastify" {
  interface FastifyRequest {
    /** Who called the integration API, for the audit log: `api`, or `api:<name>` for a `name:token`. */
    apiActor: ApiActor;
  }
}

/**
 * An onRequest hook for integration endpoints: `Authorization: Bearer <token>` with a token of API_TOKENS.
 * Compares SHA-256 digests in constant time, so neither length nor content leaks through timing; every
 * token is compared, so which one matched does not show either.
 */
export function requireApiToken(tokens: readonly ApiToken[]) {
  const accepted = tokens.map((token) => ({
    hash: Buffer.from(token.hash, "hex"),
    actor: (token.name === null ? "api" : `api:${token.name}`) as ApiActor,
  }));
  return async (request: FastifyRequest): Promise<void> => {
    const header = request.headers.authorization ?? "";
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
    if (match) {
      const presented = Buffer.from(hashApiToken(match[1]!), "hex");
      let actor: ApiActor | undefined;
      for (const token of accepted) if (timingSafeEqual(token.hash, presented)) actor ??= token.actor;
      if (actor !== undefined) {
        request.apiActor = actor;
        return;
      }
    }
    throw new AppError("UNAUTHENTICATED", {
      context: { about: accepted.length === 0 ? "apiTokensUnset" : "apiToken" },
    });
  };
}
