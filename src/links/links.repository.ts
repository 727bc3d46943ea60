import { CompiledQuery, type Kysely, type Transaction } from "kysely";
import type { Database, Order } from "../db/schema.js";
import { hashLinkToken, newLinkToken } from "./link-token.js";

type Executor = Kysely<Database> | Transaction<Database>;

const DAY_MS = 86_400_000;

export type Minted = { token: string; expiresAt: Date };
export type MintRefusal = { dead: string };

/**
 * A new secret for a live invitation's setup link, minted as its e-mail is rendered. The first one
 * starts the link's lifetime (INVITATION_TTL_DAYS); later ones (a resume e-mail) keep its expiry and
 * supersede the secrets before them: an order has one live link.
 */
export async function mintSetupLink(
  trx: Transaction<Database>,
  invitationId: string,
  options: { now: Date; ttlDays: number },
): Promise<Minted | MintRefusal> {
  const invitation = await trx
    .selectFrom("invitations")
    .select(["status", "expires_at"])
    .where("id", "=", invitationId)
    .forUpdate()
    .executeTakeFirst();
  if (!invitation || (invitation.status !== "scheduled" && invitation.status !== "sent")) {
    return { dead: `invitation ${invitation?.status ?? "missing"}` };
  }
  let expiresAt = invitation.expires_at;
  if (expiresAt && expiresAt <= options.now) return { dead: "invitation expired" };
  if (!expiresAt) {
    expiresAt = new Date(options.now.getTime() + options.ttlDays * DAY_MS);
    await trx
      .updateTable("invitations")
      .set({ expires_at: expiresAt, updated_at: options.now })
      .where("id", "=", invitationId)
      .execute();
  }
  await trx
    .updateTable("link_tokens")
    .set({ superseded_at: options.now })
    .where("invitation_id", "=", invitationId)
    .where("superseded_at", "is", null)
    .execute();
  const { token, hash } = newLinkToken();
  await trx
    .insertInto("link_tokens")
    .values({ token_hash: hash, invitation_id: invitationId, created_at: options.now })
    .execute();
  return { token, expiresAt };
}

/** A new secret for an administrator's approval link, while the request is pending. */
export async function mintApprovalLink(
  trx: Transaction<Database>,
  approverId: string,
  options: { now: Date },
): Promise<Minted | MintRefusal> {
  const request = await trx
    .selectFrom("admin_request_approvers as a")
    .innerJoin("admin_requests as r", "r.id", "a.admin_request_id")
    .select(["r.status", "r.expires_at"])
    .where("a.id", "=", approverId)
    .executeTakeFirst();
  if (request?.status !== "pending") return { dead: `admin request ${request?.status ?? "missing"}` };
  if (request.expires_at <= options.now) return { dead: "admin request expired" };
  const { token, hash } = newLinkToken();
  await trx
    .insertInto("link_tokens")
    .values({ token_hash: hash, approver_id: approverId, created_at: options.now })
    .execute();
  return { token, expiresAt: request.expires_at };
}

/** What a presented secret opens; undefined for anything that is not one of ours. */
export async function findLink(
  db: Executor,
  token: string,
): Promise<{ invitationId: string | null; approverId: string | null; superseded: boolean } | undefined> {
  const hash = hashLinkToken(token);
  if (!hash) return undefined;
  const row = await db
    .selectFrom("link_tokens")
    .select(["invitation_id", "approver_id", "superseded_at"])
    .where("token_hash", "=", hash)
    .executeTakeFirst();
  return (
    row && {
      invitationId: row.invitation_id,
      approverId: row.approver_id,
      superseded: row.superseded_at !== null,
    }
  );
}

/**
 * What a setup secret opens, with its invitation's order locked (FOR UPDATE), in one statement;
 * undefined for anything that is not a setup secret of ours. The invitation itself must be read after
 * this, under the lock: it may have changed while the statement waited for it.
 */
export async function findSetupLinkLockingOrder(
  trx: Transaction<Database>,
  token: string,
): Promise<{ invitationId: string; superseded: boolean; order: Order } | undefined> {
  const hash = hashLinkToken(token);
  if (!hash) return undefined;
  // SQL text written once (no query building on this hot path: every search and decision runs it).
  const { rows } = await trx.executeQuery<
    Order & { link_invitation_id: string; link_superseded_at: Date | null }
  >(
    CompiledQuery.raw(
      `select o.*, l.invitation_id as link_invitation_id, l.superseded_at as link_superseded_at
       from link_tokens l join invitations i on i.id = l.invitation_id join orders o on o.id = i.order_id
       where l.token_hash = $1
       for update of o`,
      [hash],
    ),
  );
  const row = rows[0];
  if (!row) return undefined;
  const { link_invitation_id, link_superseded_at, ...order } = row;
  return { invitationId: link_invitation_id, superseded: link_superseded_at !== null, order };
}
