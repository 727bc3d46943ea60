import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { Deps } from "../deps.js";
import { isAppError } from "../errors/app-error.js";
import { errorCodes } from "../errors/codes.js";
import { formatDateTime } from "../render/format.js";
import { html } from "../render/html.js";
import { pickLocale } from "../render/words.js";
import { facts, form, notice } from "../web/components.js";
import { renderPage } from "../web/layout.js";
import { csrfToken, pageScope, redirectAfterPost, sendPage } from "../web/pages.js";
import { messages, pageErrorMessage } from "../web/texts/index.js";
import { type AdminRequestView, decideByLink, viewAdminRequest } from "./approval-link.js";

type Params = { token: string };
type Query = { lang?: string; done?: string };

/**
 * The approval page at /admin-requests/{token} (docs/product.md § 8): one full administrator's link to
 * approve or reject a new administrator of their organization.
 */
export async function adminRequestPages(app: FastifyInstance, deps: Deps): Promise<void> {
  await pageScope(app, deps.config, { name: "approval", path: "/admin-requests" });

  const urls = (request: FastifyRequest<{ Params: Params; Querystring: Query }>) => {
    const base = `/admin-requests/${encodeURIComponent(request.params.token)}`;
    const lang = request.query.lang === "it" || request.query.lang === "en" ? request.query.lang : undefined;
    return {
      base,
      lang,
      to: (path = "", query: Record<string, string> = {}) => {
        const q = new URLSearchParams({ ...query, ...(lang ? { lang } : {}) }).toString();
        return `${base}${path}${q ? `?${q}` : ""}`;
      },
    };
  };

  function render(
    request: FastifyRequest<{ Params: Params; Querystring: Query }>,
    reply: FastifyReply,
    view: AdminRequestView,
    error?: string,
    status = 200,
  ) {
    const u = urls(request);
    const locale = pickLocale(u.lang, view.locale);
    const t = messages(locale);
    const org = view.organization.name;
    const admin = view.requestedAdmin.name
      ? `${view.requestedAdmin.name} <${view.requestedAdmin.email}>`
      : view.requestedAdmin.email;
    const done = request.query.done;
    const statusNotice =
      done === "approved" && view.status === "approved"
        ? notice("ok", t.approval.approved, "status")
        : done === "rejected" && view.status === "rejected"
          ? notice("ok", t.approval.rejected, "status")
          : view.status === "expired"
            ? notice("warn", t.approval.expiredStatus, "status")
            : view.status === "cancelled"
              ? notice("warn", t.approval.cancelled, "status")
              : view.status !== "pending"
                ? notice(
                    "info",
                    t.approval.decided(
                      locale === "it"
                        ? view.status === "approved"
                          ? "approvata"
                          : "rifiutata"
                        : view.status,
                    ),
                    "status",
                  )
                : undefined;
    const csrf = view.status === "pending" ? csrfToken(reply) : "";
    const main = html`<h1>${t.approval.title}</h1>
${error && notice("bad", error, "alert")}
${statusNotice}
<p class="lead">${t.approval.lead(org)}</p>
<section class="panel">
${facts([
  [t.approval.organization, org],
  [t.approval.requestedAdmin, admin],
  [t.approval.requestedBy, view.requestedBy.email],
  [t.approval.order, view.orderNumber],
  [t.approval.scenario, t.scenario[view.scenario]],
  [t.approval.expires, formatDateTime(new Date(view.expiresAt), locale)],
])}
</section>
${
  view.status === "pending" &&
  html`${notice("warn", t.approval.warning)}
<div class="panel">
${form(
  { action: u.to("/approve"), csrf, label: t.approval.approve },
  html`<p class="actions"><button type="submit">${t.approval.approve}</button></p>`,
)}
</div>
<div class="panel">
${form(
  { action: u.to("/reject"), csrf, label: t.approval.reject },
  html`<div class="field"><label for="reason">${t.approval.reason}</label><textarea id="reason" name="reason" maxlength="1000"></textarea></div>`,
  html`<p class="actions"><button type="submit" class="danger">${t.approval.reject}</button></p>`,
)}
</div>`
}`;
    const here = (l: "it" | "en") =>
      `${u.base}?${new URLSearchParams({ ...(done ? { done } : {}), lang: l })}`;
    return sendPage(
      reply,
      renderPage({
        title: t.approval.title,
        locale,
        main,
        narrow: true,
        languages: { it: here("it"), en: here("en") },
      }),
      status,
    );
  }

  app.get<{ Params: Params; Querystring: Query }>("/admin-requests/:token", async (request, reply) =>
    render(request, reply, await viewAdminRequest(deps, request.params.token)),
  );

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
          return redirectAfterPost(
            reply,
            urls(request).to("", { done: decision === "approve" ? "approved" : "rejected" }),
          );
        } catch (error) {
          if (!isAppError(error) || error.code === "NOT_FOUND") throw error;
          const view = await viewAdminRequest(deps, request.params.token);
          const locale = pickLocale(urls(request).lang, view.locale);
          return render(request, reply, view, pageErrorMessage(locale, error), errorCodes[error.code]);
        }
      },
    );
  }
}
