import type { ErrorCode, ErrorContext } from "../../errors/codes.js";
import { errorMessage } from "../../errors/messages.js";
import type { Words } from "../../render/words.js";
import type { Locale } from "../../vocabulary.js";
import { en } from "./en.js";
import { it } from "./it.js";

export type Messages = Words<typeof en>;

const tables: Record<Locale, Messages> = { en, it };

/** The words of the pages in one language (texts/en.ts, texts/it.ts). */
export function messages(locale: Locale): Messages {
  return tables[locale];
}

/** An error as a page says it: the error table's sentence, without the API's English diagnostics. */
export function pageErrorMessage(
  locale: Locale,
  error: { code: ErrorCode; context?: ErrorContext | undefined },
): string {
  const { reason: _diagnostic, ...context } = error.context ?? {};
  return errorMessage(locale, error.code, context);
}
