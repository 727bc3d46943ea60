import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { withdrawAdminRequest } from "../../admin-requests/withdraw-admin-request.js";
import type { Deps } from "../../deps.js";
import { AppError, isAppError, retryAfterOf } from "../../errors/app-error.js";
import { parseEmail } from "../../matching/email.js";
import { formatDateTime } from "../../render/format.js";
import { pickLocale } from "../../render/words.js";
import { renderPage } from "../../web/layout.js";
import { csrfToken, errorCodeOf, pageScope, redirectAfterPost, sendPage } from "../../web/pages.js";
import { messages, pageErrorMessage } from "../../web/texts/index.js";
import { chooseSetupBy } from "../choose-setup-by.js";
import { completeSetup } from "../complete-setup.js";
import { getHandedOverView, getWizardView, type HandedOverView } from "../get-wizard-view.js";
import { matchSetup } from "../match-setup.js";
import { claimedPage } from "./claimed.page.js";
import { companyPage } from "./company.page.js";
import { choiceOf, confirmPage } from "./confirm.page.js";
import { type PageContext, pageContext, sendWizardPage, type WizardQuery } from "./context.js";
import {
  type Form,
  fieldOf,
  parseCompanyForm,
  parseConfirmForm,
  parseCustomerForm,
  parseWhoChoice,
} from "./forms.js";
import { orderPage } from "./order.page.js";
import { donePage, resumePage, waitingPage, withdrawPage } from "./outcome.page.js";
import { resultsPage } from "./results.page.js";
import { customerPage, handedOverMain, handoverConfirmPage, whoPage } from "./who.page.js";

type Request = FastifyRequest<{
  Params: { token: string };
  Querystring: WizardQuery & { edit?: string };
  Body?: Form;
}>;

/**
 * The setup wizard at /setup/{token} (docs/product.md § Interfaces): server-rendered pages, no script;
 * every form posts, then redirects to the page of the result. The same use-cases as the JSON API.
 */
export async function setupPages(app: FastifyInstance, deps: Deps): Promise<void> {
  await pageScope(app, deps.config, { name: "setup", path: "/setup" });
  const open = async (request: Request, path = ""): Promise<PageContext> =>
    pageContext(await getWizardView(deps, request.params.token), request.params.token, path, request.query);

  /**
   * A page's context; on a partner's link after the hand-over, the page that says who has the setup now
   * is sent instead (and null answered), not a dead end.
   */
  const openOrHandedOver = async (request: Request, reply: FastifyReply, path: string) => {
    try {
      return await open(request, path);
    } catch (error) {
      if (!isAppError(error) || error.code !== "INVITATION_HANDED_OVER") throw error;
      const view = await getHandedOverView(deps, request.params.token);
      if (!view) throw error;
      await sendHandedOver(request, reply, view, false, 410);
      return null;
    }
  };
  const sendHandedOver = (
    request: Request,
    reply: FastifyReply,
    view: HandedOverView,
    justSent: boolean,
    status: number,
  ) => {
    const locale = pickLocale(request.query.lang, view.locale);
    const t = messages(locale);
    const base = `/setup/${encodeURIComponent(request.params.token)}`;
    const main = handedOverMain(
      t,
      { maskedEmail: view.maskedEmail, date: formatDateTime(view.at, locale, view.timeZone) },
      justSent,
    );
    return sendPage(
      reply,
      renderPage({
        title: t.who.handedOverTitle,
        locale,
        main,
        narrow: true,
        languages: { it: `${base}?lang=it`, en: `${base}?lang=en` },
      }),
      status,
    );
  };

  app.get("/setup/:token", async (request: Request, reply) => {
    const c = await openOrHandedOver(request, reply, "");
    if (!c) return reply;
    if (c.view.step === "done") return sendWizardPage(reply, c, donePage(c));
    if (c.view.step === "awaiting_admin_approval") return sendWizardPage(reply, c, waitingPage(c));
    if (resumes(c)) return sendWizardPage(reply, c, resumePage(c, csrfToken(reply)));
    return sendWizardPage(reply, c, orderPage(c));
  });

  app.get("/setup/:token/who", async (request: Request, reply) => {
    const c = await openOrHandedOver(request, reply, "/who");
    if (!c) return reply;
    if (c.view.step !== "choose_setup_by") return reply.redirect(c.url());
    return sendWizardPage(reply, c, whoPage(c, csrfToken(reply)));
  });

  app.post("/setup/:token/who", async (request: Request, reply) => {
    const c = await open(request, "/who");
    const choice = parseWhoChoice(request.body ?? {});
    if (!choice) {
      const errors = [{ field: "setupBy", message: c.t.fields.setupBy.blank }];
      return sendWizardPage(reply, c, whoPage(c, csrfToken(reply), errors), 400);
    }
    if (choice === "customer") return redirectAfterPost(reply, c.url("/who/customer"));
    await chooseSetupBy(deps, request.params.token, { setupBy: "partner" });
    return redirectAfterPost(reply, c.url("/company"));
  });

  app.get("/setup/:token/who/customer", async (request: Request, reply) => {
    const c = await openOrHandedOver(request, reply, "/who/customer");
    if (!c) return reply;
    if (c.view.step !== "choose_setup_by") return reply.redirect(c.url());
    return sendWizardPage(reply, c, customerPage(c, csrfToken(reply)));
  });

  // The customer's address: checked, then "hand over?" (or the form again, to change it).
  app.post("/setup/:token/who/customer", async (request: Request, reply) => {
    const c = await open(request, "/who/customer");
    const body = request.body ?? {};
    if (request.query.edit) return sendWizardPage(reply, c, customerPage(c, csrfToken(reply), [], body));
    const parsed = parseCustomerForm(body, c.t);
    if (!parsed.ok)
      return sendWizardPage(reply, c, customerPage(c, csrfToken(reply), parsed.errors, body), 400);
    const contact = parsed.input.setupBy === "customer" ? parsed.input.customerContact : undefined;
    const email = parseEmail(contact?.email ?? "");
    const page = handoverConfirmPage(c, csrfToken(reply), {
      email: email.ok ? email.value.email : (contact?.email ?? ""),
      name: contact?.name,
    });
    return sendWizardPage(reply, c, page);
  });

  app.post("/setup/:token/who/handover", async (request: Request, reply) => {
    const c = await open(request, "/who/customer");
    const body = request.body ?? {};
    const parsed = parseCustomerForm(body, c.t);
    if (!parsed.ok)
      return sendWizardPage(reply, c, customerPage(c, csrfToken(reply), parsed.errors, body), 400);
    try {
      await chooseSetupBy(deps, request.params.token, parsed.input);
    } catch (error) {
      const field = fieldOf(error);
      if (!field) throw error;
      const errors = [{ field, message: pageErrorMessage(c.locale, error as AppError) }];
      return sendWizardPage(reply, c, customerPage(c, csrfToken(reply), errors, body), 400);
    }
    const view = (await getHandedOverView(deps, request.params.token))!;
    return sendHandedOver(request, reply, view, true, 200);
  });

  app.get("/setup/:token/company", async (request: Request, reply) => {
    const c = await openOrHandedOver(request, reply, "/company");
    if (!c) return reply;
    if (c.view.step !== "company") return reply.redirect(c.url());
    return sendWizardPage(reply, c, companyPage(c, csrfToken(reply), [], { ...c.view.draft }));
  });

  app.post("/setup/:token/company", async (request: Request, reply) => {
    const c = await open(request, "/company");
    const body = request.body ?? {};
    const parsed = parseCompanyForm(body, c.t);
    if (!parsed.ok)
      return sendWizardPage(reply, c, companyPage(c, csrfToken(reply), parsed.errors, body), 400);
    try {
      await matchSetup(deps, request.params.token, parsed.input);
      return redirectAfterPost(reply, c.url("/results"));
    } catch (error) {
      const field = fieldOf(error);
      const limited = isAppError(error) && error.code === "RATE_LIMITED";
      if (!field && !limited) throw error;
      const message = pageErrorMessage(c.locale, error as AppError);
      const retryAfter = retryAfterOf(error);
      if (retryAfter !== undefined) void reply.header("retry-after", String(retryAfter));
      const page = field
        ? companyPage(c, csrfToken(reply), [{ field, message }], body)
        : companyPage(c, csrfToken(reply), [], body, message);
      return sendWizardPage(reply, c, page, limited ? 429 : 400);
    }
  });

  app.get("/setup/:token/results", async (request: Request, reply) => {
    const c = await openOrHandedOver(request, reply, "/results");
    if (!c) return reply;
    const { step, lastMatch, draft } = c.view;
    if (step !== "company" || !lastMatch || !draft)
      return reply.redirect(c.url(step === "company" ? "/company" : ""));
    return sendWizardPage(reply, c, resultsPage(c, lastMatch, draft, deps.clock.now()));
  });

  app.get("/setup/:token/confirm", async (request: Request, reply) => {
    const c = await openOrHandedOver(request, reply, "/confirm");
    if (!c) return reply;
    const { step, lastMatch, draft } = c.view;
    if (step !== "company" || !lastMatch || !draft) return reply.redirect(c.url());
    const choice = choiceOf(lastMatch, request.query);
    if (!choice) return reply.redirect(c.url("/results"));
    const page = confirmPage(c, csrfToken(reply), {
      result: lastMatch,
      draft,
      choice,
      now: deps.clock.now(),
    });
    return sendWizardPage(reply, c, page);
  });

  app.post("/setup/:token/confirm", async (request: Request, reply) => {
    const c = await open(request, "/confirm");
    const body = request.body ?? {};
    const { lastMatch, draft } = c.view;
    if (!draft) return redirectAfterPost(reply, c.url("/company"));
    const input = parseConfirmForm(body, draft);
    if (!input) throw new AppError("VALIDATION_FAILED", { context: { about: "choice" } });
    try {
      await completeSetup(deps, request.params.token, input);
      return redirectAfterPost(reply, c.url());
    } catch (error) {
      if (!isAppError(error)) throw error;
      // Done meanwhile (another tab, another person): show what was done.
      if (error.code === "ALREADY_PROVISIONED" || error.code === "ADMIN_REQUEST_PENDING") {
        return redirectAfterPost(reply, c.url());
      }
      if (error.code === "DOMAIN_CLAIMED") {
        const { domain, organizationId } = error.details as { domain: string; organizationId: string | null };
        const organization = lastMatch?.candidates.find((x) => x.id === organizationId);
        const page = claimedPage(c, { domain, email: draft.adminEmail, organization });
        return sendWizardPage(reply, c, page, 409);
      }
      const message = pageErrorMessage(c.locale, { code: errorCodeOf(error), context: error.context });
      // The administrator e-mail (or the company) cannot be used: back to the form, with the reason at the field.
      const field = fieldOf(error);
      if (field) {
        const page = companyPage(c, csrfToken(reply), [{ field, message }], { ...draft });
        return sendWizardPage(reply, c, page, 409);
      }
      if (resumes(c)) return sendWizardPage(reply, c, resumePage(c, csrfToken(reply), message), 409);
      const choice = lastMatch
        ? choiceOf(lastMatch, body.decision === "new" ? { new: "1" } : { organization: body.organizationId })
        : undefined;
      if (!lastMatch || !choice) return reply.redirect(c.url("/results"));
      const page = confirmPage(c, csrfToken(reply), {
        result: lastMatch,
        draft,
        choice,
        now: deps.clock.now(),
        error: message,
      });
      return sendWizardPage(reply, c, page, 409);
    }
  });

  app.get("/setup/:token/withdraw", async (request: Request, reply) => {
    const c = await open(request, "/withdraw");
    if (c.view.step !== "awaiting_admin_approval") return reply.redirect(c.url());
    return sendWizardPage(reply, c, withdrawPage(c, csrfToken(reply)));
  });

  app.post("/setup/:token/withdraw", async (request: Request, reply) => {
    const c = await open(request, "/withdraw");
    await withdrawAdminRequest(deps, request.params.token);
    return redirectAfterPost(reply, c.url("/company"));
  });
}

/**
 * The resume link after approval: the request approved is the one this link's last details asked for,
 * and the order stopped for it, so one button finishes (docs/product.md § 8).
 */
function resumes({ view }: PageContext): boolean {
  const request = view.adminRequest;
  if (view.step !== "company" || request?.status !== "approved" || !view.draft) return false;
  if (view.scenario === "partner_for_customer") return false;
  const typed = parseEmail(view.draft.adminEmail);
  return typed.ok && typed.value.email === request.email;
}
