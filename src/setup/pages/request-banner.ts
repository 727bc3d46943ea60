import { type Html, html } from "../../render/html.js";
import { notice } from "../../web/components.js";
import type { PageContext } from "./context.js";

/** A decided request is news for the contact: approved (go on), or rejected, expired, withdrawn (choose again). */
export function requestBanner(c: PageContext): Html | undefined {
  const request = c.view.adminRequest;
  if (!request || c.view.step !== "company") return undefined;
  const { t } = c;
  const org = request.organization.name;
  switch (request.status) {
    case "approved":
      return notice("ok", t.banner.approved(org), "status");
    case "rejected":
      return notice(
        "warn",
        html`<p>${t.banner.rejected(org)}</p>${request.reason && html`<p>${t.banner.reason}: ${t.quote(request.reason)}</p>`}`,
        "status",
      );
    case "expired":
      return notice("warn", t.banner.expired(org), "status");
    case "withdrawn":
      return notice("info", t.banner.withdrawn(org), "status");
    default:
      return undefined;
  }
}
