import { isAppError } from "../../errors/app-error.js";
import type { ErrorCode } from "../../errors/codes.js";
import type { CompleteInput, MatchSetupInput, SetupByInput, SetupDraft } from "../setup.schemas.js";
import { completeInput, matchInput, setupByInput } from "../setup.schemas.js";

/** A posted form: its fields as typed. */
export type Form = Record<string, string | undefined>;

/** Messages per form field; `form` is a message for the whole form. */
export type FieldErrors = Record<string, string | undefined>;

/** The who-sets-up form as the API's input; undefined when it is incomplete. */
export function parseWhoForm(body: Form): SetupByInput | undefined {
  const input = setupByInput.safeParse(
    body.setupBy === "customer"
      ? {
          setupBy: "customer",
          customerContact: { email: body.customerEmail ?? "", ...optional("name", body.customerName) },
        }
      : { setupBy: body.setupBy },
  );
  return input.success ? input.data : undefined;
}

/** The company form as the API's input, or the fields it got wrong. */
export function parseCompanyForm(
  body: Form,
): { ok: true; input: MatchSetupInput } | { ok: false; fields: string[] } {
  const input = matchInput.safeParse({
    companyName: body.companyName ?? "",
    adminEmail: body.adminEmail ?? "",
    ...optional("adminName", body.adminName),
    ...optional("country", body.country),
  });
  if (input.success) return { ok: true, input: input.data };
  return { ok: false, fields: input.error.issues.map((issue) => String(issue.path[0])) };
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
