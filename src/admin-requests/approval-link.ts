import { z } from "zod";
import type { AdminRequest } from "../db/schema.js";
import type { Deps } from "../deps.js";
import { findOrganization, findUser, findUserByEmail } from "../directory/directory.repository.js";
import { AppError } from "../errors/app-error.js";
import { findLink } from "../links/links.repository.js";
import { findInvitation, findOrder, orderServices } from "../orders/orders.repository.js";
import { timeZoneOf } from "../orders/time-zone.js";
import { adminRequestStatus, locale, scenario, serviceLine } from "../vocabulary.js";
import { findAdminRequest, findApprover } from "./admin-requests.repository.js";
import { type Decision, decideRequest } from "./decide-admin-request.js";

export const adminRequestOutput = z
  .object({
    id: z.string(),
    organization: z.object({ id: z.string(), name: z.string() }),
    requestedAdmin: z.object({
      email: z.string(),
      name: z.string().nullable(),
      isUser: z.boolean().describe("The address is already a user of the organization"),
    }),
    requestedBy: z.object({
      email: z.string(),
      name: z.string().nullable(),
      partnerName: z.string().nullable().describe("For a partner's order: the partner organization's name"),
    }),
    orderNumber: z.string(),
    services: z.array(serviceLine),
    scenario,
    status: adminRequestStatus,
    requestedAt: z.iso.datetime(),
    expiresAt: z.iso.datetime(),
    decidedAt: z.iso.datetime().nullable(),
    decidedBy: z
      .object({
        kind: z.enum(["administrator", "operator", "contact", "system"]),
        name: z.string().nullable(),
        email: z.string().nullable(),
      })
      .nullable()
      .describe(
        "Who decided: one of the organization's administrators (named), support, the contact, or Provisio itself",
      ),
    reason: z.string().nullable(),
    locale: locale.describe("The order's language, for the approval page"),
    timeZone: z.string().describe("The order's time zone, for the approval page"),
  })
  .meta({ id: "AdminRequest" });
export type AdminRequestView = z.infer<typeof adminRequestOutput>;

/** The approver and request an approval secret opens; NOT_FOUND for anything else. */
async function openApprovalLink(deps: Pick<Deps, "db">, token: string) {
  const link = await findLink(deps.db, token);
  const approver = link?.approverId ? await findApprover(deps.db, link.approverId) : undefined;
  const request = approver ? await findAdminRequest(deps.db, approver.admin_request_id) : undefined;
  if (!approver || !request) throw new AppError("NOT_FOUND", { context: { about: "approvalLink" } });
  return { approver, request };
}

/**
 * `GET /api/v1/admin-requests/{token}`: what is asked, and where it stands. A decided or expired
 * request still answers 200 with its status, so the page can say what happened; acting on it answers
 * ADMIN_REQUEST_DECIDED or ADMIN_REQUEST_EXPIRED.
 */
export async function viewAdminRequest(
  deps: Pick<Deps, "db" | "clock">,
  token: string,
): Promise<AdminRequestView> {
  const { request } = await openApprovalLink(deps, token);
  return presentAdminRequest(deps, request);
}

export async function presentAdminRequest(
  deps: Pick<Deps, "db" | "clock">,
  request: AdminRequest,
): Promise<AdminRequestView> {
  const [organization, order, invitation, services, user, decidedBy] = await Promise.all([
    findOrganization(deps.db, request.organization_id),
    findOrder(deps.db, request.order_id),
    findInvitation(deps.db, request.invitation_id),
    orderServices(deps.db, request.order_id),
    findUserByEmail(deps.db, request.email),
    decider(deps, request.decided_by),
  ]);
  const partner = order!.partner_organization_id
    ? await findOrganization(deps.db, order!.partner_organization_id)
    : undefined;
  const lapsed = request.status === "pending" && request.expires_at <= deps.clock.now();
  return {
    id: request.id,
    organization: { id: organization!.id, name: organization!.name },
    requestedAdmin: {
      email: request.email,
      name: request.name,
      isUser: user?.organization_id === request.organization_id,
    },
    requestedBy: {
      email: request.requested_by_email,
      name: invitation?.contact_name ?? null,
      partnerName: partner?.name ?? null,
    },
    orderNumber: order!.order_number,
    services,
    scenario: request.scenario,
    status: lapsed ? "expired" : request.status,
    requestedAt: request.created_at.toISOString(),
    expiresAt: request.expires_at.toISOString(),
    decidedAt: request.decided_at?.toISOString() ?? (lapsed ? request.expires_at.toISOString() : null),
    decidedBy,
    reason: request.reason,
    locale: order!.locale,
    timeZone: timeZoneOf(order!),
  };
}

/** `decided_by` in words a page can show: a named administrator, support, the contact, or Provisio itself. */
async function decider(
  deps: Pick<Deps, "db">,
  decidedBy: string | null,
): Promise<AdminRequestView["decidedBy"]> {
  if (!decidedBy) return null;
  const [kind, id] = decidedBy.split(":");
  if (kind === "user" && id) {
    const user = await findUser(deps.db, id);
    return { kind: "administrator", name: user?.name ?? null, email: user?.email ?? null };
  }
  if (kind === "operator") return { kind: "operator", name: null, email: null };
  if (kind === "setup-link") return { kind: "contact", name: null, email: null };
  return { kind: "system", name: null, email: null };
}

/** `POST /api/v1/admin-requests/{token}/approve` and `/reject`: the administrator of this link decides. */
export async function decideByLink(deps: Deps, token: string, decision: Decision): Promise<AdminRequest> {
  const { approver } = await openApprovalLink(deps, token);
  return decideRequest(
    deps,
    approver.admin_request_id,
    { approverId: approver.id, userId: approver.user_id },
    decision,
  );
}
