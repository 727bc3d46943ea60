import { type Html, html } from "../../render/html.js";
import { notice } from "../../web/components.js";
import type { PageContext } from "./context.js";

/** A decided request is news for the contact: approved (go on), rejected or expired (choose again). */
export function requestBanner(c: PageContext): Html | undefined {
  const request = c.view.adminRequest;
  if (!request || c.view.step !== "company") return undefined;
  const org = request.organization.name;
  if (request.status === "approved") return notice("ok", c.t.done.approved(org), "status");
  if (request.status === "rejected") {
    return notice(
      "warn",
      html`<p>${c.t.done.rejected(org)}</p>${request.reason && html`<p>${c.t.done.reason}: “${request.reason}”</p>`}`,
      "status",
    );
  }
  if (request.status === "expired") return notice("warn", c.t.done.expiredRequest(org), "status");
  return undefined;
}
