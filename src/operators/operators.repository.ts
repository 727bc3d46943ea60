import type { Kysely, Transaction } from "kysely";
import type { Database, Operator } from "../db/schema.js";

/** All SQL of operators, their sessions and their failed sign-ins. */
type Executor = Kysely<Database> | Transaction<Database>;

export async function insertOperator(
  db: Executor,
  operator: { email: string; name: string | null; passwordHash: string; now: Date },
): Promise<Operator> {
  return db
    .insertInto("operators")
    .values({
      email: operator.email,
      name: operator.name,
      password_hash: operator.passwordHash,
      created_at: operator.now,
    })
    .onConflict((oc) =>
      oc.column("email").doUpdateSet({ password_hash: operator.passwordHash, disabled_at: null }),
    )
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function findOperatorByEmail(db: Executor, email: string): Promise<Operator | undefined> {
  return db.selectFrom("operators").selectAll().where("email", "=", email).executeTakeFirst();
}

export async function insertSession(
  db: Executor,
  session: { tokenHash: Buffer; operatorId: string; now: Date; expiresAt: Date },
): Promise<void> {
  await db
    .insertInto("operator_sessions")
    .values({
      token_hash: session.tokenHash,
      operator_id: session.operatorId,
      created_at: session.now,
      last_seen_at: session.now,
      expires_at: session.expiresAt,
    })
    .execute();
}

/** The live session with this hash and its (enabled) operator. */
export async function findSession(db: Executor, tokenHash: Buffer, now: Date) {
  return db
    .selectFrom("operator_sessions as s")
    .innerJoin("operators as o", "o.id", "s.operator_id")
    .select(["s.operator_id", "s.last_seen_at", "s.created_at", "o.email", "o.name"])
    .where("s.token_hash", "=", tokenHash)
    .where("s.expires_at", ">", now)
    .where("o.disabled_at", "is", null)
    .executeTakeFirst();
}

export async function touchSession(
  db: Executor,
  tokenHash: Buffer,
  now: Date,
  expiresAt: Date,
): Promise<void> {
  await db
    .updateTable("operator_sessions")
    .set({ last_seen_at: now, expires_at: expiresAt })
    .where("token_hash", "=", tokenHash)
    .execute();
}

export async function deleteSession(db: Executor, tokenHash: Buffer): Promise<void> {
  await db.deleteFrom("operator_sessions").where("token_hash", "=", tokenHash).execute();
}

export async function countOperators(db: Executor): Promise<number> {
  const row = await db
    .selectFrom("operators")
    .select((eb) => eb.fn.countAll<string>().as("n"))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function insertConsoleSetupToken(
  db: Executor,
  token: { tokenHash: Buffer; now: Date; expiresAt: Date },
): Promise<void> {
  await db
    .insertInto("console_setup_tokens")
    .values({ token_hash: token.tokenHash, created_at: token.now, expires_at: token.expiresAt })
    .execute();
}

/** Marks a live console setup token used; answers whether it was one. */
export async function consumeConsoleSetupToken(db: Executor, tokenHash: Buffer, now: Date): Promise<boolean> {
  const result = await db
    .updateTable("console_setup_tokens")
    .set({ used_at: now })
    .where("token_hash", "=", tokenHash)
    .where("used_at", "is", null)
    .where("expires_at", ">", now)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}
