import { randomUUID } from "node:crypto";
import { type Actor, recordAudit } from "../audit/audit.repository.js";
import { isConnectionError } from "../db/errors.js";
import { directoryTables, tidyAfterBulkWrite } from "../db/maintenance.js";
import { isAppError } from "../errors/app-error.js";
import type { ErrorCode, ErrorContext } from "../errors/codes.js";
import { errorMessage } from "../errors/messages.js";
import { requireCompanyName, requireEmail } from "../matching/validated-inputs.js";
import { removeOrganizations } from "./delete-organizations.js";
import {
  deleteSubscriptionsByExternalId,
  deleteUsersByEmail,
  findOrganizationsByExternalId,
  type OrganizationUpsert,
  type SubscriptionUpsert,
  type UserUpsert,
  upsertOrganizations,
  upsertSubscriptions,
  upsertUsers,
} from "./directory.repository.js";
import { type ImportRecord, importDeletion, importUpsert } from "./directory.schemas.js";
import type { DirectoryDeps } from "./directory-deps.js";
import { lineTooLong } from "./ndjson-lines.js";

export type ImportLineError = { line: number; code: ErrorCode; message: string };
type RecordCounts = { organizations: number; users: number; subscriptions: number };
export type ImportResult = {
  imported: RecordCounts;
  /** Records that existed and were deleted by `"deleted": true` lines. */
  deleted: RecordCounts;
  errors: ImportLineError[];
  errorCount: number;
  /** Reading stopped before the end (the import was over IMPORT_MAX_BYTES): the lines before were imported. */
  stopped?: { afterLine: number; code: "PAYLOAD_TOO_LARGE" };
};
export type ImportOptions = {
  /** Lines per batch (all record types together); default 10,000. */
  batchSize?: number;
  maxReportedErrors?: number;
  /**
   * Batches written at the same time, on as many connections; default 2. Organizations are always
   * written one batch after the other; users and subscriptions of a batch wait for any batch in flight
   * with one of their keys, so the last line for a key still wins.
   */
  writers?: number;
  /** Who imports, for the audit log: the API's caller, or `system` for the command line. */
  actor?: Actor;
};

export const importDefaults = { batchSize: 10_000, maxReportedErrors: 1000, writers: 2 } as const;

type Pending<Row> = { line: number; row: Row };
/** A `"deleted": true` line: the key of what it deletes (an e-mail in normal form for users). */
type Deletion = { line: number; deletion: string };
type OrganizationRow = Omit<OrganizationUpsert, "managingPartnerId"> & {
  managingPartnerExternalId: string | null;
};
/** A user or subscription row; organizationId is filled in when its organization is resolved. */
type MemberRow<Row> = Row & { organizationExternalId: string };
type OrganizationRef = { id: string; kind: "customer" | "partner" };
// Upserts and deletions share a map by key, so the later line for a key wins either way.
type Batch = {
  organizations: Map<string, Pending<OrganizationRow> | Deletion>;
  users: Map<string, Pending<MemberRow<UserUpsert>> | Deletion>;
  subscriptions: Map<string, Pending<MemberRow<SubscriptionUpsert>> | Deletion>;
};

const isDeletion = (p: object): p is Deletion => "deletion" in p;
const upserts = <P extends object>(pending: Iterable<P | Deletion>) =>
  [...pending].filter((p): p is P => !isDeletion(p));
const deletions = (pending: Iterable<object>) => [...pending].filter(isDeletion);

// Ids of organizations seen in this import; bounded so a huge import cannot exhaust memory.
const maxCachedOrganizations = 500_000;
// SQLSTATEs after which the same batch may simply be tried again: deadlock, serialization failure.
const retryable = new Set(["40P01", "40001"]);

/**
 * Imports an NDJSON directory export (docs/api.md § Directory, `POST /api/v1/import`): one record a line,
 * streamed; bad lines are reported and skipped, good ones kept; records are keyed by externalId
 * (users by e-mail), so importing the same file again updates and never duplicates. A user line naming
 * another organization moves the user; `"deleted": true` lines delete through the same functions as the
 * API (an organization's deletion removes its users and withdraws its pending administrator requests).
 * The import is audited once, with its counts, and each organization deleted on its own.
 *
 * Lines are validated as they arrive and written in batches, a few statements per batch and type; up to
 * `writers` batches are written while the next is parsed. A batch the database refuses is retried row
 * by row, so one bad row never costs its neighbours.
 */
export async function importDirectory(
  deps: DirectoryDeps,
  lines: AsyncIterable<string | Buffer | typeof lineTooLong>,
  options: ImportOptions = {},
): Promise<ImportResult> {
  const { db } = deps;
  const actor = options.actor ?? "system";
  const batchSize = options.batchSize ?? importDefaults.batchSize;
  const maxReportedErrors = options.maxReportedErrors ?? importDefaults.maxReportedErrors;
  const writers = Math.max(1, options.writers ?? importDefaults.writers);
  const result: ImportResult = {
    imported: { organizations: 0, users: 0, subscriptions: 0 },
    deleted: { organizations: 0, users: 0, subscriptions: 0 },
    errors: [],
    errorCount: 0,
  };
  const organizationIds = new Map<string, OrganizationRef>();
  // Pending rows by key: when a key comes twice before a flush, the later line wins.
  let batch: Batch = { organizations: new Map(), users: new Map(), subscriptions: new Map() };
  // Batches being written, oldest first; organizations are written in file order, batch after batch.
  const inFlight: { done: Promise<void>; batch: Batch }[] = [];
  let organizationsWritten: Promise<void> = Promise.resolve();

  const fail = (line: number, code: ErrorCode, context: ErrorContext = {}) => {
    result.errorCount++;
    if (result.errors.length < maxReportedErrors) {
      result.errors.push({ line, code, message: errorMessage("en", code, context) });
    }
  };

  /** The organizations with these external ids that exist: from the cache, then one query for the rest. */
  const lookUpOrganizations = async (externalIds: Iterable<string>) => {
    const found = new Map<string, OrganizationRef>();
    const missing = new Set<string>();
    for (const externalId of externalIds) {
      const organization = organizationIds.get(externalId);
      if (organization) found.set(externalId, organization);
      else missing.add(externalId);
    }
    if (missing.size === 0) return found;
    if (organizationIds.size + missing.size > maxCachedOrganizations) organizationIds.clear();
    for (const [externalId, organization] of await findOrganizationsByExternalId(db, [...missing])) {
      organizationIds.set(externalId, organization);
      found.set(externalId, organization);
    }
    return found;
  };

  /** Writes rows in one statement; if the database refuses the batch, row by row to find the bad ones. */
  const write = async <Row>(pending: Pending<Row>[], statement: (rows: Row[]) => Promise<unknown>) => {
    if (pending.length === 0) return 0;
    const rows = pending.map((p) => p.row);
    for (let attempt = 1; ; attempt++) {
      try {
        await statement(rows);
        return pending.length;
      } catch (error) {
        if (isConnectionError(error)) throw error;
        // Two batches in flight may lock the same organization rows (counters kept by triggers).
        if (retryable.has(sqlState(error)) && attempt < 3) continue;
        if (pending.length === 1) throw error;
        break;
      }
    }
    let written = 0;
    for (const p of pending) {
      try {
        await statement([p.row]);
        written++;
      } catch (error) {
        if (isConnectionError(error)) throw error;
        fail(p.line, "VALIDATION_FAILED", {
          reason: `The database refused this record: ${databaseMessage(error)}`,
        });
      }
    }
    return written;
  };

  const writeOrganizations = async (lines: (Pending<OrganizationRow> | Deletion)[]) => {
    await writeOrganizationUpserts(upserts(lines));
    const gone = deletions(lines);
    if (gone.length === 0) return;
    const found = await lookUpOrganizations(gone.map((d) => d.deletion));
    const ids = [...found.values()].map((o) => o.id);
    const { deleted, withdrawn } = await db
      .transaction()
      .execute((trx) => removeOrganizations(trx, { deps, actor }, ids));
    result.deleted.organizations += deleted;
    if (withdrawn > 0) deps.mailQueued();
  };

  const writeOrganizationUpserts = async (pending: Pending<OrganizationRow>[]) => {
    const partners = await lookUpOrganizations(
      pending.flatMap((p) =>
        p.row.managingPartnerExternalId === null ? [] : [p.row.managingPartnerExternalId],
      ),
    );
    const ready: Pending<OrganizationUpsert>[] = [];
    for (const { line, row } of pending) {
      const { managingPartnerExternalId, ...rest } = row;
      let managingPartnerId: string | null = null;
      if (managingPartnerExternalId !== null) {
        const partner = partners.get(managingPartnerExternalId);
        if (partner?.kind !== "partner") {
          fail(line, "MANAGING_PARTNER_INVALID", { id: managingPartnerExternalId });
          continue;
        }
        managingPartnerId = partner.id;
      }
      ready.push({ line, row: { ...rest, managingPartnerId } });
    }
    const written = await write(ready, async (rows) => {
      const ids = await upsertOrganizations(db, rows);
      for (const row of rows)
        organizationIds.set(row.externalId, { id: ids.get(row.externalId)!, kind: row.kind });
    });
    result.imported.organizations += written;
  };

  /** Members whose organization exists, with its id filled in; the others are reported. */
  const withOrganization = async <Row extends { organizationId: string }>(
    pending: Pending<MemberRow<Row>>[],
  ) => {
    const organizations = await lookUpOrganizations(pending.map((p) => p.row.organizationExternalId));
    const ready: Pending<MemberRow<Row>>[] = [];
    for (const p of pending) {
      const organization = organizations.get(p.row.organizationExternalId);
      if (!organization) {
        fail(p.line, "ORGANIZATION_NOT_FOUND", { id: p.row.organizationExternalId });
        continue;
      }
      p.row.organizationId = organization.id;
      ready.push(p);
    }
    return ready;
  };

  const writeBatch = async (written: Batch, organizationsDone: Promise<void>, before: Promise<void>[]) => {
    // Members may refer to organizations of the same batch: those are written first.
    await organizationsDone;
    await Promise.all(before);
    const userRows = await withOrganization<UserUpsert>(upserts(written.users.values()));
    // (`x += await …` would add to the value read before the await, losing a concurrent batch's count.)
    const users = await write(userRows, (rows) => upsertUsers(db, rows));
    result.imported.users += users;
    const usersGone = deletions(written.users.values()).map((d) => d.deletion);
    const deletedUsers = (await deleteUsersByEmail(db, usersGone)).length;
    result.deleted.users += deletedUsers;
    const subscriptionRows = await withOrganization<SubscriptionUpsert>(
      upserts(written.subscriptions.values()),
    );
    const subscriptions = await write(subscriptionRows, (rows) => upsertSubscriptions(db, rows));
    result.imported.subscriptions += subscriptions;
    const subscriptionsGone = deletions(written.subscriptions.values()).map((d) => d.deletion);
    const deletedSubscriptions = await deleteSubscriptionsByExternalId(db, subscriptionsGone);
    result.deleted.subscriptions += deletedSubscriptions;
  };

  /** Hands the pending rows to a writer, once fewer than `writers` batches are in flight. */
  const flush = async () => {
    const next = batch;
    if (next.organizations.size + next.users.size + next.subscriptions.size === 0) return;
    batch = { organizations: new Map(), users: new Map(), subscriptions: new Map() };
    while (inFlight.length >= writers) await inFlight.shift()!.done;
    // An organization's deletion removes its users: members of earlier lines are written before it.
    if (deletions(next.organizations.values()).length > 0) {
      while (inFlight.length > 0) await inFlight.shift()!.done;
    }
    // A key still being written by an earlier batch: this batch's members wait for it.
    const before = inFlight
      .filter(
        ({ batch: other }) =>
          sharesKeys(next.users, other.users) || sharesKeys(next.subscriptions, other.subscriptions),
      )
      .map((other) => other.done);
    const organizations = [...next.organizations.values()];
    const organizationsDone = organizationsWritten.then(() => writeOrganizations(organizations));
    organizationsWritten = organizationsDone;
    const done = writeBatch(next, organizationsDone, before);
    // Keep the rejection observed until it is awaited.
    done.catch(() => {});
    inFlight.push({ done, batch: next });
  };

  try {
    await readLines();
    await flush();
    await Promise.all(inFlight.map((w) => w.done));
  } catch (error) {
    // Let the other batches in flight end before answering.
    await Promise.allSettled(inFlight.map((w) => w.done));
    throw error;
  }
  result.errors.sort((a, b) => a.line - b.line);
  await recordAudit(db, {
    at: deps.clock.now(),
    actor,
    action: "directory.imported",
    subject: { type: "import", id: randomUUID() },
    details: { imported: result.imported, deleted: result.deleted, errorCount: result.errorCount },
  });
  // The next match is planned on the directory as imported, not on the statistics of before.
  const changed =
    Object.values(result.imported).reduce((a, b) => a + b, 0) +
    Object.values(result.deleted).reduce((a, b) => a + b, 0);
  if (changed > 0) await tidyAfterBulkWrite(db, directoryTables, changed);
  return result;

  async function readLines() {
    let lineNumber = 0;
    try {
      for await (const chunk of lines) {
        lineNumber++;
        await readLine(chunk, lineNumber);
      }
    } catch (error) {
      if (!isAppError(error) || error.code !== "PAYLOAD_TOO_LARGE") throw error;
      result.stopped = { afterLine: lineNumber, code: error.code };
    }
  }

  async function readLine(chunk: string | Buffer | typeof lineTooLong, lineNumber: number) {
    if (chunk === lineTooLong) {
      fail(lineNumber, "LINE_TOO_LONG");
      return;
    }
    const text = typeof chunk === "string" ? chunk : chunk.toString("utf8");
    if (text.trim() === "") return;
    const parsed = parseLine(text);
    if (!parsed.ok) {
      fail(lineNumber, parsed.code, parsed.context);
      return;
    }
    const pending = toPending(parsed.record, lineNumber);
    if ("error" in pending) {
      fail(lineNumber, pending.error.code, pending.error.context);
      return;
    }
    if (pending.type === "organization") {
      if ("deletion" in pending) batch.organizations.set(pending.deletion, pending);
      else {
        // A partner named as managing partner must be written before the organizations it manages.
        const partner = pending.row.managingPartnerExternalId;
        if (partner !== null && batch.organizations.has(partner)) await flush();
        batch.organizations.set(pending.row.externalId, pending);
      }
    } else if (pending.type === "user") {
      batch.users.set("deletion" in pending ? pending.deletion : pending.row.email, pending);
    } else {
      batch.subscriptions.set("deletion" in pending ? pending.deletion : pending.row.externalId, pending);
    }
    if (batch.organizations.size + batch.users.size + batch.subscriptions.size >= batchSize) await flush();
  }
}

function sharesKeys(a: ReadonlyMap<string, unknown>, b: ReadonlyMap<string, unknown>): boolean {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  for (const key of small.keys()) if (large.has(key)) return true;
  return false;
}

function sqlState(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === "string" ? code : "";
}

type ParsedLine = { ok: true; record: ImportRecord } | { ok: false; code: ErrorCode; context: ErrorContext };

function parseLine(text: string): ParsedLine {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, code: "VALIDATION_FAILED", context: { reason: "The line is not valid JSON." } };
  }
  // A deletion names only its key; any other line is a whole record.
  const deletes = (json as { deleted?: unknown } | null)?.deleted === true;
  const parsed = (deletes ? importDeletion : importUpsert).safeParse(json);
  if (parsed.success) return { ok: true, record: parsed.data };
  const reason = parsed.error.issues
    .slice(0, 5)
    .map((issue) => `${issue.path.join(".") || "record"}: ${issue.message}`)
    .join("; ");
  return { ok: false, code: "VALIDATION_FAILED", context: { reason } };
}

type PendingRecord =
  | ({ type: "organization" } & (Pending<OrganizationRow> | Deletion))
  | ({ type: "user" } & (Pending<MemberRow<UserUpsert>> | Deletion))
  | ({ type: "subscription" } & (Pending<MemberRow<SubscriptionUpsert>> | Deletion))
  | { error: { code: ErrorCode; context: ErrorContext } };

/** Normalizes a valid record into the row it writes, or the rule it breaks (bad name or e-mail). */
function toPending(record: ImportRecord, line: number): PendingRecord {
  try {
    if (record.deleted === true) {
      if (record.type === "user") return { type: "user", line, deletion: requireEmail(record.email).email };
      return { type: record.type, line, deletion: record.externalId } as PendingRecord;
    }
    switch (record.type) {
      case "organization": {
        const name = requireCompanyName(record.name);
        return {
          type: "organization",
          line,
          row: {
            externalId: record.externalId,
            name: name.name,
            nameKey: name.nameKey,
            namePrefix: name.prefix,
            kind: record.kind,
            source: record.source,
            country: record.country ?? null,
            managingPartnerExternalId: record.managingPartnerExternalId ?? null,
            createdAt: record.createdAt ?? null,
            deletedAt: record.deletedAt ?? null,
          },
        };
      }
      case "user": {
        const email = requireEmail(record.email);
        return {
          type: "user",
          line,
          row: {
            organizationExternalId: record.organizationExternalId,
            organizationId: "",
            email: email.email,
            emailDomain: email.registrableDomain,
            name: record.name ?? null,
            role: record.role,
            lastActiveAt: record.lastActiveAt ?? null,
          },
        };
      }
      case "subscription":
        return {
          type: "subscription",
          line,
          row: {
            organizationExternalId: record.organizationExternalId,
            organizationId: "",
            externalId: record.externalId,
            status: record.status,
            services: record.services,
            termMonths: record.termMonths ?? null,
          },
        };
    }
  } catch (error) {
    if (isAppError(error)) return { error: { code: error.code, context: error.context } };
    throw error;
  }
}

function databaseMessage(error: unknown): string {
  return error instanceof Error ? error.message.split("\n")[0]! : "unknown error";
}
