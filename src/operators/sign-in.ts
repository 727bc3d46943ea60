import { recordAudit } from "../audit/audit.repository.js";
import type { Deps } from "../deps.js";
import { AppError } from "../errors/app-error.js";
import { block, blockOf, clear, hit } from "../limits/rate-limits.repository.js";
import { hashLinkToken, newLinkToken } from "../links/link-token.js";
import { maskEmail } from "../matching/email.js";
import {
  deleteSession,
  findOperatorByEmail,
  findSession,
  insertSession,
  touchSession,
} from "./operators.repository.js";
import { decoyHash, verifyPassword } from "./password.js";

const MINUTE = 60_000;
/** Sign-in attempts are counted over this window… */
export const throttleWindowMs = 15 * MINUTE;
/** …and past these many for one e-mail from one address, or from one address in all, sign-in waits. */
export const maxAttemptsPerEmailAndAddress = 5;
export const maxAttemptsPerAddress = 20;
/** Each block lasts twice the one before (15 minutes, 30, 60, …), at most a day. */
const maxBlockMs = 24 * 60 * MINUTE;
/** A session ends 2 hours after its last use, and 12 hours after sign-in whatever happens. */
const idleMs = 120 * MINUTE;
const absoluteMs = 12 * 60 * MINUTE;

export type SignedInOperator = { id: string; email: string; name: string | null };

/**
 * Signs an operator in. Each attempt is reserved before the password is checked, in PostgreSQL, so
 * parallel attempts on any number of instances are counted one by one: at most 5 per e-mail from one
 * address and 20 from one address in 15 minutes, then a block that doubles each time. A stranger
 * elsewhere cannot lock an operator out: the count is per e-mail *and* address. A success clears the
 * e-mail's count for that address. An unknown e-mail costs the same scrypt as a known one. The session
 * the browser came with is dropped and a new one made (no fixation).
 */
export async function signIn(
  deps: Pick<Deps, "db" | "clock">,
  input: { email: string; password: string; ip: string; previousToken: string | undefined },
): Promise<{ token: string; operator: SignedInOperator }> {
  const now = deps.clock.now();
  const email = input.email.trim().toLowerCase();
  const pairKey = `sign-in:${input.ip}:${email}`;
  await reserveAttempt(deps, `sign-in:${input.ip}`, maxAttemptsPerAddress, now);
  await reserveAttempt(deps, pairKey, maxAttemptsPerEmailAndAddress, now);
  const operator = await findOperatorByEmail(deps.db, email);
  const usable = operator !== undefined && operator.disabled_at === null;
  const valid = await verifyPassword(input.password, usable ? operator.password_hash : await decoyHash);
  if (!usable || !valid) {
    await recordAudit(deps.db, {
      at: now,
      actor: "system",
      action: "operator.sign_in_failed",
      subject: { type: "operator", id: operator?.id ?? "unknown" },
      details: { email: maskEmail(email) },
    });
    throw new AppError("UNAUTHENTICATED", { context: { about: "signIn" } });
  }
  await clear(deps.db, pairKey);
  const previous = input.previousToken ? hashLinkToken(input.previousToken) : undefined;
  const { token, hash } = newLinkToken();
  await deps.db.transaction().execute(async (trx) => {
    if (previous) await deleteSession(trx, previous);
    await insertSession(trx, {
      tokenHash: hash,
      operatorId: operator.id,
      now,
      expiresAt: new Date(now.getTime() + idleMs),
    });
    await recordAudit(trx, {
      at: now,
      actor: `operator:${operator.id}`,
      action: "operator.signed_in",
      subject: { type: "operator", id: operator.id },
    });
  });
  return { token, operator: { id: operator.id, email: operator.email, name: operator.name } };
}

/** The operator of a session cookie, if it is live; each use moves the idle expiry on. */
export async function operatorOfSession(
  deps: Pick<Deps, "db" | "clock">,
  token: string | undefined,
): Promise<SignedInOperator | undefined> {
  const hash = token ? hashLinkToken(token) : undefined;
  if (!hash) return undefined;
  const now = deps.clock.now();
  const session = await findSession(deps.db, hash, now);
  if (!session) return undefined;
  const expiresAt = new Date(Math.min(session.created_at.getTime() + absoluteMs, now.getTime() + idleMs));
  if (now.getTime() - session.last_seen_at.getTime() > MINUTE)
    await touchSession(deps.db, hash, now, expiresAt);
  return { id: session.operator_id, email: session.email, name: session.name };
}

export async function signOut(deps: Pick<Deps, "db">, token: string | undefined): Promise<void> {
  const hash = token ? hashLinkToken(token) : undefined;
  if (hash) await deleteSession(deps.db, hash);
}

/** Counts one attempt for `key`; refuses it (RATE_LIMITED with Retry-After) while the key is blocked or over `max`. */
async function reserveAttempt(deps: Pick<Deps, "db">, key: string, max: number, now: Date): Promise<void> {
  const window = await hit(deps.db, key, { now, windowMs: throttleWindowMs });
  let blockedUntil = window ? undefined : await blockOf(deps.db, key, now);
  if (window && window.hits > max) {
    blockedUntil = new Date(now.getTime() + Math.min(throttleWindowMs * 2 ** window.strikes, maxBlockMs));
    await block(deps.db, key, blockedUntil, now);
  }
  if (!window && !blockedUntil) return reserveAttempt(deps, key, max, now);
  if (blockedUntil) {
    const retryAfterSeconds = Math.max(1, Math.ceil((blockedUntil.getTime() - now.getTime()) / 1000));
    throw new AppError("RATE_LIMITED", {
      context: { about: "signIn", retryAfterSeconds },
      details: { retryAfterSeconds },
    });
  }
}
