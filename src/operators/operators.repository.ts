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

export async function recordSignInFailure(
  db: Executor,
  failure: { email: string; ip: string; now: Date },
): Promise<void> {
  await db
    .insertInto("operator_sign_in_failures")
    .values({ email: failure.email, ip: failure.ip, at: failure.now })
    .execute();
}

/** Failures for this e-mail and for this address since `since`, and the oldest of each. */
export async function signInFailuresSince(db: Executor, key: { email: string; ip: string }, since: Date) {
  const [byEmail, byIp] = await Promise.all(
    (["email", "ip"] as const).map((column) =>
      db
        .selectFrom("operator_sign_in_failures")
        .select((eb) => [eb.fn.countAll<string>().as("n"), eb.fn.min("at").as("oldest")])
        .where(column, "=", key[column])
        .where("at", ">", since)
        .executeTakeFirstOrThrow(),
    ),
  );
  return [byEmail!, byIp!].map((r) => ({ count: Number(r.n), oldest: r.oldest as Date | null }));
}

export async function pruneSignInFailures(db: Executor, before: Date): Promise<void> {
  await db.deleteFrom("operator_sign_in_failures").where("at", "<", before).execute();
}
