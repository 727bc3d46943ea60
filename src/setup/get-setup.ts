import type { Kysely, Transaction } from "kysely";
import { findLatestAdminRequest } from "../admin-requests/admin-requests.repository.js";
import type { Database } from "../db/schema.js";
import type { Deps } from "../deps.js";
import { findOrganization } from "../directory/directory.repository.js";
import { orderServices } from "../orders/orders.repository.js";
import { timeZoneOf } from "../orders/time-zone.js";
import type { SetupState } from "./setup.schemas.js";
import { openSetupLink, requireLiveLink, type SetupLink } from "./setup-link.js";

/** `GET /api/v1/setup/{token}`: where this link's setup stands, for the wizard to show the right step. */
export async function getSetup(deps: Pick<Deps, "db" | "clock">, token: string): Promise<SetupState> {
  const link = await openSetupLink(deps.db, token);
  requireLiveLink(link, deps.clock.now(), "view");
  return setupState(deps.db, link);
}

export async function setupState(
  db: Kysely<Database> | Transaction<Database>,
  { invitation, order }: SetupLink,
): Promise<SetupState> {
  const [services, partner, mapped, request] = await Promise.all([
    orderServices(db, order.id),
    order.partner_organization_id ? findOrganization(db, order.partner_organization_id) : undefined,
    order.organization_id ? findOrganization(db, order.organization_id) : undefined,
    findLatestAdminRequest(db, order.id),
  ]);
  const step =
    order.status === "provisioned"
      ? "done"
      : order.status === "awaiting_admin_approval"
        ? "awaiting_admin_approval"
        : order.scenario === null
          ? "choose_setup_by"
          : "company";
  return {
    order: {
      orderNumber: order.order_number,
      status: order.status,
      locale: order.locale,
      timeZone: timeZoneOf(order),
      orderedBy: partner ? { type: "partner", partnerName: partner.name } : { type: "customer" },
      intendedUse: order.intended_use,
      requestedStartDate: order.requested_start_date,
      createdAt: order.created_at.toISOString(),
      services,
      contact: { email: invitation.contact_email, name: invitation.contact_name },
    },
    scenario: order.scenario,
    step,
    expiresAt: invitation.expires_at?.toISOString() ?? null,
    draft: invitation.draft,
    adminRequest: request
      ? {
          id: request.id,
          organization: { id: request.organization_id, name: request.organization_name },
          email: request.email,
          status: request.status,
          routedTo: request.routed_to,
          requestedAt: request.created_at.toISOString(),
          expiresAt: request.expires_at.toISOString(),
          decidedAt: request.decided_at?.toISOString() ?? null,
          reason: request.reason,
        }
      : null,
    organization: mapped ? { id: mapped.id, name: mapped.name } : null,
  };
}
