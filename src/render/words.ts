import type { Locale } from "../vocabulary.js";

/**
 * The shape of a text table: the English table, with every string widened to `string` and every
 * phrase function kept. Each other language is typed `Words<typeof en>`, so a missing or extra key
 * does not compile.
 */
export type Words<T> = T extends (...args: infer A) => string
  ? (...args: A) => string
  : T extends string
    ? string
    : T extends readonly string[]
      ? readonly string[]
      : { [K in keyof T]: Words<T[K]> };

/** The language a page is shown in: `?lang=` when given, else the order's, else the browser's. */
export function pickLocale(
  requested: unknown,
  fallback: Locale | undefined,
  acceptLanguage?: string,
): Locale {
  if (requested === "it" || requested === "en") return requested;
  if (fallback) return fallback;
  return /^\s*it\b/i.test(acceptLanguage ?? "") ? "it" : "en";
}
