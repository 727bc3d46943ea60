import { recordAudit } from "../audit/audit.repository.js";
import type { Deps } from "../deps.js";
import { AppError } from "../errors/app-error.js";
import { hashLinkToken, newLinkToken } from "../links/link-token.js";
import { addOperator } from "./add-operator.js";
import { consumeConsoleSetupToken, countOperators, insertConsoleSetupToken } from "./operators.repository.js";

const DAY_MS = 86_400_000;

/**
 * A server with no operator yet mints a one-time console setup link at start (and prints it): the
 * first operator is created from a browser, with no second process writing the database. The secret
 * has 256 bits and only its hash is stored; it expires after a day and serves once, and only while
 * there is no operator at all. Answers undefined when there is one.
 */
export async function mintConsoleSetupLink(
  deps: Pick<Deps, "db" | "clock" | "config">,
): Promise<string | undefined> {
  if ((await countOperators(deps.db)) > 0) return undefined;
  const now = deps.clock.now();
  const { token, hash } = newLinkToken();
  await insertConsoleSetupToken(deps.db, {
    tokenHash: hash,
    now,
    expiresAt: new Date(now.getTime() + DAY_MS),
  });
  return `${deps.config.publicUrl}/console/setup/${token}`;
}

/** Whether this console setup secret can still create the first operator. */
export async function isUsableSetupToken(deps: Pick<Deps, "db" | "clock">, token: string): Promise<boolean> {
  const hash = hashLinkToken(token);
  if (!hash || (await countOperators(deps.db)) > 0) return false;
  const rows = await deps.db
    .selectFrom("console_setup_tokens")
    .select("token_hash")
    .where("token_hash", "=", hash)
    .where("used_at", "is", null)
    .where("expires_at", ">", deps.clock.now())
    .execute();
  return rows.length > 0;
}

/** Creates the first operator with a console setup secret, which is then spent. */
export async function createFirstOperator(
  deps: Pick<Deps, "db" | "clock">,
  token: string,
  input: { email: string; password: string; name?: string },
): Promise<{ id: string; email: string }> {
  const hash = hashLinkToken(token);
  const now = deps.clock.now();
  return deps.db.transaction().execute(async (trx) => {
    // One at a time: the token row is locked while it is spent.
    const spent = hash ? await consumeConsoleSetupToken(trx, hash, now) : false;
    if (!spent || (await countOperators(trx)) > 0) {
      throw new AppError("NOT_FOUND", { context: { about: "consoleSetup" } });
    }
    const operator = await addOperator({ db: trx, clock: deps.clock }, input);
    await recordAudit(trx, {
      at: now,
      actor: `operator:${operator.id}`,
      action: "operator.created_first",
      subject: { type: "operator", id: operator.id },
    });
    return operator;
  });
}
