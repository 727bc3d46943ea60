import type { Deps } from "../deps.js";
import { AppError } from "../errors/app-error.js";
import { requireEmail } from "../matching/validated-inputs.js";
import { personName } from "../vocabulary.js";
import { insertOperator } from "./operators.repository.js";
import { hashPassword, minPasswordLength } from "./password.js";

/** `provisio operator add EMAIL`: creates the operator, or sets a new password for an existing one. */
export async function addOperator(
  deps: Pick<Deps, "db" | "clock">,
  input: { email: string; password: string; name?: string },
): Promise<{ id: string; email: string }> {
  const email = requireEmail(input.email, "email");
  if (input.password.length < minPasswordLength) {
    throw new AppError("VALIDATION_FAILED", { context: { about: "password", limit: minPasswordLength } });
  }
  const name = input.name === undefined ? undefined : personName.safeParse(input.name);
  if (name && !name.success) {
    throw new AppError("VALIDATION_FAILED", {
      details: [{ path: "name", message: name.error.issues[0]!.message }],
    });
  }
  const operator = await insertOperator(deps.db, {
    email: email.email,
    name: name?.data ?? null,
    passwordHash: await hashPassword(input.password),
    now: deps.clock.now(),
  });
  return { id: operator.id, email: operator.email };
}
