import { isAppError } from "../../errors/app-error.js";
import type { ErrorCode } from "../../errors/codes.js";
import { parseEmail } from "../../matching/email.js";
import { parseCompanyName } from "../../matching/name-key.js";
import type { Messages } from "../../web/texts/index.js";
import type { CompleteInput, MatchSetupInput, SetupByInput, SetupDraft } from "../setup.schemas.js";
import { completeInput, matchInput, setupByInput } from "../setup.schemas.js";
import type { FieldError } from "./context.js";

/** A posted form: its fields as typed. */
export type Form = Record<string, string | undefined>;

/** Why an e-mail address cannot be used, as a person fixes it (from the parser's reason, src/matching/email.ts). */
export type EmailCause = "blank" | "format" | "characters" | "domain" | "tooLong";

/** Why a company name cannot be used (src/matching/name-key.ts). */
export type CompanyNameCause = "blank" | "tooLong" | "characters" | "noLetters";

/** The parser's English diagnostic, sorted into the causes a person can act on. */
export function emailCause(input: string): EmailCause | undefined {
  const parsed = parseEmail(input);
  if (parsed.ok) return undefined;
  const reason = parsed.reason;
  if (/is empty/.test(reason)) return "blank";
  if (/longer than/.test(reason)) return "tooLong";
  if (/space|control character|invisible|line break/.test(reason)) return "characters";
  if (/domain|IP address/.test(reason)) return "domain";
  return "format";
}

export function companyNameCause(input: string): CompanyNameCause | undefined {
  const parsed = parseCompanyName(input);
  if (parsed.ok) return undefined;
  const reason = parsed.reason;
  if (/is empty/.test(reason)) return "blank";
  if (/longer than/.test(reason)) return "tooLong";
  if (/no letters or digits/.test(reason)) return "noLetters";
  return "characters";
}

// A name is one line of printable text (the API's rule for names).
const printableName = /^[^\p{Cc}\p{Cf}]{1,200}$/u;

function nameError(value: string | undefined): boolean {
  const name = value?.trim();
  return name !== undefined && name !== "" && !printableName.test(name);
}

/** The company form as the API's input, or every field it got wrong, each with what to do. */
export function parseCompanyForm(
  body: Form,
  t: Messages,
): { ok: true; input: MatchSetupInput } | { ok: false; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const company = companyNameCause(body.companyName ?? "");
  if (company) errors.push({ field: "companyName", message: t.fields.companyName[company] });
  const email = emailCause(body.adminEmail ?? "");
  if (email) errors.push({ field: "adminEmail", message: t.fields.adminEmail[email] });
  if (nameError(body.adminName)) errors.push({ field: "adminName", message: t.fields.adminName.invalid });
  const country = body.country?.trim();
  if (country && !/^[A-Za-z]{2}$/.test(country)) {
    errors.push({ field: "country", message: t.fields.country.invalid });
  }
  if (errors.length > 0) return { ok: false, errors };
  const input = matchInput.safeParse({
    companyName: body.companyName ?? "",
    adminEmail: body.adminEmail ?? "",
    ...optional("adminName", body.adminName),
    ...optional("country", body.country),
  });
  if (input.success) return { ok: true, input: input.data };
  return {
    ok: false,
    errors: input.error.issues.map((issue) => ({
      field: String(issue.path[0]),
      message: t.fields.companyName.characters,
    })),
  };
}

/** "Who sets up": the choice alone (the customer's address is asked on a page of its own). */
export function parseWhoChoice(body: Form): "partner" | "customer" | undefined {
  return body.setupBy === "partner" || body.setupBy === "customer" ? body.setupBy : undefined;
}

/** The customer's contact, as the API's hand-over input, or what to fix. */
export function parseCustomerForm(
  body: Form,
  t: Messages,
): { ok: true; input: SetupByInput } | { ok: false; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const email = emailCause(body.customerEmail ?? "");
  if (email) errors.push({ field: "customerEmail", message: t.fields.customerEmail[email] });
  if (nameError(body.customerName)) {
    errors.push({ field: "customerName", message: t.fields.customerName.invalid });
  }
  const input = setupByInput.safeParse({
    setupBy: "customer",
    customerContact: { email: body.customerEmail ?? "", ...optional("name", body.customerName) },
  });
  if (errors.length === 0 && input.success) return { ok: true, input: input.data };
  return {
    ok: false,
    errors: errors.length > 0 ? errors : [{ field: "customerEmail", message: t.fields.customerEmail.format }],
  };
}

/** The confirm form: the decision, with the company details kept from the search. */
export function parseConfirmForm(body: Form, draft: SetupDraft): CompleteInput | undefined {
  const input = completeInput.safeParse({
    ...draft,
    decision:
      body.decision === "new"
        ? { type: "new" }
        : { type: "existing", organizationId: body.organizationId ?? "" },
  });
  return input.success ? input.data : undefined;
}

/** The form field an API error is about, by the path its details name (`customerContact.email`, …). */
const fieldOfPath: Record<string, string> = {
  companyName: "companyName",
  adminEmail: "adminEmail",
  adminName: "adminName",
  country: "country",
  "customerContact.email": "customerEmail",
  "customerContact.name": "customerName",
};

/** Errors a person fixes in a field; every other error is not the form's to show. */
const fieldErrors: ReadonlySet<ErrorCode> = new Set([
  "INVALID_EMAIL",
  "INVALID_COMPANY_NAME",
  "ADMIN_EMAIL_WRONG_KIND",
  "ADMIN_EMAIL_IN_OTHER_ORG",
  "VALIDATION_FAILED",
]);

/** The field of the form this error belongs at, if it is one a person fixes by typing. */
export function fieldOf(error: unknown): string | undefined {
  if (!isAppError(error) || !fieldErrors.has(error.code)) return undefined;
  const path = (error.details as { path?: string }[] | undefined)?.[0]?.path;
  return path === undefined ? undefined : fieldOfPath[path];
}

function optional(key: string, value: string | undefined): Record<string, string> {
  return value?.trim() ? { [key]: value.trim() } : {};
}
