import { type AdminRequestParams, adminRequest, adminRequestReminder } from "./admin-request.js";
import {
  type AdminRequestDecidedParams,
  type AdminRequestRejectedParams,
  adminRequestApproved,
  adminRequestExpired,
  adminRequestRejected,
  adminRequestWithdrawn,
} from "./admin-request-decided.js";
import { type AdminWelcomeParams, adminWelcome } from "./admin-welcome.js";
import { type HandoverInvitationParams, handoverInvitation } from "./handover-invitation.js";
import { type InvitationExpiredParams, invitationExpired } from "./invitation-expired.js";
import { type SetupInvitationParams, setupInvitation } from "./setup-invitation.js";
import { type SubscriptionAddedParams, subscriptionAdded } from "./subscription-added.js";
import type { Template } from "./template.js";

/** Every e-mail of docs/product.md § E-mails, by the name its outbox rows carry. */
export type TemplateParams = {
  setup_invitation: SetupInvitationParams;
  handover_invitation: HandoverInvitationParams;
  admin_welcome: AdminWelcomeParams;
  subscription_added: SubscriptionAddedParams;
  admin_request: AdminRequestParams;
  admin_request_reminder: AdminRequestParams;
  admin_request_approved: AdminRequestDecidedParams;
  admin_request_rejected: AdminRequestRejectedParams;
  admin_request_expired: AdminRequestDecidedParams;
  admin_request_withdrawn: AdminRequestDecidedParams;
  invitation_expired: InvitationExpiredParams;
};

export type TemplateName = keyof TemplateParams;

export const templates: { [T in TemplateName]: Template<TemplateParams[T]> } = {
  setup_invitation: setupInvitation,
  handover_invitation: handoverInvitation,
  admin_welcome: adminWelcome,
  subscription_added: subscriptionAdded,
  admin_request: adminRequest,
  admin_request_reminder: adminRequestReminder,
  admin_request_approved: adminRequestApproved,
  admin_request_rejected: adminRequestRejected,
  admin_request_expired: adminRequestExpired,
  admin_request_withdrawn: adminRequestWithdrawn,
  invitation_expired: invitationExpired,
};

export function isTemplateName(name: string): name is TemplateName {
  return Object.hasOwn(templates, name);
}
