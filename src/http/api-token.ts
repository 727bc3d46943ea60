import { timingSafeEqual } from "node:crypto";
import type { FastifyRequest } from "fastify";
import { hashApiToken } from "../config.js";
import { AppError } from "../errors/app-error.js";

/**
 * An onRequest hook for integration endpoints: `Authorization: Bearer <token>` with a token of API_TOKENS.
 * Compares SHA-256 digests in constant time, so neither length nor content leaks through timing.
 */
export function requireApiToken(tokenHashes: readonly string[]) {
  const accepted = tokenHashes.map((hash) => Buffer.from(hash, "hex"));
  return async (request: FastifyRequest): Promise<void> => {
    const header = request.headers.authorization ?? "";
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
    if (match) {
      const presented = Buffer.from(hashApiToken(match[1]!), "hex");
      let ok = false;
      for (const hash of accepted) ok = timingSafeEqual(hash, presented) || ok;
      if (ok) return;
    }
    throw new AppError("UNAUTHENTICATED", {
      context: { about: accepted.length === 0 ? "apiTokensUnset" : "apiToken" },
    });
  };
}
