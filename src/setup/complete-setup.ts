import type { Transaction } from "kysely";
import { raiseAdminRequest } from "../admin-requests/raise-admin-request.js";
import { recordAudit } from "../audit/audit.repository.js";
import { isUniqueViolation } from "../db/errors.js";
import type { Database, Organization } from "../db/schema.js";
import type { Deps } from "../deps.js";
import {
  findFullAdmins,
  findOrganization,
  findUserByEmail,
  insertOrganization,
  insertUser,
} from "../directory/directory.repository.js";
import { AppError } from "../errors/app-error.js";
import { enqueueMail } from "../mail/outbox.repository.js";
import { maskEmail, type ParsedEmail } from "../matching/email.js";
import { requireSameKind, subscriptionKind } from "../matching/kinds.js";
import { requireCompanyName, requireEmail } from "../matching/validated-inputs.js";
import {
  endLiveInvitation,
  orderServices,
  settleOrderSubscriptions,
  updateOrder,
} from "../orders/orders.repository.js";
import { timeZoneOf } from "../orders/time-zone.js";
import { draftOf, requireCompanyStep } from "./company-step.js";
import { saveDraft, wasDisclosed } from "./setup.repository.js";
import type { CompleteInput, CompleteResult } from "./setup.schemas.js";
import { openSetupLink, requireLiveLink, type SetupLink } from "./setup-link.js";

/**
 * `POST /api/v1/setup/{token}/complete`: the decision (docs/product.md § 7–8), in one transaction under the
 * order's lock, so racing calls on one link map once (the others answer ALREADY_PROVISIONED).
 * - new organization: only for an e-mail that is nobody's yet; created with that e-mail as full
 *   administrator, subscriptions mapped, welcome e-mail;
 * - existing organization, which matching must have disclosed to this link: mapped at once when the
 *   e-mail is already its full administrator; otherwise an administrator request, and the scenario
 *   decides whether the subscriptions are mapped now (partner_for_customer) or after approval.
 */
export async function completeSetup(
  deps: Deps,
  token: string,
  input: CompleteInput,
): Promise<CompleteResult> {
  const company = requireCompanyName(input.companyName, "companyName");
  const email = requireEmail(input.adminEmail, "adminEmail");
  const result = await deps.db.transaction().execute(async (trx) => {
    const now = deps.clock.now();
    const link = await openSetupLink(trx, token);
    requireLiveLink(link, now, "complete");
    requireCompanyStep(link);
    await saveDraft(trx, link.invitation.id, draftOf(input), now);

    const kind = subscriptionKind(link.order.scenario);
    const user = await findUserByEmail(trx, email.email);
    const userOrganization = user ? await findOrganization(trx, user.organization_id) : undefined;
    if (userOrganization && !userOrganization.deleted_at) requireSameKind(kind, userOrganization.kind);
    const step: Step = { trx, link, email, now };

    if (input.decision.type === "new") {
      if (user) throw inOtherOrganization();
      const organization = await insertOrganization(trx, {
        name: company.name,
        name_key: company.nameKey,
        name_prefix: company.prefix,
        kind,
        source: "wizard",
        country: input.country ?? null,
        managing_partner_id: kind === "customer" ? link.order.partner_organization_id : null,
        created_at: now,
        deleted_at: null,
      });
      try {
        // A wizard on another link may have taken this e-mail since: the unique index decides.
        await insertUser(trx, {
          organizationId: organization.id,
          email: email.email,
          emailDomain: email.registrableDomain,
          name: input.adminName ?? null,
          role: "full_admin",
          lastActiveAt: null,
        });
      } catch (error) {
        if (isUniqueViolation(error, "users_email_key")) throw inOtherOrganization();
        throw error;
      }
      await mapOrder(step, organization, "organization.created");
      await enqueueMail(trx, {
        template: "admin_welcome",
        params: {
          orderNumber: link.order.order_number,
          services: await orderServices(trx, link.order.id),
          organizationName: organization.name,
          adminName: input.adminName ?? null,
        },
        locale: link.order.locale,
        timeZone: timeZoneOf(link.order),
        to: email.email,
        dueAt: now,
        now,
        orderId: link.order.id,
      });
      return { status: "provisioned" as const, organizationId: organization.id, adminRequestId: null };
    }

    const organization = await findOrganization(trx, input.decision.organizationId);
    const disclosed = await wasDisclosed(trx, link.invitation.id, input.decision.organizationId);
    if (!organization || !disclosed || organization.deleted_at || organization.kind !== kind) {
      throw new AppError("ORGANIZATION_NOT_DISCLOSED", {
        details: [{ path: "decision.organizationId", message: "was not shown to this setup link" }],
      });
    }
    if (user && user.organization_id !== organization.id) throw inOtherOrganization();

    if (user?.role === "full_admin") {
      await mapOrder(step, organization, "order.mapped");
      await notifyAdministrators(step, organization);
      return { status: "provisioned" as const, organizationId: organization.id, adminRequestId: null };
    }

    const scenario = link.order.scenario!;
    const request = await raiseAdminRequest(trx, {
      order: link.order,
      invitation: link.invitation,
      organization,
      email,
      name: input.adminName ?? user?.name ?? null,
      scenario,
      ttlDays: deps.config.adminRequestTtlDays,
      now,
    });
    if (scenario === "partner_for_customer") {
      await mapOrder(step, organization, "order.mapped");
      await notifyAdministrators(step, organization);
      return {
        status: "provisioned_pending_admin" as const,
        organizationId: organization.id,
        adminRequestId: request.id,
      };
    }
    await updateOrder(trx, link.order.id, { status: "awaiting_admin_approval", now });
    return {
      status: "awaiting_admin_approval" as const,
      organizationId: organization.id,
      adminRequestId: request.id,
    };
  });
  deps.mailQueued();
  return result;
}

type Step = { trx: Transaction<Database>; link: SetupLink; email: ParsedEmail; now: Date };

/** The point of no return: subscriptions active on the organization, the order provisioned, the link used. */
async function mapOrder({ trx, link, email, now }: Step, organization: Organization, action: string) {
  await settleOrderSubscriptions(trx, link.order.id, {
    status: "active",
    organizationId: organization.id,
    now,
  });
  await updateOrder(trx, link.order.id, { status: "provisioned", organizationId: organization.id, now });
  await endLiveInvitation(trx, link.order.id, "used", now);
  await recordAudit(trx, {
    at: now,
    actor: `setup-link:${link.invitation.id}`,
    action,
    subject: { type: "order", id: link.order.id },
    orderId: link.order.id,
    details: {
      organizationId: organization.id,
      organizationName: organization.name,
      admin: maskEmail(email.email),
    },
  });
}

/** docs/product.md § 9: the existing organization's full administrators are told a subscription was added. */
async function notifyAdministrators({ trx, link, now }: Step, organization: Organization) {
  const admins = await findFullAdmins(trx, organization.id);
  const services = await orderServices(trx, link.order.id);
  for (const admin of admins) {
    await enqueueMail(trx, {
      template: "subscription_added",
      params: {
        orderNumber: link.order.order_number,
        services,
        organizationName: organization.name,
        provisionedBy: link.invitation.contact_email,
      },
      locale: link.order.locale,
      timeZone: timeZoneOf(link.order),
      to: admin.email,
      dueAt: now,
      now,
      orderId: link.order.id,
    });
  }
}

function inOtherOrganization(): AppError {
  return new AppError("ADMIN_EMAIL_IN_OTHER_ORG", {
    details: [{ path: "adminEmail", message: "is already used elsewhere" }],
  });
}
