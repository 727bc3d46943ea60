import type { Kysely } from "kysely";
import { isConnectionError } from "../db/errors.js";
import type { Database } from "../db/schema.js";
import { type ErrorCode, isAppError } from "../errors.js";
import { requireCompanyName, requireEmail } from "../matching/validated-inputs.js";
import {
  findOrganizationsByExternalId,
  type OrganizationUpsert,
  type SubscriptionUpsert,
  type UserUpsert,
  upsertOrganizations,
  upsertSubscriptions,
  upsertUsers,
} from "./directory.repository.js";
import { type ImportRecord, importRecord } from "./directory.schemas.js";

export type ImportLineError = { line: number; code: ErrorCode; message: string };
export type ImportResult = {
  imported: { organizations: number; users: number; subscriptions: number };
  errors: ImportLineError[];
  errorCount: number;
};
export type ImportOptions = { batchSize?: number; maxReportedErrors?: number };

type Pending<Row> = { line: number; row: Row };
type OrganizationRow = Omit<OrganizationUpsert, "managingPartnerId"> & {
  managingPartnerExternalId: string | null;
};
type MemberRow<Row> = Omit<Row, "organizationId"> & { organizationExternalId: string };

// Ids of organizations seen in this import; bounded so a huge import cannot exhaust memory.
const maxCachedOrganizations = 500_000;

/**
 * Imports an NDJSON directory export (api.md § Directory, `POST /api/v1/import`): one record a line,
 * streamed; bad lines are reported and skipped, good ones kept; records are keyed by externalId
 * (users by e-mail), so importing the same file again updates and never duplicates.
 *
 * Lines are validated as they arrive and written in batches, one statement per batch and type; one
 * batch is written while the next is parsed. A batch the database refuses is retried row by row, so
 * one bad row never costs its neighbours.
 */
export async function importDirectory(
  db: Kysely<Database>,
  lines: AsyncIterable<string | Buffer>,
  options: ImportOptions = {},
): Promise<ImportResult> {
  const batchSize = options.batchSize ?? 5000;
  const maxReportedErrors = options.maxReportedErrors ?? 1000;
  const result: ImportResult = {
    imported: { organizations: 0, users: 0, subscriptions: 0 },
    errors: [],
    errorCount: 0,
  };
  const organizationIds = new Map<string, { id: string; kind: "customer" | "partner" }>();
  // Pending rows by key: when a key comes twice before a flush, the later line wins.
  let organizations = new Map<string, Pending<OrganizationRow>>();
  let users = new Map<string, Pending<MemberRow<UserUpsert>>>();
  let subscriptions = new Map<string, Pending<MemberRow<SubscriptionUpsert>>>();
  let writing: Promise<void> = Promise.resolve();

  const fail = (line: number, code: ErrorCode, message: string) => {
    result.errorCount++;
    if (result.errors.length < maxReportedErrors) result.errors.push({ line, code, message });
  };

  /** Resolves organization external ids through the cache, then one query for the rest. */
  const resolveOrganizations = async (externalIds: Iterable<string>) => {
    const missing = [...new Set(externalIds)].filter((id) => !organizationIds.has(id));
    if (missing.length === 0) return;
    if (organizationIds.size + missing.length > maxCachedOrganizations) organizationIds.clear();
    for (const [externalId, org] of await findOrganizationsByExternalId(db, missing)) {
      organizationIds.set(externalId, org);
    }
  };

  /** Writes rows in one statement; if the database refuses the batch, row by row to find the bad ones. */
  const write = async <Row>(batch: Pending<Row>[], statement: (rows: Row[]) => Promise<unknown>) => {
    if (batch.length === 0) return 0;
    try {
      await statement(batch.map((p) => p.row));
      return batch.length;
    } catch (error) {
      if (isConnectionError(error) || batch.length === 1) throw error;
    }
    let written = 0;
    for (const pending of batch) {
      try {
        await statement([pending.row]);
        written++;
      } catch (error) {
        if (isConnectionError(error)) throw error;
        fail(
          pending.line,
          "VALIDATION_FAILED",
          `The database refused this record: ${databaseMessage(error)}`,
        );
      }
    }
    return written;
  };

  const writeOrganizations = async (batch: Pending<OrganizationRow>[]) => {
    await resolveOrganizations(batch.flatMap((p) => p.row.managingPartnerExternalId ?? []));
    const ready: Pending<OrganizationUpsert>[] = [];
    for (const { line, row } of batch) {
      const { managingPartnerExternalId, ...rest } = row;
      let managingPartnerId: string | null = null;
      if (managingPartnerExternalId !== null) {
        const partner = organizationIds.get(managingPartnerExternalId);
        if (partner?.kind !== "partner") {
          fail(
            line,
            "MANAGING_PARTNER_INVALID",
            `No partner organization with externalId ${managingPartnerExternalId}.`,
          );
          continue;
        }
        managingPartnerId = partner.id;
      }
      ready.push({ line, row: { ...rest, managingPartnerId } });
    }
    result.imported.organizations += await write(ready, async (rows) => {
      const ids = await upsertOrganizations(db, rows);
      for (const row of rows)
        organizationIds.set(row.externalId, { id: ids.get(row.externalId)!, kind: row.kind });
    });
  };

  const withOrganization = async <Row>(batch: Pending<MemberRow<Row>>[]) => {
    await resolveOrganizations(batch.map((p) => p.row.organizationExternalId));
    const ready: Pending<Row>[] = [];
    for (const { line, row } of batch) {
      const { organizationExternalId, ...rest } = row;
      const organization = organizationIds.get(organizationExternalId);
      if (!organization) {
        fail(line, "ORGANIZATION_NOT_FOUND", `No organization with externalId ${organizationExternalId}.`);
        continue;
      }
      ready.push({ line, row: { ...rest, organizationId: organization.id } as Row });
    }
    return ready;
  };

  /** Hands the pending rows to the writer; waits for the previous write first, so at most one runs. */
  const flush = async () => {
    const batches = {
      organizations: [...organizations.values()],
      users: [...users.values()],
      subscriptions: [...subscriptions.values()],
    };
    organizations = new Map();
    users = new Map();
    subscriptions = new Map();
    await writing;
    writing = (async () => {
      await writeOrganizations(batches.organizations);
      const userRows = await withOrganization<UserUpsert>(batches.users);
      result.imported.users += await write(userRows, (rows) => upsertUsers(db, rows));
      const subscriptionRows = await withOrganization<SubscriptionUpsert>(batches.subscriptions);
      result.imported.subscriptions += await write(subscriptionRows, (rows) => upsertSubscriptions(db, rows));
    })();
    // Keep the rejection observed until the next flush awaits it.
    writing.catch(() => {});
  };

  let lineNumber = 0;
  for await (const chunk of lines) {
    lineNumber++;
    const text = typeof chunk === "string" ? chunk : chunk.toString("utf8");
    if (text.trim() === "") continue;
    const parsed = parseLine(text);
    if (!parsed.ok) {
      fail(lineNumber, parsed.code, parsed.message);
      continue;
    }
    const pending = toPending(parsed.record, lineNumber);
    if ("error" in pending) {
      fail(lineNumber, pending.error.code, pending.error.message);
      continue;
    }
    if (pending.type === "organization") {
      // A partner named as managing partner must be written before the organizations it manages.
      const partner = pending.row.managingPartnerExternalId;
      if (partner !== null && organizations.has(partner)) await flush();
      organizations.set(pending.row.externalId, pending);
    } else if (pending.type === "user") {
      // Members may refer to organizations still pending: those are written first, in the same flush.
      users.set(pending.row.email, pending);
    } else {
      subscriptions.set(pending.row.externalId, pending);
    }
    if (organizations.size + users.size + subscriptions.size >= batchSize) await flush();
  }
  await flush();
  await writing;
  result.errors.sort((a, b) => a.line - b.line);
  return result;
}

type ParsedLine = { ok: true; record: ImportRecord } | { ok: false; code: ErrorCode; message: string };

function parseLine(text: string): ParsedLine {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, code: "VALIDATION_FAILED", message: "The line is not valid JSON." };
  }
  const parsed = importRecord.safeParse(json);
  if (parsed.success) return { ok: true, record: parsed.data };
  const message = parsed.error.issues
    .slice(0, 5)
    .map((issue) => `${issue.path.join(".") || "record"}: ${issue.message}`)
    .join("; ");
  return { ok: false, code: "VALIDATION_FAILED", message };
}

type PendingRecord =
  | ({ type: "organization" } & Pending<OrganizationRow>)
  | ({ type: "user" } & Pending<MemberRow<UserUpsert>>)
  | ({ type: "subscription" } & Pending<MemberRow<SubscriptionUpsert>>)
  | { error: { code: ErrorCode; message: string } };

/** Normalizes a valid record into the row it writes, or the rule it breaks (bad name or e-mail). */
function toPending(record: ImportRecord, line: number): PendingRecord {
  try {
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
            externalId: record.externalId,
            status: record.status,
            services: record.services,
            termMonths: record.termMonths ?? null,
          },
        };
    }
  } catch (error) {
    if (isAppError(error)) return { error: { code: error.code, message: error.message } };
    throw error;
  }
}

function databaseMessage(error: unknown): string {
  return error instanceof Error ? error.message.split("\n")[0]! : "unknown error";
}
