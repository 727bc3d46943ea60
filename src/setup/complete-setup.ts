import type { Transaction } from "kysely";
import { raiseAdminRequest } from "../admin-requests/raise-admin-request.js";
import { recordAudit } from "../audit/audit.repository.js";
import { isUniqueViolation } from "../db/errors.js";
import type { Database, Organization, User } from "../db/schema.js";
import type { Deps } from "../deps.js";
import {
  findFullAdmins,
  findOrganization,
  findUserByEmail,
  insertOrganization,
  insertUser,
} from "../directory/directory.repository.js";
import { findVerifyingOrganization } from "../domains/domains.repository.js";
import { AppError, isAppError } from "../errors/app-error.js";
import { recordEvent } from "../events/events.repository.js";
import { enqueueMail } from "../mail/outbox.repository.js";
import { maskEmail, type ParsedEmail } from "../matching/email.js";
import { requireSameKind, subscriptionKind } from "../matching/kinds.js";
import type { CompanyName } from "../matching/name-key.js";
import { requireCompanyName, requireEmail } from "../matching/validated-inputs.js";
import {
  endLiveInvitation,
  orderServices,
  settleOrderSubscriptions,
  updateOrder,
} from "../orders/orders.repository.js";
import { timeZoneOf } from "../orders/time-zone.js";
import type { OrganizationKind } from "../vocabulary.js";
import { draftOf, requireCompanyStep } from "./company-step.js";
import { callWindowStart, recordCall, requireCallAllowed } from "./link-calls.js";
import { saveDraft, wasDisclosed } from "./setup.repository.js";
import type { CompleteInput, CompleteResult } from "./setup.schemas.js";
import { openSetupLink, requireLiveLink, type SetupLink } from "./setup-link.js";

/**
 * `POST /api/v1/setup/{token}/complete`: the decision (docs/product.md § 7–8), in one transaction under the
 * order's lock, so racing calls on one link map once (the others answer ALREADY_PROVISIONED).
 * - new organization: only for an e-mail that is nobody's yet and not on a domain an organization of
 *   the kind claimed; created with that e-mail as full administrator, subscriptions mapped, welcome e-mail;
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
  // Set once the call counts against the link's hourly window: a refusal after that is audited too.
  let counted: { link: SetupLink; now: Date } | undefined;
  const decision = input.decision.type === "new" ? { type: "new" } : input.decision;
  try {
    const result = await deps.db.transaction().execute(async (trx) => {
      const now = deps.clock.now();
      const link = await openSetupLink(trx, token, { countCallsSince: callWindowStart(now) });
      requireLiveLink(link, now, "complete");
      requireCompanyStep(link);
      requireCallAllowed(link, { limit: deps.config.matchRatePerHour, now });
      counted = { link, now };
      await saveDraft(trx, link.invitation.id, draftOf(input), now);
      const outcome = await decide(deps, { trx, link, email, now }, input, company);
      await recordCall(trx, link, {
        action: "setup.complete",
        now,
        details: { decision, adminEmail: maskEmail(email.email), status: outcome.status },
      });
      return outcome;
    });
    deps.mailQueued();
    return result;
  } catch (error) {
    if (counted && isAppError(error)) {
      const { link, now } = counted;
      // The decision's transaction is gone: the refusal is written on its own, and counts.
      await recordCall(deps.db, link, {
        action: "setup.complete",
        now,
        details: { decision, adminEmail: maskEmail(email.email), error: error.code },
      }).catch(() => undefined);
    }
    throw error;
  }
}

/** The decision itself, in the caller's transaction under the order's lock. */
async function decide(
  deps: Deps,
  step: Step,
  input: CompleteInput,
  company: CompanyName,
): Promise<CompleteResult> {
  const { trx, link, email, now } = step;
  const kind = subscriptionKind(link.order.scenario);
  // An organization that matching did not show this link is refused before anything about the
  // e-mail is looked at: what complete answers must not tell more than match did.
  const chosen =
    input.decision.type === "existing"
      ? await requireDisclosed(trx, link, input.decision.organizationId, kind)
      : undefined;
  const user = await findUserByEmail(trx, email.email);
  const userOrganization = user ? await findOrganization(trx, user.organization_id) : undefined;
  if (userOrganization && !userOrganization.deleted_at) requireSameKind(kind, userOrganization.kind);

  if (input.decision.type === "new") {
    if (user) throw inOtherOrganization();
    await refuseClaimedDomain(trx, link, email, kind);
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
    await recordEvent(trx, {
      type: "organization.created",
      data: {
        organizationId: organization.id,
        name: organization.name,
        kind: organization.kind,
        country: organization.country,
        managingPartnerId: organization.managing_partner_id,
        orderId: link.order.id,
      },
      occurredAt: now,
    });
    let admin: User;
    try {
      // A wizard on another link may have taken this e-mail since: the unique index decides.
      admin = await insertUser(trx, {
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
    await recordEvent(trx, {
      type: "user.added",
      data: {
        userId: admin.id,
        organizationId: organization.id,
        email: admin.email,
        name: admin.name,
        role: admin.role,
        orderId: link.order.id,
        adminRequestId: null,
      },
      occurredAt: now,
    });
    await mapOrder(step, organization, "organization.created", null);
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

  const organization = chosen!;
  if (user && user.organization_id !== organization.id) throw inOtherOrganization();

  if (user?.role === "full_admin") {
    await mapOrder(step, organization, "order.mapped", null);
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
    await mapOrder(step, organization, "order.mapped", request.id);
    await notifyAdministrators(step, organization);
    return {
      status: "provisioned_pending_admin" as const,
      organizationId: organization.id,
      adminRequestId: request.id,
    };
  }
  await updateOrder(trx, link.order.id, { status: "awaiting_admin_approval", now });
  await recordEvent(trx, {
    type: "order.awaiting_admin_approval",
    data: {
      orderId: link.order.id,
      orderNumber: link.order.order_number,
      organizationId: organization.id,
      adminRequestId: request.id,
    },
    occurredAt: now,
  });
  return {
    status: "awaiting_admin_approval" as const,
    organizationId: organization.id,
    adminRequestId: request.id,
  };
}

/** The organization a decision names, if matching disclosed it to this link and it can still take it. */
async function requireDisclosed(
  trx: Transaction<Database>,
  link: SetupLink,
  organizationId: string,
  kind: OrganizationKind,
): Promise<Organization> {
  const disclosed = await wasDisclosed(trx, link.invitation.id, organizationId);
  const organization = disclosed ? await findOrganization(trx, organizationId) : undefined;
  if (!organization || organization.deleted_at || organization.kind !== kind) {
    throw new AppError("ORGANIZATION_NOT_DISCLOSED", {
      details: [{ path: "decision.organizationId", message: "was not shown to this setup link" }],
    });
  }
  return organization;
}

type Step = { trx: Transaction<Database>; link: SetupLink; email: ParsedEmail; now: Date };

/**
 * The point of no return: subscriptions active on the organization, the order provisioned, the link
 * used. `pendingAdminRequestId`: the administrator who still waits for approval (partner_for_customer).
 */
async function mapOrder(
  { trx, link, email, now }: Step,
  organization: Organization,
  action: string,
  pendingAdminRequestId: string | null,
) {
  const subscriptions = await settleOrderSubscriptions(trx, link.order.id, {
    status: "active",
    organizationId: organization.id,
    now,
  });
  await updateOrder(trx, link.order.id, { status: "provisioned", organizationId: organization.id, now });
  for (const subscription of subscriptions) {
    await recordEvent(trx, {
      type: "subscription.activated",
      data: {
        subscriptionId: subscription.id,
        orderId: link.order.id,
        organizationId: organization.id,
        services: subscription.services,
      },
      occurredAt: now,
    });
  }
  await recordEvent(trx, {
    type: "order.provisioned",
    data: {
      orderId: link.order.id,
      orderNumber: link.order.order_number,
      organizationId: organization.id,
      pendingAdminRequestId,
    },
    occurredAt: now,
  });
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

/**
 * A domain claimed by an organization of the subscription's kind (docs/api.md § Domains) takes no new
 * organization: 409 DOMAIN_CLAIMED. The claiming organization is named only if matching showed it to
 * this link (it leads the candidates by rule V), so complete tells no more than match did.
 */
async function refuseClaimedDomain(
  trx: Transaction<Database>,
  link: SetupLink,
  email: ParsedEmail,
  kind: OrganizationKind,
): Promise<void> {
  const holder = await findVerifyingOrganization(trx, email.registrableDomain, kind);
  if (!holder?.claimed) return;
  const disclosed = await wasDisclosed(trx, link.invitation.id, holder.id);
  throw new AppError("DOMAIN_CLAIMED", {
    context: { domain: email.registrableDomain, ...(disclosed ? { organizationName: holder.name } : {}) },
    details: { domain: email.registrableDomain, organizationId: disclosed ? holder.id : null },
  });
}

function inOtherOrganization(): AppError {
  return new AppError("ADMIN_EMAIL_IN_OTHER_ORG", {
    details: [{ path: "adminEmail", message: "is already used elsewhere" }],
  });
}
