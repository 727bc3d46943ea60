import { recordAudit } from "../audit/audit.repository.js";
import type { Deps } from "../deps.js";
import { AppError } from "../errors/app-error.js";
import { hashLinkToken, newLinkToken } from "../links/link-token.js";
import { maskEmail } from "../matching/email.js";
import {
  deleteSession,
  findOperatorByEmail,
  findSession,
  insertSession,
  pruneSignInFailures,
  recordSignInFailure,
  signInFailuresSince,
  touchSession,
} from "./operators.repository.js";
import { decoyHash, verifyPassword } from "./password.js";

const MINUTE = 60_000;
/** Failed sign-ins are counted over this window… */
export const throttleWindowMs = 15 * MINUTE;
/** …and past these many for one e-mail, or from one address, sign-in waits. */
export const maxFailuresPerEmail = 5;
export const maxFailuresPerAddress = 20;
/** A session ends 2 hours after its last use, and 12 hours after sign-in whatever happens. */
const idleMs = 120 * MINUTE;
const absoluteMs = 12 * 60 * MINUTE;

export type SignedInOperator = { id: string; email: string; name: string | null };

/**
 * Signs an operator in. Throttled per e-mail and per address; an unknown e-mail costs the same scrypt
 * as a known one. The session the browser came with is dropped and a new one made (no fixation).
 */
export async function signIn(
  deps: Pick<Deps, "db" | "clock">,
  input: { email: string; password: string; ip: string; previousToken: string | undefined },
): Promise<{ token: string; operator: SignedInOperator }> {
  const now = deps.clock.now();
  const email = input.email.trim().toLowerCase();
  const since = new Date(now.getTime() - throttleWindowMs);
  const [byEmail, byAddress] = await signInFailuresSince(deps.db, { email, ip: input.ip }, since);
  for (const [counted, max] of [
    [byEmail!, maxFailuresPerEmail],
    [byAddress!, maxFailuresPerAddress],
  ] as const) {
    if (counted.count >= max) {
      const retryAfterSeconds = Math.max(
        1,
        Math.ceil((counted.oldest!.getTime() + throttleWindowMs - now.getTime()) / 1000),
      );
      throw new AppError("RATE_LIMITED", {
        context: { about: "signIn", retryAfterSeconds },
        details: { retryAfterSeconds },
      });
    }
  }
  const operator = await findOperatorByEmail(deps.db, email);
  const usable = operator !== undefined && operator.disabled_at === null;
  const valid = await verifyPassword(input.password, usable ? operator.password_hash : await decoyHash);
  if (!usable || !valid) {
    await recordSignInFailure(deps.db, { email, ip: input.ip, now });
    await pruneSignInFailures(deps.db, new Date(now.getTime() - 24 * 60 * MINUTE));
    await recordAudit(deps.db, {
      at: now,
      actor: "system",
      action: "operator.sign_in_failed",
      subject: { type: "operator", id: operator?.id ?? "unknown" },
      details: { email: maskEmail(email) },
    });
    throw new AppError("UNAUTHENTICATED", { context: { about: "signIn" } });
  }
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
