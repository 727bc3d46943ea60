/** PostgreSQL error classification that works for both `pg` and PGlite errors (both carry SQLSTATE in `code`). */
type PgError = { code?: unknown; constraint?: unknown };

export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  const e = error as PgError;
  return e?.code === "23505" && (constraint === undefined || e.constraint === constraint);
}

export function isForeignKeyViolation(error: unknown): boolean {
  return (error as PgError)?.code === "23503";
}

/** The connection or the server is gone: retrying the row elsewhere will not help. */
export function isConnectionError(error: unknown): boolean {
  const code = (error as PgError)?.code;
  return (
    typeof code === "string" &&
    (code.startsWith("08") || code.startsWith("57P") || code === "ECONNREFUSED" || code === "ECONNRESET")
  );
}
