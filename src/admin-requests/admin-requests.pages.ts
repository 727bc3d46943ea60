import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { Deps } from "../deps.js";
import { isAppError } from "../errors/app-error.js";
import { errorCodes } from "../errors/codes.js";
import { formatDateTime } from "../render/format.js";
import { type Html, html } from "../render/html.js";
import { pickLocale } from "../render/words.js";
import type { Locale } from "../vocabulary.js";
import { backLink, facts, form, notice, services } from "../web/components.js";
import { renderPage } from "../web/layout.js";
import { csrfToken, pageScope, redirectAfterPost, sendPage } from "../web/pages.js";
import { type Messages, messages, pageErrorMessage } from "../web/texts/index.js";
import { type AdminRequestView, decideByLink, viewAdminRequest } from "./approval-link.js";

type Params = { token: string };
type Query = { lang?: string; done?: string };
type Request = FastifyRequest<{ Params: Params; Querystring: Query }>;

/** What every page of one approval link knows: the request, its language, its addresses. */
type ApprovalContext = {
  view: AdminRequestView;
  locale: Locale;
  t: Messages;
  to: (path?: string, query?: Record<string, string>) => string;
  when: (iso: string) => string;
};

/**
 * The approval page at /admin-requests/{token} (docs/product.md § 8): one full administrator's link. It
 * says who asks, for what, and who would become administrator; approving and rejecting are each a step
 * of their own; once decided, it says what was decided, by whom and when.
 */
export async function adminRequestPages(app: FastifyInstance, deps: Deps): Promise<void> {
  await pageScope(app, deps.config, { name: "approval", path: "/admin-requests" });

  const open = async (request: Request): Promise<ApprovalContext> => {
    const view = await viewAdminRequest(deps, request.params.token);
    const base = `/admin-requests/${encodeURIComponent(request.params.token)}`;
    const lang = request.query.lang === "it" || request.query.lang === "en" ? request.query.lang : undefined;
    const locale = pickLocale(lang, view.locale);
    return {
      view,
      locale,
      t: messages(locale),
      to: (path = "", query = {}) => {
        const q = new URLSearchParams({ ...query, ...(lang ? { lang } : {}) }).toString();
        return `${base}${path}${q ? `?${q}` : ""}`;
      },
      when: (iso) => formatDateTime(new Date(iso), locale, view.timeZone),
    };
  };

  const send = (
    request: Request,
    reply: FastifyReply,
    a: ApprovalContext,
    page: { title: string; main: Html; path?: string },
    status = 200,
  ) => {
    const path = `/admin-requests/${encodeURIComponent(request.params.token)}${page.path ?? ""}`;
    const done = request.query.done;
    const here = (l: Locale) => `${path}?${new URLSearchParams({ ...(done ? { done } : {}), lang: l })}`;
    return sendPage(
      reply,
      renderPage({
        title: page.title,
        locale: a.locale,
        main: page.main,
        narrow: true,
        languages: { it: here("it"), en: here("en") },
      }),
      status,
    );
  };

  app.get<{ Params: Params; Querystring: Query }>("/admin-requests/:token", async (request, reply) => {
    const a = await open(request);
    return send(request, reply, a, requestPage(a, request.query.done));
  });

  app.get<{ Params: Params; Querystring: Query }>(
    "/admin-requests/:token/approve",
    async (request, reply) => {
      const a = await open(request);
      if (a.view.status !== "pending") return reply.redirect(a.to());
      return send(request, reply, a, { ...approvePage(a, csrfToken(reply)), path: "/approve" });
    },
  );

  app.get<{ Params: Params; Querystring: Query }>("/admin-requests/:token/reject", async (request, reply) => {
    const a = await open(request);
    if (a.view.status !== "pending") return reply.redirect(a.to());
    return send(request, reply, a, { ...rejectPage(a, csrfToken(reply)), path: "/reject" });
  });

  for (const decision of ["approve", "reject"] as const) {
    app.post<{ Params: Params; Querystring: Query; Body: Record<string, string | undefined> }>(
      `/admin-requests/:token/${decision}`,
      async (request, reply) => {
        const reason = request.body?.reason ?? null;
        try {
          await decideByLink(
            deps,
            request.params.token,
            decision === "approve" ? { approve: true } : { approve: false, reason },
          );
          const a = await open(request);
          return redirectAfterPost(
            reply,
            a.to("", { done: decision === "approve" ? "approved" : "rejected" }),
          );
        } catch (error) {
          if (!isAppError(error) || error.code === "NOT_FOUND") throw error;
          const a = await open(request);
          const page = requestPage(a, undefined, pageErrorMessage(a.locale, error));
          return send(request, reply, a, page, errorCodes[error.code]);
        }
      },
    );
  }
}

function requestPage(a: ApprovalContext, done: string | undefined, error?: string) {
  const { view, t } = a;
  const org = view.organization.name;
  if (view.status === "pending") {
    const title = t.approval.pendingTitle(org);
    const main = html`<h1>${title}</h1>
${error && notice("bad", error, "alert")}
<p class="lead">${t.approval.lead(org)}</p>
${requestFacts(a)}
${notice("warn", t.approval.warning)}
<p class="actions"><a class="button" href="${a.to("/approve")}">${t.approval.approve}</a>
<a class="button secondary" href="${a.to("/reject")}">${t.approval.reject}</a></p>`;
    return { title, main };
  }
  const title = t.approval.decidedTitle[view.status];
  const mine =
    done === "approved" && view.status === "approved"
      ? t.approval.youApproved
      : done === "rejected" && view.status === "rejected"
        ? t.approval.youRejected
        : undefined;
  const main = html`<h1>${title}</h1>
${error && notice("bad", error, "alert")}
${notice(
  view.status === "approved" ? "ok" : view.status === "rejected" ? "warn" : "info",
  html`${mine && html`<p><strong>${mine}</strong></p>`}<p>${decision(a)}</p>
${view.reason && view.status === "rejected" && html`<p>${t.banner.reason}: ${t.quote(view.reason)}</p>`}`,
  "status",
)}
${requestFacts(a)}
<p class="muted">${t.approval.nothingToDo}</p>`;
  return { title, main };
}

/** "Approved by Mario Rossi (mario.rossi@acme.it) on 24 November 2026 at 10:00 CET." */
function decision(a: ApprovalContext): string {
  const { view, t } = a;
  const at = a.when(view.decidedAt ?? view.expiresAt);
  const by = view.decidedBy;
  const who =
    by?.kind === "administrator"
      ? by.name && by.email
        ? `${by.name} (${by.email})`
        : (by.email ?? by.name ?? t.approval.byOperator)
      : t.approval.byOperator;
  switch (view.status) {
    case "approved":
      return t.approval.decided.approved(who, at);
    case "rejected":
      return t.approval.decided.rejected(who, at);
    case "expired":
      return t.approval.decided.expired(a.when(view.expiresAt));
    case "withdrawn":
      return t.approval.decided.withdrawn(at);
    default:
      return t.approval.decided.cancelled(at);
  }
}

/** Who asks, for what, and who would become administrator. */
function requestFacts(a: ApprovalContext): Html {
  const { view, t } = a;
  const org = view.organization.name;
  const pending = view.status === "pending";
  const contact = view.requestedBy.name
    ? `${view.requestedBy.name} (${view.requestedBy.email})`
    : view.requestedBy.email;
  const admin = view.requestedAdmin.name
    ? `${view.requestedAdmin.name} (${view.requestedAdmin.email})`
    : view.requestedAdmin.email;
  return html`<section class="panel" aria-labelledby="who-heading"><h2 id="who-heading">${pending ? t.approval.who : t.approval.whoAsked}</h2>
${facts([
  [
    t.approval.contact,
    html`${contact}${view.requestedBy.partnerName && html`<br><span class="muted">${t.approval.onBehalfOf(view.requestedBy.partnerName)}</span>`}`,
  ],
  [t.approval.scenario, pending ? t.scenario[view.scenario] : t.scenarioDone[view.scenario]],
])}</section>
<section class="panel" aria-labelledby="what-heading"><h2 id="what-heading">${t.approval.forWhat}</h2>
${facts([
  [t.approval.order, view.orderNumber],
  [t.approval.services, services(view.services, a.locale)],
  [t.approval.requestedOn, a.when(view.requestedAt)],
  ...(pending ? [[t.approval.expires, a.when(view.expiresAt)] as const] : []),
])}</section>
<section class="panel" aria-labelledby="admin-heading"><h2 id="admin-heading">${pending ? t.approval.newAdmin : t.approval.proposedAdmin}</h2>
<p><strong>${admin}</strong></p>
${pending && html`<p>${view.requestedAdmin.isUser ? t.approval.isUser(org) : t.approval.notUser(org)}</p>`}</section>`;
}

function approvePage(a: ApprovalContext, csrf: string) {
  const { view, t } = a;
  const org = view.organization.name;
  const name = view.requestedAdmin.name ?? view.requestedAdmin.email;
  const title = t.approval.approveTitle(name, org);
  const main = html`${backLink(a.to(), t.back)}<h1>${title}</h1>
<p>${view.requestedAdmin.isUser ? t.approval.isUser(org) : t.approval.notUser(org)}</p>
<p>${t.approval.approveWhat(org)}</p>
${form(
  { action: a.to("/approve"), csrf },
  html`<p class="actions"><button type="submit">${t.approval.approveSubmit(name)}</button> <a href="${a.to()}">${t.approval.cancel}</a></p>`,
)}`;
  return { title, main };
}

function rejectPage(a: ApprovalContext, csrf: string) {
  const { view, t } = a;
  const name = view.requestedAdmin.name ?? view.requestedAdmin.email;
  const title = t.approval.rejectTitle;
  const main = html`${backLink(a.to(), t.back)}<h1>${title}</h1>
<p>${t.approval.rejectWhat(name)}</p>
${form(
  { action: a.to("/reject"), csrf },
  html`<div class="field"><label for="field-reason">${t.approval.reason}</label>
<span class="hint" id="field-reason-hint">${t.approval.reasonHint}</span>
<textarea id="field-reason" name="reason" maxlength="1000" rows="4" aria-describedby="field-reason-hint"></textarea></div>`,
  html`<p class="actions"><button type="submit" class="danger">${t.approval.rejectSubmit}</button> <a href="${a.to()}">${t.approval.cancel}</a></p>`,
)}`;
  return { title, main };
}
