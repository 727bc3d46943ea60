import { createHash, randomBytes } from "node:crypto";

/**
 * The secrets of setup and approval links: 256 random bits, base64url in the URL, SHA-256 in the
 * database. A presented secret is hashed and looked up by that hash, so the lookup's timing says
 * nothing about how close a guess was.
 */
export type LinkToken = { token: string; hash: Buffer };

const tokenPattern = /^[A-Za-z0-9_-]{43}$/;

export function newLinkToken(): LinkToken {
  const token = randomBytes(32).toString("base64url");
  return { token, hash: hashLinkToken(token)! };
}

/** The hash to look a presented secret up by; undefined when it cannot be one of ours. */
export function hashLinkToken(token: string): Buffer | undefined {
  if (!tokenPattern.test(token)) return undefined;
  return createHash("sha256").update(token, "ascii").digest();
}
