import type { FastifyInstance, FastifyRequest } from "fastify";
import { listAuditEvents } from "../audit/audit.repository.js";
import type { DomainVerification } from "../db/schema.js";
import type { Deps } from "../deps.js";
import { requireOrganization } from "../directory/get-organization.js";
import { addDomain } from "../domains/add-domain.js";
import { challengeName } from "../domains/challenge.js";
import { claimDomain } from "../domains/claim-domain.js";
import type { DomainWrite } from "../domains/domain-deps.js";
import { listDomains } from "../domains/domains.repository.js";
import { removeDomain } from "../domains/remove-domain.js";
import { verifyDomain } from "../domains/verify-domain.js";
import { formatDateTime } from "../render/format.js";
import { html } from "../render/html.js";
import { notice } from "../web/components.js";
import { redirectAfterPost } from "../web/pages.js";
import { type ConsoleContext, consoleContext } from "./console-page.js";
import { actorWords, namesFor } from "./names.js";
import { actionError, date, href, statusBadge, table } from "./tables.js";

type Done = "added" | "verified" | "claimed" | "unclaimed" | "removed";
type Params = { id: string; domain: string };

/**
 * An organization's domains (docs/api.md § Domains): status, the TXT record to publish, the last check
 * and what it found, and the history from the audit log; operators add, verify now, claim, unclaim and
 * remove, audited as themselves. A refusal (not allowed, not found in DNS, taken) is shown on the page.
 */
export function domainsSection(app: FastifyInstance, deps: Deps): void {
  const write = (request: FastifyRequest): DomainWrite => ({
    deps,
    actor: `operator:${request.operator!.id}`,
  });
  const page = async (
    c: ConsoleContext,
    id: string,
    extra: { done?: string; error?: string; typed?: string },
    status = 200,
  ) => {
    const t = c.t.domains;
    const organization = await requireOrganization(deps.db, id);
    const [domains, history] = await Promise.all([
      listDomains(deps.db, id),
      listAuditEvents(deps.db, { subjectType: "organization", subjectId: id, limit: 200 }),
    ]);
    const domainHistory = history.filter((e) => e.action.startsWith("domain."));
    const names = await namesFor(deps.db, domainHistory);
    const done = extra.done && extra.done in t.done ? t.done[extra.done as Done] : undefined;
    const base = `/console/organizations/${id}/domains`;
    const action = (domain: string, path: string, label: string, fields: Record<string, string> = {}) =>
      html`<form method="post" action="${base}/${encodeURIComponent(domain)}/${path}" class="inline"><input type="hidden" name="_csrf" value="${c.csrf()}">${Object.entries(fields).map(([k, v]) => html`<input type="hidden" name="${k}" value="${v}">`)}<button type="submit" class="${path === "remove" ? "secondary" : ""}">${label}</button></form>`;
    return c.page(
      t.title(organization.name),
      html`<h1>${t.title(organization.name)}</h1>
<p><a href="${href(`/console/organizations/${id}`)}">${organization.name}</a></p>
${done && notice("ok", done, "status")}
${extra.error && notice("bad", extra.error, "alert")}
<p class="lead">${t.lead}</p>
${table(
  c,
  [t.domain, c.t.common.status, t.claimed, t.record, t.lastCheck, t.nextCheck, ""],
  domains.map((d) => [
    d.domain,
    html`${statusBadge(c, d.status)}${d.missed_checks > 0 && d.status === "verified" ? html` <span class="muted">${t.misses(d.missed_checks)}</span>` : ""}`,
    d.claimed ? t.yes : t.no,
    html`<code>${challengeName(d.domain)}</code><br><code>${d.challenge}</code>`,
    d.checked_at
      ? html`${date(formatDateTime(d.checked_at, c.locale))}<br><span class="muted">${foundText(c, d)}</span>`
      : "—",
    d.next_check_at ? date(formatDateTime(d.next_check_at, c.locale)) : "—",
    html`${action(d.domain, "verify", t.verify)}${
      d.status === "verified"
        ? action(d.domain, "claim", d.claimed ? t.unclaim : t.claim, {
            claimed: d.claimed ? "false" : "true",
          })
        : ""
    }${action(d.domain, "remove", t.remove)}`,
  ]),
)}
<h2>${t.add}</h2>
<form method="post" action="${base}" class="search"><input type="hidden" name="_csrf" value="${c.csrf()}">
<div class="field"><label for="domain">${t.domain}</label><input id="domain" name="domain" type="text" value="${extra.typed ?? ""}" autocomplete="off" spellcheck="false"></div>
<p class="actions"><button type="submit">${t.addSubmit}</button></p>
</form>
<h2>${t.history}</h2>
${table(
  c,
  [c.t.common.when, t.domain, c.t.common.what, c.t.common.who],
  domainHistory.map((e) => [
    date(formatDateTime(e.at, c.locale)),
    String(e.details.domain ?? ""),
    t.actions[e.action] ?? e.action,
    actorWords(c, names, e.actor),
  ]),
)}`,
      status,
    );
  };

  app.get<{ Params: { id: string }; Querystring: { done?: string } }>(
    "/console/organizations/:id/domains",
    async (request, reply) => {
      const c = consoleContext(request, reply);
      return page(c, request.params.id, request.query.done ? { done: request.query.done } : {});
    },
  );

  /** Runs an operator's change; a refusal is shown on the page with the status of its code. */
  const change = async (
    request: FastifyRequest<{ Params: { id: string } }>,
    reply: Parameters<typeof consoleContext>[1],
    run: () => Promise<unknown>,
    done: Done,
    typed?: string,
  ) => {
    const id = request.params.id;
    try {
      await run();
      return redirectAfterPost(reply, href(`/console/organizations/${id}/domains`, { done }));
    } catch (error) {
      const c = consoleContext(request, reply);
      const { message, status } = actionError(c, error);
      return page(c, id, { error: message, ...(typed === undefined ? {} : { typed }) }, status);
    }
  };

  app.post<{ Params: { id: string }; Body: { domain?: string } }>(
    "/console/organizations/:id/domains",
    async (request, reply) => {
      const typed = String(request.body?.domain ?? "").slice(0, 300);
      return change(
        request,
        reply,
        () => addDomain(write(request), request.params.id, typed),
        "added",
        typed,
      );
    },
  );

  app.post<{ Params: Params }>("/console/organizations/:id/domains/:domain/verify", async (request, reply) =>
    change(
      request,
      reply,
      () => verifyDomain(write(request), request.params.id, request.params.domain),
      "verified",
    ),
  );

  app.post<{ Params: Params; Body: { claimed?: string } }>(
    "/console/organizations/:id/domains/:domain/claim",
    async (request, reply) => {
      const claimed = request.body?.claimed === "true";
      return change(
        request,
        reply,
        () => claimDomain(write(request), request.params.id, request.params.domain, claimed),
        claimed ? "claimed" : "unclaimed",
      );
    },
  );

  app.post<{ Params: Params }>("/console/organizations/:id/domains/:domain/remove", async (request, reply) =>
    change(
      request,
      reply,
      () => removeDomain(write(request), request.params.id, request.params.domain),
      "removed",
    ),
  );
}

function foundText(c: ConsoleContext, d: DomainVerification): string {
  const t = c.t.domains;
  if (!d.found) return "";
  if ("unavailable" in d.found) return t.unavailable(d.found.unavailable);
  return d.found.records.length === 0 ? t.nothingFound : `${t.found}: ${d.found.records.join(" · ")}`;
}
