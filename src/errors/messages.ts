import type { Locale } from "../vocabulary.js";
import type { ErrorCode, ErrorContext, ErrorTexts } from "./codes.js";
import { en } from "./messages.en.js";
import { it } from "./messages.it.js";

const tables: Record<Locale, ErrorTexts> = { en, it };

/** What an error means to a person, in their language; the API answers with the English one. */
export function errorMessage(locale: Locale, code: ErrorCode, context: ErrorContext = {}): string {
  const text = tables[locale][code];
  return typeof text === "string" ? text : text(context);
}
