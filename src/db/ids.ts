/**
 * Ids are bigint identities in the database and strings everywhere else: 1 to 18 digits, no leading
 * zero, so that every id a client sends fits in a bigint and a lookup never fails on the cast.
 */
export const idPattern = /^[1-9][0-9]{0,17}$/;

export function isId(value: string): boolean {
  return idPattern.test(value);
}
