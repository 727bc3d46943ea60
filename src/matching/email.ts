import { domainToASCII } from "node:url";
import { getDomain } from "tldts";

/** An administrator e-mail in its normal form (docs/matching.md §1). */
export type ParsedEmail = {
  /** The whole address in lower case, with the domain in ASCII (`x@xn--bcher-kva.de`). */
  email: string;
  local: string;
  domain: string;
  /** The domain one level below its ICANN public suffix (`mail.acme.co.uk` → `acme.co.uk`). */
  registrableDomain: string;
};

export type EmailResult = { ok: true; value: ParsedEmail } | { ok: false; reason: string };

const MAX_LOCAL = 64;
const MAX_DOMAIN = 253;
const MAX_LABEL = 63;
const MAX_ADDRESS = 254;

const TAB = 0x09;
const SPACE = 0x20;
const DOT = 0x2e;
const HYPHEN = 0x2d;
const AT = 0x40;

// Only the ICANN section counts: a private suffix such as blogspot.com must not split one company in many.
const tldtsOptions = Object.freeze({
  allowPrivateDomains: false,
  extractHostname: false,
  mixedInputs: false,
  detectIp: true,
  validateHostname: false, // checkAsciiDomain is stricter
});

// White space, controls and format controls (invisible characters UTS #46 would silently drop).
const forbiddenNonAscii = /[\p{White_Space}\p{Cc}\p{Cf}\p{Cs}]/u;

// atext of RFC 5322 §3.2.3: A-Z a-z 0-9 ! # $ % & ' * + - / = ? ^ _ ` { | } ~
const isAtext = (() => {
  const table = new Uint8Array(128);
  for (let c = 0x30; c <= 0x39; c++) table[c] = 1;
  for (let c = 0x41; c <= 0x5a; c++) table[c] = 1;
  for (let c = 0x61; c <= 0x7a; c++) table[c] = 1;
  for (const ch of "!#$%&'*+-/=?^_`{|}~") table[ch.charCodeAt(0)] = 1;
  return (code: number): boolean => code < 128 && table[code] === 1;
})();

const isLowerLdh = (code: number): boolean =>
  (code >= 0x61 && code <= 0x7a) || (code >= 0x30 && code <= 0x39) || code === HYPHEN;

const isAsciiDomainChar = (code: number): boolean =>
  (code >= 0x61 && code <= 0x7a) ||
  (code >= 0x41 && code <= 0x5a) ||
  (code >= 0x30 && code <= 0x39) ||
  code === HYPHEN ||
  code === DOT;

const invalid = (reason: string): EmailResult => ({ ok: false, reason });

/**
 * Parses an administrator e-mail by the policy of docs/matching.md §1: a plain `local@domain` address,
 * no quoted strings, comments or IP literals, an internationalized domain converted to ASCII, and a
 * registrable domain. Runs in linear time with plain character scans (it is called for every user
 * of a bulk import).
 */
export function parseEmail(input: string): EmailResult {
  let start = 0;
  let end = input.length;
  while (start < end && isSpaceOrTab(input.charCodeAt(start))) start++;
  while (end > start && isSpaceOrTab(input.charCodeAt(end - 1))) end--;
  if (start === end) return invalid("The address is empty.");
  const address = input.slice(start, end);

  let at = -1;
  let nonAscii = false;
  for (let i = 0; i < address.length; i++) {
    const code = address.charCodeAt(i);
    if (code === SPACE) return invalid("The address contains a space.");
    if (code < 0x20 || code === 0x7f)
      return invalid("The address contains a line break or a control character.");
    if (code >= 0x80) nonAscii = true;
    else if (code === AT) {
      if (at !== -1) return invalid("The address has more than one @.");
      at = i;
    }
  }
  if (nonAscii && forbiddenNonAscii.test(address)) {
    return invalid("The address contains a space, an invisible character or a control character.");
  }
  if (at === -1) return invalid("The address has no @.");

  const local = address.slice(0, at);
  const localProblem = checkLocal(local);
  if (localProblem !== undefined) return invalid(localProblem);

  const rawDomain = address.slice(at + 1);
  const rawProblem = checkRawDomain(rawDomain);
  if (rawProblem !== undefined) return invalid(rawProblem);

  const domain = toAsciiDomain(rawDomain, !nonAscii);
  if (domain === "") return invalid(`The domain ${rawDomain} is not a valid domain name.`);
  const domainProblem = checkAsciiDomain(domain);
  if (domainProblem !== undefined) return invalid(domainProblem);

  const email = `${local.toLowerCase()}@${domain}`;
  if (email.length > MAX_ADDRESS) return invalid(`The address is longer than ${MAX_ADDRESS} characters.`);

  const registrableDomain = getDomain(domain, tldtsOptions);
  if (registrableDomain === null || registrableDomain === "") {
    return invalid(
      `The domain ${domain} is not a registrable domain (it is a public suffix, a single name or an IP address).`,
    );
  }
  return { ok: true, value: { email, local: email.slice(0, at), domain, registrableDomain } };
}

/** `mario.rossi@acme.it` → `m***@acme.it`: enough to recognise a colleague, not to write to them. */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf("@");
  if (at === -1) return "***";
  const first = at > 0 ? String.fromCodePoint(email.codePointAt(0) ?? 0x2a) : "";
  return `${first}***${email.slice(at)}`;
}

function isSpaceOrTab(code: number): boolean {
  return code === SPACE || code === TAB;
}

function checkLocal(local: string): string | undefined {
  if (local.length === 0) return "The address has nothing before the @.";
  if (local.length > MAX_LOCAL) return `The part before the @ is longer than ${MAX_LOCAL} characters.`;
  let previous = DOT; // a leading dot counts as following a dot
  for (let i = 0; i < local.length; i++) {
    const code = local.charCodeAt(i);
    if (code === DOT) {
      if (previous === DOT) {
        return i === 0
          ? "The part before the @ starts with a dot."
          : "The part before the @ contains two dots in a row.";
      }
    } else if (!isAtext(code)) {
      if (code === 0x22) return "Quoted addresses are not accepted.";
      if (code === 0x28 || code === 0x29) return "Comments in parentheses are not accepted in an address.";
      return "The part before the @ may contain only ASCII letters, digits, dots and !#$%&'*+-/=?^_`{|}~.";
    }
    previous = code;
  }
  if (previous === DOT) return "The part before the @ ends with a dot.";
  return undefined;
}

// UTS #46 turns a plain ASCII domain into its lower case; only punycode labels (xn--) and WHATWG
// numbers (0x1f) need the full conversion, which costs more than the rest of the parse.
function toAsciiDomain(domain: string, ascii: boolean): string {
  if (ascii) {
    const lower = domain.toLowerCase();
    if (!lower.includes("xn--") && !lower.startsWith("0x", lower.lastIndexOf(".") + 1)) return lower;
  }
  return domainToASCII(domain);
}

// Before conversion: reject ASCII punctuation, because domainToASCII would percent-decode or cut at it.
function checkRawDomain(domain: string): string | undefined {
  if (domain.length === 0) return "The address has no domain after the @.";
  const first = domain.charCodeAt(0);
  if (first === 0x5b) return "IP address literals such as [127.0.0.1] are not accepted.";
  for (let i = 0; i < domain.length; i++) {
    const code = domain.charCodeAt(i);
    if (code < 0x80 && !isAsciiDomainChar(code)) {
      if (code === 0x28 || code === 0x29) return "Comments in parentheses are not accepted in an address.";
      return `The domain ${domain} may contain only letters, digits, hyphens and dots.`;
    }
  }
  return undefined;
}

function checkAsciiDomain(domain: string): string | undefined {
  if (domain.length > MAX_DOMAIN) return `The domain is longer than ${MAX_DOMAIN} characters.`;
  let labelStart = 0;
  let allDigits = true;
  for (let i = 0; i <= domain.length; i++) {
    const code = i < domain.length ? domain.charCodeAt(i) : DOT;
    if (code !== DOT) {
      if (!isLowerLdh(code))
        return `The domain ${domain} may contain only letters, digits, hyphens and dots.`;
      if (code < 0x30 || code > 0x39) allDigits = false;
      continue;
    }
    const length = i - labelStart;
    if (length === 0) return `The domain ${domain} has an empty part (a leading, trailing or double dot).`;
    if (length > MAX_LABEL) return `A part of the domain ${domain} is longer than ${MAX_LABEL} characters.`;
    if (domain.charCodeAt(labelStart) === HYPHEN || domain.charCodeAt(i - 1) === HYPHEN) {
      return `A part of the domain ${domain} starts or ends with a hyphen.`;
    }
    if (i === domain.length && allDigits) {
      return `The domain ${domain} ends in a number: IP addresses are not accepted.`;
    }
    labelStart = i + 1;
    allDigits = true;
  }
  return undefined;
}
