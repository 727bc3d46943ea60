import type { Kysely, Transaction } from "kysely";
import { isId } from "../db/ids.js";
import type { Database, User } from "../db/schema.js";
import { AppError } from "../errors/app-error.js";
import { requireEmail } from "../matching/validated-inputs.js";
import { findUser, findUserByEmail } from "./directory.repository.js";

type Executor = Kysely<Database> | Transaction<Database>;

/** `GET /api/v1/users?email=`: the user with this address in any case (none or one: e-mails are unique). */
export async function findUsersByEmail(db: Kysely<Database>, email: string): Promise<User[]> {
  const user = await findUserByEmail(db, requireEmail(email).email);
  return user ? [user] : [];
}

/** `GET /api/v1/users/{id}`: the user, or NOT_FOUND. */
export async function requireUser(db: Executor, id: string): Promise<User> {
  const user = isId(id) ? await findUser(db, id) : undefined;
  if (!user) throw new AppError("NOT_FOUND", { context: { about: "user", id } });
  return user;
}
