import { legalForms } from "./legal-forms.js";

/** A company name as typed or stored, with the forms used to compare it (docs/matching.md §1). */
export type CompanyName = { name: string; nameKey: string; prefix: string };

export type CompanyNameResult = { ok: true; value: CompanyName } | { ok: false; reason: string };

const MAX_NAME = 200;
const PREFIX_LENGTH = 5;

const forbiddenInName = /[\p{Cc}\p{Cs}\p{Zl}\p{Zp}]/u;
// Bidirectional controls (U+202A–202E, U+2066–2069, and the marks) reorder what a reader sees.
const bidiControl = /\p{Bidi_Control}/u;
const combiningMarks = /\p{M}/gu;
const transliterated = /[ßæœøđðþłı]/g;
const transliterations: Readonly<Record<string, string>> = {
  ß: "ss",
  æ: "ae",
  œ: "oe",
  ø: "o",
  đ: "d",
  ð: "d",
  þ: "th",
  ł: "l",
  ı: "i",
};
// A word is a run of letters, digits, dots and slashes, so `S.p.A.` and `A/S` are one word each.
const words = /[\p{L}\p{N}./]+/gu;
const dotsAndSlashes = /[./]/g;
const leadingArticle = /^the\s/;

/** Validates a company name and computes its key and prefix. */
export function parseCompanyName(input: string): CompanyNameResult {
  const name = input.trim().normalize("NFC");
  if (name === "") return { ok: false, reason: "The company name is empty." };
  if (codePointLength(name) > MAX_NAME) {
    return { ok: false, reason: `The company name is longer than ${MAX_NAME} characters.` };
  }
  if (forbiddenInName.test(name)) {
    return {
      ok: false,
      reason: "The company name contains a line break, a control character or broken text.",
    };
  }
  if (bidiControl.test(name)) {
    return { ok: false, reason: "The company name contains a bidirectional control character." };
  }
  const key = nameKey(name);
  if (key === "") return { ok: false, reason: "The company name has no letters or digits." };
  return { ok: true, value: { name, nameKey: key, prefix: namePrefix(key) } };
}

/**
 * The name key of docs/matching.md §1: the same for "ACME Corp." and "Acme Corporation". Returns "" when
 * the name has no letter or digit.
 */
export function nameKey(name: string): string {
  // 1. lower case (locale-independent), compatibility decomposition, no combining marks; lower case
  // again because decomposition can yield capitals (ℌ → H, ᴬ → A)
  let text = name.toLowerCase().normalize("NFKD").toLowerCase().replace(combiningMarks, "");
  // 2. letters that do not decompose
  text = text.replace(transliterated, (letter) => transliterations[letter] ?? letter);
  // 3. one leading article
  text = text.trim();
  if (leadingArticle.test(text)) text = text.slice(4);
  // 4. trailing legal-form words, keeping at least one word
  const normalized: string[] = [];
  for (const match of text.matchAll(words)) {
    const word = match[0].replace(dotsAndSlashes, "");
    if (word !== "") normalized.push(word);
  }
  let count = normalized.length;
  while (count > 1 && legalForms.has(normalized[count - 1]!)) count--;
  // 5. letters and digits only: each word already is exactly that
  return normalized.slice(0, count).join("");
}

/** The first 5 code points of a name key. */
export function namePrefix(key: string): string {
  let end = 0;
  for (let count = 0; count < PREFIX_LENGTH && end < key.length; count++) {
    end += (key.codePointAt(end) ?? 0) > 0xffff ? 2 : 1;
  }
  return key.slice(0, end);
}

/** Two prefixes match when the shorter is a prefix of the longer (`ibm` matches `ibmit`). */
export function prefixesMatch(a: string, b: string): boolean {
  if (a === "" || b === "") return false;
  return a.length <= b.length ? b.startsWith(a) : a.startsWith(b);
}

function codePointLength(text: string): number {
  let length = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) i++;
    }
    length++;
  }
  return length;
}
