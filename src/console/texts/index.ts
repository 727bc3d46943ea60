import type { Words } from "../../render/words.js";
import type { Locale } from "../../vocabulary.js";
import { en } from "./en.js";
import { it } from "./it.js";

export type ConsoleText = Words<typeof en>;

const tables: Record<Locale, ConsoleText> = { en, it };

/** The console's words in one language (texts/en.ts, texts/it.ts). */
export function consoleText(locale: Locale): ConsoleText {
  return tables[locale];
}
