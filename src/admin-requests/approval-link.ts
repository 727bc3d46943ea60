import { z } from "zod";
import type { AdminRequest } from "../db/schema.js";
import type { Deps } from "../deps.js";
import { findOrganization } from "../directory/directory.repository.js";
import { AppError } from "../errors/app-error.js";
import { findLink } from "../links/links.repository.js";
import { findOrder } from "../orders/orders.repository.js";
import { adminRequestStatus, locale, scenario } from "../vocabulary.js";
import { findAdminRequest, findApprover } from "./admin-requests.repository.js";
import { type Decision, decideRequest } from "./decide-admin-request.js";

export const adminRequestOutput = z
  .object({
    id: z.string(),
    organization: z.object({ id: z.string(), name: z.string() }),
    requestedAdmin: z.object({ email: z.string(), name: z.string().nullable() }),
    requestedBy: z.object({ email: z.string() }),
    orderNumber: z.string(),
    scenario,
    status: adminRequestStatus,
    expiresAt: z.iso.datetime(),
    decidedAt: z.iso.datetime().nullable(),
    reason: z.string().nullable(),
    locale: locale.describe("The order's language, for the approval page"),
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
  const [organization, order] = await Promise.all([
    findOrganization(deps.db, request.organization_id),
    findOrder(deps.db, request.order_id),
  ]);
  const lapsed = request.status === "pending" && request.expires_at <= deps.clock.now();
  return {
    id: request.id,
    organization: { id: organization!.id, name: organization!.name },
    requestedAdmin: { email: request.email, name: request.name },
    requestedBy: { email: request.requested_by_email },
    orderNumber: order!.order_number,
    scenario: request.scenario,
    status: lapsed ? "expired" : request.status,
    expiresAt: request.expires_at.toISOString(),
    decidedAt: request.decided_at?.toISOString() ?? null,
    reason: request.reason,
    locale: order!.locale,
  };
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
