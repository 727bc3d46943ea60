import type { Transaction } from "kysely";
import { type Actor, recordAudit } from "../audit/audit.repository.js";
import { isId } from "../db/ids.js";
import type { AdminRequest, Database, User } from "../db/schema.js";
import type { Deps } from "../deps.js";
import {
  findUser,
  findUserByEmail,
  insertUser,
  promoteToFullAdmin,
} from "../directory/directory.repository.js";
import { AppError } from "../errors/app-error.js";
import { recordEvent } from "../events/events.repository.js";
import { maskEmail } from "../matching/email.js";
import { lockOrder } from "../orders/orders.repository.js";
import { freeText } from "../vocabulary.js";
import { decideAdminRequest, findAdminRequest } from "./admin-requests.repository.js";
import { adminRequestData } from "./raise-admin-request.js";
import { tellContact } from "./tell-contact.js";

/** Who decides: a full administrator through their approval link, or an operator for a request routed to operators. */
export type Decider = { approverId: string; userId: string | null } | { operatorId: string };

export type Decision = { approve: true } | { approve: false; reason: string | null };

/**
 * Approves or rejects a pending administrator request (docs/product.md § 8).
 * Approval adds the e-mail to the organization as full administrator (or promotes its user); for
 * customer_self and partner_own_use the order goes back to setup and the contact gets a resume link
 * (valid INVITATION_TTL_DAYS from now at least), for partner_for_customer the contact is told.
 * Rejection tells the contact; a stopped order goes back to setup, where another path may be chosen.
 */
export async function decideRequest(
  deps: Deps,
  requestId: string,
  decider: Decider,
  decision: Decision,
): Promise<AdminRequest> {
  const reason = decision.approve ? null : reasonOf(decision.reason);
  const decided = await deps.db.transaction().execute(async (trx) => {
    const now = deps.clock.now();
    const unlocked = isId(requestId) ? await findAdminRequest(trx, requestId) : undefined;
    if (!unlocked) throw new AppError("NOT_FOUND", { context: { about: "adminRequest" } });
    const order = (await lockOrder(trx, unlocked.order_id))!;
    const request = (await findAdminRequest(trx, requestId))!;
    requirePending(request, now);
    const actor: Actor =
      "operatorId" in decider ? `operator:${decider.operatorId}` : `approval-link:${decider.approverId}`;
    if ("userId" in decider) await requireStillAdministrator(trx, request, decider.userId);
    if ("operatorId" in decider && request.routed_to !== "operators") {
      throw new AppError("NOT_APPLICABLE", { context: { about: "operatorDecision" } });
    }

    // What approving did to the directory, for its event.
    let added: User | undefined;
    let promoted: User | undefined;
    if (decision.approve) {
      const user = await findUserByEmail(trx, request.email);
      if (user && user.organization_id !== request.organization_id) {
        throw new AppError("ADMIN_EMAIL_IN_OTHER_ORG", { context: { about: "sinceRequested" } });
      }
      if (!user) {
        added = await insertUser(trx, {
          organizationId: request.organization_id,
          email: request.email,
          emailDomain: request.email_domain,
          name: request.name,
          role: "full_admin",
          lastActiveAt: null,
        });
      } else if (user.role !== "full_admin") {
        await promoteToFullAdmin(trx, user.id, now);
        promoted = user;
      }
    }
    const by = "operatorId" in decider ? `operator:${decider.operatorId}` : `user:${decider.userId}`;
    await decideAdminRequest(trx, request.id, {
      status: decision.approve ? "approved" : "rejected",
      by,
      reason,
      now,
    });
    await tellContact(trx, {
      deps,
      order,
      request,
      outcome: decision.approve ? "approved" : "rejected",
      reason,
      now,
    });
    await recordAudit(trx, {
      at: now,
      actor,
      action: decision.approve ? "admin_request.approved" : "admin_request.rejected",
      subject: { type: "admin_request", id: request.id },
      orderId: order.id,
      details: { organizationId: request.organization_id, email: maskEmail(request.email), reason },
    });
    if (decision.approve) {
      await recordEvent(trx, {
        type: "admin_request.approved",
        data: adminRequestData(request),
        occurredAt: now,
      });
    } else {
      await recordEvent(trx, {
        type: "admin_request.rejected",
        data: { ...adminRequestData(request), reason },
        occurredAt: now,
      });
    }
    if (added) {
      await recordEvent(trx, {
        type: "user.added",
        data: {
          userId: added.id,
          organizationId: added.organization_id,
          email: added.email,
          name: added.name,
          role: added.role,
          orderId: order.id,
          adminRequestId: request.id,
        },
        occurredAt: now,
      });
    }
    if (promoted) {
      await recordEvent(trx, {
        type: "user.role_changed",
        data: {
          userId: promoted.id,
          organizationId: promoted.organization_id,
          email: promoted.email,
          role: "full_admin",
          previousRole: promoted.role,
          orderId: order.id,
          adminRequestId: request.id,
        },
        occurredAt: now,
      });
    }
    return (await findAdminRequest(trx, request.id))!;
  });
  deps.mailQueued();
  return decided;
}

export function requirePending(request: AdminRequest, now: Date): void {
  if (request.status === "expired" || (request.status === "pending" && request.expires_at <= now)) {
    throw new AppError("ADMIN_REQUEST_EXPIRED");
  }
  if (request.status !== "pending") {
    throw new AppError("ADMIN_REQUEST_DECIDED", { context: { status: request.status } });
  }
}

async function requireStillAdministrator(
  trx: Transaction<Database>,
  request: AdminRequest,
  userId: string | null,
) {
  // A deleted user's approver row keeps no user.
  const approver = userId === null ? undefined : await findUser(trx, userId);
  if (approver?.organization_id !== request.organization_id || approver.role !== "full_admin") {
    throw new AppError("APPROVER_NOT_ADMIN");
  }
}

/** A rejection reason reaches the contact's e-mail: one printable line (line breaks become spaces), or none. */
function reasonOf(text: string | null): string | null {
  if (text === null) return null;
  const parsed = freeText(1000).safeParse(text);
  if (!parsed.success) {
    throw new AppError("VALIDATION_FAILED", {
      details: [{ path: "reason", message: parsed.error.issues[0]?.message ?? "is not valid" }],
    });
  }
  return parsed.data === "" ? null : parsed.data;
}
