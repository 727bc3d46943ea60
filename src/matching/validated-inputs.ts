import { AppError } from "../errors/app-error.js";
import { type ParsedEmail, parseEmail } from "./email.js";
import { type CompanyName, parseCompanyName } from "./name-key.js";

/** The matching rules' input checks as errors the API answers with (docs/matching.md § 1). */
export function requireEmail(input: string, field = "email"): ParsedEmail {
  const result = parseEmail(input);
  if (!result.ok)
    throw new AppError("INVALID_EMAIL", {
      context: { reason: result.reason },
      details: [{ path: field, message: result.reason }],
    });
  return result.value;
}

export function requireCompanyName(input: string, field = "name"): CompanyName {
  const result = parseCompanyName(input);
  if (!result.ok) {
    throw new AppError("INVALID_COMPANY_NAME", {
      context: { reason: result.reason },
      details: [{ path: field, message: result.reason }],
    });
  }
  return result.value;
}
