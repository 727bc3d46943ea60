import type { Actor } from "../audit/audit.repository.js";
import type { Deps } from "../deps.js";

/** What a domain operation works with, and who asks (for the audit log): an integration or an operator. */
export type DomainWrite = {
  deps: Pick<Deps, "db" | "clock" | "isPublicProvider" | "lookupTxt">;
  actor: Actor;
};
