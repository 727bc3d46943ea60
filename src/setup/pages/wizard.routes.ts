import type { FastifyInstance, FastifyRequest } from "fastify";
import type { Deps } from "../../deps.js";
import { AppError, isAppError, retryAfterOf } from "../../errors/app-error.js";
import { csrfToken, errorCodeOf, pageScope, redirectAfterPost } from "../../web/pages.js";
import { pageErrorMessage } from "../../web/texts/index.js";
import { chooseSetupBy } from "../choose-setup-by.js";
import { completeSetup } from "../complete-setup.js";
import { getWizardView } from "../get-wizard-view.js";
import { matchSetup } from "../match-setup.js";
import { companyPage } from "./company.page.js";
import { choiceOf, confirmPage } from "./confirm.page.js";
import { type PageContext, pageContext, sendWizardPage, type WizardQuery } from "./context.js";
import { type Form, fieldOf, parseCompanyForm, parseConfirmForm, parseWhoForm } from "./forms.js";
import { orderPage } from "./order.page.js";
import { donePage, waitingPage } from "./outcome.page.js";
import { resultsPage } from "./results.page.js";
import { handedOverPage, whoPage } from "./who.page.js";

type Request = FastifyRequest<{ Params: { token: string }; Querystring: WizardQuery; Body?: Form }>;

/**
 * The setup wizard at /setup/{token} (docs/product.md § Interfaces): server-rendered pages, no script;
 * every form posts, then redirects to the page of the result. The same use-cases as the JSON API.
 */
export async function setupPages(app: FastifyInstance, deps: Deps): Promise<void> {
  await pageScope(app, deps.config, { name: "setup", path: "/setup" });
  const open = async (request: Request, path = ""): Promise<PageContext> =>
    pageContext(await getWizardView(deps, request.params.token), request.params.token, path, request.query);

  app.get("/setup/:token", async (request: Request, reply) => {
    const c = await open(request);
    if (c.view.step === "done") return sendWizardPage(reply, c, donePage(c));
    if (c.view.step === "awaiting_admin_approval") return sendWizardPage(reply, c, waitingPage(c));
    return sendWizardPage(reply, c, orderPage(c));
  });

  app.get("/setup/:token/who", async (request: Request, reply) => {
    const c = await open(request, "/who");
    if (c.view.step !== "choose_setup_by") return reply.redirect(c.url());
    return sendWizardPage(reply, c, whoPage(c, csrfToken(reply)));
  });

  app.post("/setup/:token/who", async (request: Request, reply) => {
    const c = await open(request, "/who");
    const body = request.body ?? {};
    const input = parseWhoForm(body);
    const again = (errors: Form) => sendWizardPage(reply, c, whoPage(c, csrfToken(reply), errors, body), 400);
    if (!input) return again({ setupBy: c.t.errors.formHasErrors });
    try {
      const { scenario } = await chooseSetupBy(deps, request.params.token, input);
      if (scenario === "partner_for_customer") return redirectAfterPost(reply, c.url("/company"));
      return sendWizardPage(reply, c, handedOverPage(c));
    } catch (error) {
      const field = fieldOf(error);
      if (!field) throw error;
      return again({ [field]: pageErrorMessage(c.locale, error as AppError) });
    }
  });

  app.get("/setup/:token/company", async (request: Request, reply) => {
    const c = await open(request, "/company");
    if (c.view.step !== "company") return reply.redirect(c.url());
    return sendWizardPage(reply, c, companyPage(c, csrfToken(reply), {}, { ...c.view.draft }));
  });

  app.post("/setup/:token/company", async (request: Request, reply) => {
    const c = await open(request, "/company");
    const body = request.body ?? {};
    const again = (errors: Form, status: number) =>
      sendWizardPage(reply, c, companyPage(c, csrfToken(reply), errors, body), status);
    const parsed = parseCompanyForm(body);
    if (!parsed.ok) {
      return again(Object.fromEntries(parsed.fields.map((f) => [f, c.t.errors.formHasErrors])), 400);
    }
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
      return again(field ? { [field]: message } : { form: message }, limited ? 429 : 400);
    }
  });

  app.get("/setup/:token/results", async (request: Request, reply) => {
    const c = await open(request, "/results");
    const { step, lastMatch, draft } = c.view;
    if (step !== "company" || !lastMatch || !draft)
      return reply.redirect(c.url(step === "company" ? "/company" : ""));
    return sendWizardPage(reply, c, resultsPage(c, lastMatch, draft, deps.clock.now()));
  });

  app.get("/setup/:token/confirm", async (request: Request, reply) => {
    const c = await open(request, "/confirm");
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
      const message = pageErrorMessage(c.locale, { code: errorCodeOf(error), context: error.context });
      // The administrator e-mail (or the company) cannot be used: back to the form, with the reason at the field.
      const field = fieldOf(error);
      if (field)
        return sendWizardPage(
          reply,
          c,
          companyPage(c, csrfToken(reply), { [field]: message }, { ...draft }),
          409,
        );
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
}
