import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { Deps } from "../deps.js";
import { AppError, isAppError } from "../errors/app-error.js";
import type { Candidate, MatchResult } from "../matching/candidate.js";
import { formatDate, formatDateTime, formatServices } from "../render/format.js";
import { type Html, html } from "../render/html.js";
import { pickLocale } from "../render/words.js";
import type { Locale } from "../vocabulary.js";
import { facts, field, form, notice, stepList } from "../web/components.js";
import { renderPage } from "../web/layout.js";
import { csrfToken, errorCodeOf, pageScope, redirectAfterPost, sendPage } from "../web/pages.js";
import { type Messages, messages, pageErrorMessage } from "../web/texts/index.js";
import { candidateCard } from "./candidate-card.js";
import { chooseSetupBy } from "./choose-setup-by.js";
import { completeSetup } from "./complete-setup.js";
import { setupState } from "./get-setup.js";
import { matchSetup } from "./match-setup.js";
import { organizationCreatedBy } from "./setup.repository.js";
import { completeInput, matchInput, type SetupState, setupByInput } from "./setup.schemas.js";
import { openSetupLink, requireLiveLink, type SetupLink } from "./setup-link.js";

type Params = { token: string };
type Query = { lang?: string; organization?: string; new?: string; done?: string };
type Form = Record<string, string | undefined>;

/** The page a link opens: its state, the language to speak, and how to build its addresses. */
type Context = {
  link: SetupLink;
  state: SetupState;
  locale: Locale;
  t: Messages;
  /** An address of this wizard, keeping a language chosen by hand. */
  url: (path?: string, query?: Record<string, string>) => string;
  languages: Record<Locale, string>;
};

/**
 * The setup wizard at /setup/{token} (product.md § Interfaces): server-rendered pages, no script;
 * every form posts, then redirects to the page of the result. The same use-cases as the JSON API.
 */
export async function setupPages(app: FastifyInstance, deps: Deps): Promise<void> {
  await pageScope(app, deps.config);

  async function load(
    request: FastifyRequest<{ Params: Params; Querystring: Query }>,
    path = "",
  ): Promise<Context> {
    const link = await openSetupLink(deps.db, request.params.token);
    requireLiveLink(link, deps.clock.now(), "view");
    const state = await setupState(deps.db, link);
    const chosen =
      request.query.lang === "it" || request.query.lang === "en" ? request.query.lang : undefined;
    const locale = pickLocale(chosen, link.order.locale);
    const base = `/setup/${encodeURIComponent(request.params.token)}`;
    const url = (p = "", query: Record<string, string> = {}) => {
      const q = new URLSearchParams({ ...query, ...(chosen ? { lang: chosen } : {}) }).toString();
      return `${base}${p}${q ? `?${q}` : ""}`;
    };
    const here = (l: Locale) =>
      `${base}${path}?${new URLSearchParams({ ...pick(request.query, ["organization", "new"]), lang: l })}`;
    return { link, state, locale, t: messages(locale), url, languages: { it: here("it"), en: here("en") } };
  }

  const page = (
    reply: FastifyReply,
    c: Context,
    title: string,
    step: number,
    main: Html,
    status = 200,
    wide = false,
  ) =>
    sendPage(
      reply,
      renderPage({
        title,
        locale: c.locale,
        narrow: !wide,
        languages: c.languages,
        main: html`${stepList(c.t.stepsLabel, stepNames(c), step)}${main}`,
      }),
      status,
    );

  // ---- order summary (and the pages of a setup that is waiting or done)

  app.get<{ Params: Params; Querystring: Query }>("/setup/:token", async (request, reply) => {
    const c = await load(request);
    if (c.state.step === "done") return donePage(reply, c);
    if (c.state.step === "awaiting_admin_approval") return waitingPage(reply, c);
    const { t, state } = c;
    const next = state.step === "choose_setup_by" ? c.url("/who") : c.url("/company");
    const main = html`<h1>${t.order.title}</h1>
${requestBanner(c)}
<p class="lead">${t.order.lead}</p>
<section class="panel" aria-labelledby="order-heading">
<h2 id="order-heading">${t.order.number} ${state.order.orderNumber}</h2>
${orderFacts(c)}
</section>
<section class="panel"><h2>${t.order.howItWorks}</h2><ol>${t.order.how.map((s) => html`<li>${s}</li>`)}</ol></section>
<p class="actions"><a class="button" href="${next}">${t.order.continue}</a></p>`;
    return page(reply, c, t.order.title, 0, main);
  });

  // ---- who sets up

  app.get<{ Params: Params; Querystring: Query }>("/setup/:token/who", async (request, reply) => {
    const c = await load(request, "/who");
    if (c.state.step !== "choose_setup_by") return reply.redirect(c.url());
    return whoPage(reply, c, {});
  });

  app.post<{ Params: Params; Querystring: Query; Body: Form }>(
    "/setup/:token/who",
    async (request, reply) => {
      const c = await load(request, "/who");
      const body = request.body ?? {};
      const input = setupByInput.safeParse(
        body.setupBy === "customer"
          ? {
              setupBy: "customer",
              customerContact: { email: body.customerEmail ?? "", ...optional("name", body.customerName) },
            }
          : { setupBy: body.setupBy },
      );
      if (!input.success) return whoPage(reply, c, { setupBy: c.t.errors.formHasErrors }, body, 400);
      try {
        const { scenario } = await chooseSetupBy(deps, request.params.token, input.data);
        if (scenario === "partner_for_customer") return redirectAfterPost(reply, c.url("/company"));
        const main = html`<h1>${c.t.who.title}</h1>${notice("ok", c.t.done.handedOver, "status")}`;
        return page(reply, c, c.t.who.title, 1, main);
      } catch (error) {
        if (isAppError(error) && error.code === "INVALID_EMAIL") {
          return whoPage(reply, c, { customerEmail: pageErrorMessage(c.locale, error) }, body, 400);
        }
        throw error;
      }
    },
  );

  function whoPage(reply: FastifyReply, c: Context, errors: Form, values: Form = {}, status = 200) {
    const { t } = c;
    const customer = values.setupBy === "customer";
    const main = html`<h1>${t.who.title}</h1>
${Object.keys(errors).length > 0 && notice("bad", t.errors.formHasErrors, "alert")}
<p class="lead">${t.who.lead(c.state.order.orderedBy.partnerName ?? "")}</p>
${form(
  { action: c.url("/who"), csrf: csrfToken(reply) },
  html`<fieldset>
<legend>${t.who.title}</legend>
<div class="choice"><input type="radio" id="setup-by-partner" name="setupBy" value="partner"${customer ? "" : html` checked`}>
<label for="setup-by-partner"><strong>${t.who.partner}</strong><br><span class="muted small">${t.who.partnerHint}</span></label></div>
<div class="choice"><input type="radio" id="setup-by-customer" name="setupBy" value="customer"${customer ? html` checked` : ""}>
<label for="setup-by-customer"><strong>${t.who.customer}</strong><br><span class="muted small">${t.who.customerHint}</span></label></div>
</fieldset>`,
  field({
    name: "customerEmail",
    label: t.who.customerEmail,
    type: "email",
    value: values.customerEmail,
    error: errors.customerEmail,
    autocomplete: "email",
    maxlength: 254,
    autofocus: errors.customerEmail !== undefined,
  }),
  field({
    name: "customerName",
    label: t.who.customerName,
    value: values.customerName,
    maxlength: 200,
    autocomplete: "name",
  }),
  html`<p class="actions"><button type="submit">${t.who.submit}</button></p>`,
)}`;
    return page(reply, c, t.who.title, 1, main, status);
  }

  // ---- company and administrator

  app.get<{ Params: Params; Querystring: Query }>("/setup/:token/company", async (request, reply) => {
    const c = await load(request, "/company");
    if (c.state.step !== "company") return reply.redirect(c.url());
    const draft = c.state.draft;
    return companyPage(reply, c, {}, draft ? { ...draft } : {});
  });

  app.post<{ Params: Params; Querystring: Query; Body: Form }>(
    "/setup/:token/company",
    async (request, reply) => {
      const c = await load(request, "/company");
      const body = request.body ?? {};
      const input = matchInput.safeParse({
        companyName: body.companyName ?? "",
        adminEmail: body.adminEmail ?? "",
        ...optional("adminName", body.adminName),
        ...optional("country", body.country),
      });
      if (!input.success) {
        const errors: Form = {};
        for (const issue of input.error.issues) errors[String(issue.path[0])] = c.t.errors.formHasErrors;
        return companyPage(reply, c, errors, body, 400);
      }
      try {
        await matchSetup(deps, request.params.token, input.data);
        return redirectAfterPost(reply, c.url("/results"));
      } catch (error) {
        const fieldOf: Partial<Record<string, string>> = {
          INVALID_EMAIL: "adminEmail",
          ADMIN_EMAIL_WRONG_KIND: "adminEmail",
          INVALID_COMPANY_NAME: "companyName",
        };
        if (!isAppError(error) || !(error.code in fieldOf || error.code === "RATE_LIMITED")) throw error;
        const message = pageErrorMessage(c.locale, error);
        const name = fieldOf[error.code];
        return companyPage(
          reply,
          c,
          name ? { [name]: message } : { form: message },
          body,
          error.code === "RATE_LIMITED" ? 429 : 400,
        );
      }
    },
  );

  function companyPage(reply: FastifyReply, c: Context, errors: Form, values: Form, status = 200) {
    const { t } = c;
    const firstError = ["companyName", "adminEmail", "adminName", "country"].find((n) => errors[n]);
    const main = html`<h1>${t.company.title}</h1>
${requestBanner(c)}
${errors.form ? notice("bad", errors.form, "alert") : firstError && notice("bad", t.errors.formHasErrors, "alert")}
<p class="lead">${t.company.lead}</p>
${form(
  { action: c.url("/company"), csrf: csrfToken(reply) },
  field({
    name: "companyName",
    label: t.company.companyName,
    hint: t.company.companyHint,
    value: values.companyName,
    error: errors.companyName,
    required: true,
    maxlength: 200,
    autocomplete: "organization",
    autofocus: firstError === undefined || firstError === "companyName",
  }),
  field({
    name: "adminEmail",
    label: t.company.adminEmail,
    hint: t.company.adminEmailHint,
    type: "email",
    value: values.adminEmail,
    error: errors.adminEmail,
    required: true,
    maxlength: 254,
    autocomplete: "email",
    autofocus: firstError === "adminEmail",
  }),
  field({
    name: "adminName",
    label: t.company.adminName,
    value: values.adminName,
    maxlength: 200,
    autocomplete: "name",
  }),
  field({
    name: "country",
    label: t.company.country,
    hint: t.company.countryHint,
    value: values.country,
    error: errors.country,
    maxlength: 2,
    autocomplete: "country",
  }),
  html`<p class="actions"><button type="submit">${t.company.submit}</button></p>`,
)}`;
    return page(reply, c, t.company.title, companyStep(c), main, status);
  }

  // ---- results

  app.get<{ Params: Params; Querystring: Query }>("/setup/:token/results", async (request, reply) => {
    const c = await load(request, "/results");
    const result = c.link.invitation.last_match;
    if (c.state.step !== "company" || !result || !c.state.draft)
      return reply.redirect(c.url(c.state.step === "company" ? "/company" : ""));
    const { t } = c;
    const draft = c.state.draft;
    const card = (candidate: Candidate, label: string) =>
      candidateCard(candidate, {
        locale: c.locale,
        registrableDomain: result.input.registrableDomain,
        now: deps.clock.now(),
        action: html`<p class="actions"><a class="button" href="${c.url("/confirm", { organization: candidate.id })}">${label}</a></p>`,
      });
    const createNew = html`<p class="actions"><a class="button ${result.outcome === "no_match" ? "" : "secondary"}" href="${c.url("/confirm", { new: "1" })}">${t.results.createNew(draft.companyName)}</a></p>`;
    const body =
      result.outcome === "existing_admin" || result.outcome === "existing_member"
        ? html`${notice(
            "info",
            html`<p><strong>${result.outcome === "existing_admin" ? t.results.existingAdmin(result.organization!.name) : t.results.existingMember(result.organization!.name)}</strong></p>
<p>${result.outcome === "existing_admin" ? t.results.existingAdminHint : t.results.existingMemberHint}</p>`,
          )}
<div class="cards">${card(result.organization!, t.results.chooseExisting)}</div>
<p class="actions"><a class="button secondary" href="${c.url("/company")}">${t.results.otherEmail}</a></p>`
        : result.outcome === "no_match"
          ? html`${notice("info", html`<p><strong>${t.results.noMatch}</strong></p><p>${t.results.noMatchHint}</p>`)}${createNew}`
          : html`${
              result.candidates.length > 0 &&
              html`<h2>${t.results.candidates(result.candidates.length)}</h2>
<p class="muted">${t.results.candidatesHint}</p>
${result.input.publicProvider && notice("warn", t.results.publicDomain(result.input.registrableDomain))}
<div class="cards">${result.candidates.map((x) => card(x, t.results.choose))}</div>`
            }
${
  result.sameDomain.length > 0 &&
  html`<h2>${t.results.sameDomain}</h2><p class="muted">${t.results.sameDomainHint}</p>
<div class="cards">${result.sameDomain.map((x) => card(x, t.results.choose))}</div>`
}
<h2>${t.results.noneOfThese}</h2>${createNew}`;
    const main = html`<h1>${t.results.title}</h1>
<p>${t.results.searchedFor(draft.companyName, draft.adminEmail)} <a href="${c.url("/company")}">${t.results.changeSearch}</a></p>
${body}`;
    return page(reply, c, t.results.title, companyStep(c) + 1, main, 200, true);
  });

  // ---- confirmation

  app.get<{ Params: Params; Querystring: Query }>("/setup/:token/confirm", async (request, reply) => {
    const c = await load(request, "/confirm");
    if (c.state.step !== "company" || !c.link.invitation.last_match) return reply.redirect(c.url());
    return confirmPage(reply, c, request.query);
  });

  app.post<{ Params: Params; Querystring: Query; Body: Form }>(
    "/setup/:token/confirm",
    async (request, reply) => {
      const c = await load(request, "/confirm");
      const body = request.body ?? {};
      const draft = c.state.draft;
      if (!draft) return redirectAfterPost(reply, c.url("/company"));
      const input = completeInput.safeParse({
        ...draft,
        decision:
          body.decision === "new"
            ? { type: "new" }
            : { type: "existing", organizationId: body.organizationId ?? "" },
      });
      if (!input.success) throw new AppError("VALIDATION_FAILED", { context: { about: "choice" } });
      try {
        await completeSetup(deps, request.params.token, input.data);
        return redirectAfterPost(reply, c.url());
      } catch (error) {
        if (!isAppError(error)) throw error;
        // Done meanwhile (another tab, another person): show what was done.
        if (error.code === "ALREADY_PROVISIONED" || error.code === "ADMIN_REQUEST_PENDING") {
          return redirectAfterPost(reply, c.url());
        }
        const query = body.decision === "new" ? { new: "1" } : { organization: body.organizationId ?? "" };
        // The administrator e-mail cannot be used: back to the form, with the reason at the field.
        if (["ADMIN_EMAIL_IN_OTHER_ORG", "ADMIN_EMAIL_WRONG_KIND", "INVALID_EMAIL"].includes(error.code)) {
          return companyPage(reply, c, { adminEmail: pageErrorMessage(c.locale, error) }, { ...draft }, 409);
        }
        return confirmPage(
          reply,
          c,
          query,
          pageErrorMessage(c.locale, { code: errorCodeOf(error), context: error.context }),
          409,
        );
      }
    },
  );

  function confirmPage(reply: FastifyReply, c: Context, query: Query, error?: string, status = 200) {
    const { t } = c;
    const result = c.link.invitation.last_match!;
    const draft = c.state.draft!;
    const chosen = query.new ? undefined : findCandidate(result, query.organization);
    if (!query.new && !chosen) return reply.redirect(c.url("/results"));
    const isAdmin =
      chosen !== undefined && result.outcome === "existing_admin" && result.organization?.id === chosen.id;
    const partnerGoesOn = c.state.scenario === "partner_for_customer";
    const explanation = chosen
      ? isAdmin
        ? html`<p><strong>${t.confirm.mapExisting(chosen.name)}</strong></p><p>${t.confirm.mapExistingHint}</p>`
        : html`<p><strong>${t.confirm.askApproval(chosen.name, draft.adminEmail)}</strong></p>
<p>${partnerGoesOn ? t.confirm.askApprovalPartner(chosen.name) : t.confirm.askApprovalStop(chosen.name)}</p>
${chosen.fullAdmins.length === 0 && html`<p>${t.confirm.askApprovalOperators}</p>`}`
      : html`<p><strong>${t.confirm.createNew(draft.companyName, draft.adminEmail)}</strong></p><p>${t.confirm.createNewHint}</p>`;
    const main = html`<h1>${t.confirm.title}</h1>
${error && notice("bad", error, "alert")}
${chosen && html`<div class="cards">${candidateCard(chosen, { locale: c.locale, registrableDomain: result.input.registrableDomain, now: deps.clock.now(), headingLevel: 2 })}</div>`}
${notice(chosen && !isAdmin ? "warn" : "info", explanation)}
${form(
  { action: c.url("/confirm"), csrf: csrfToken(reply) },
  html`<input type="hidden" name="decision" value="${chosen ? "existing" : "new"}">`,
  chosen && html`<input type="hidden" name="organizationId" value="${chosen.id}">`,
  html`<p class="actions"><button type="submit">${t.confirm.submit}</button> <a class="button secondary" href="${c.url("/results")}">${t.confirm.back}</a></p>`,
)}`;
    return page(reply, c, t.confirm.title, companyStep(c) + 2, main, status);
  }

  // ---- waiting and done

  async function donePage(reply: FastifyReply, c: Context) {
    const { t, state } = c;
    const organization = state.organization!;
    const request = state.adminRequest;
    const pending = request?.status === "pending" && request.organization.id === organization.id;
    const created = await organizationCreatedBy(deps.db, c.link.order.id, organization.id);
    const adminEmail = state.draft?.adminEmail ?? "";
    const main = html`<h1>${t.done.titleMapped}</h1>
${notice(
  "ok",
  html`<p><strong>${t.done.mapped(organization.name)}</strong></p>
<p>${created ? t.done.created(organization.name, adminEmail) : t.done.existingTold}</p>`,
  "status",
)}
${pending && notice("warn", t.done.pendingAdmin(request.email, organization.name))}
<section class="panel"><h2>${t.order.number} ${state.order.orderNumber}</h2>${orderFacts(c, false)}</section>`;
    return page(reply, c, t.done.titleMapped, stepNames(c).length - 1, main);
  }

  function waitingPage(reply: FastifyReply, c: Context) {
    const { t, state } = c;
    const request = state.adminRequest!;
    const org = request.organization.name;
    const main = html`<h1>${t.done.titleWaiting(org)}</h1>
${notice(
  "warn",
  html`<p><strong>${t.done.waiting(request.email, org)}</strong></p>
${request.routedTo === "operators" && html`<p>${t.done.waitingOperators(org)}</p>`}
<p>${t.done.waitingNext}</p>`,
  "status",
)}
<section class="panel">${facts([[t.done.requestExpires, formatDateTime(new Date(request.expiresAt), c.locale)]])}</section>
<section class="panel"><h2>${t.order.number} ${state.order.orderNumber}</h2>${orderFacts(c, false)}</section>`;
    return page(reply, c, t.done.titleWaiting(org), stepNames(c).length - 1, main);
  }
}

/** A decided request is news for the contact: approved (go on), rejected or expired (choose again). */
function requestBanner(c: Context): Html | undefined {
  const request = c.state.adminRequest;
  if (!request || c.state.step !== "company") return undefined;
  const org = request.organization.name;
  if (request.status === "approved") return notice("ok", c.t.done.approved(org), "status");
  if (request.status === "rejected") {
    return notice(
      "warn",
      html`<p>${c.t.done.rejected(org)}</p>${request.reason && html`<p>${c.t.done.reason}: “${request.reason}”</p>`}`,
      "status",
    );
  }
  if (request.status === "expired") return notice("warn", c.t.done.expiredRequest(org), "status");
  return undefined;
}

function orderFacts(c: Context, withExpiry = true): Html {
  const { t, state } = c;
  return facts([
    [t.order.services, formatServices(state.order.services)],
    [t.order.orderedBy, state.order.orderedBy.partnerName ?? t.order.customer],
    ...(state.order.requestedStartDate
      ? [[t.order.startDate, formatDate(state.order.requestedStartDate, c.locale)] as const]
      : []),
    [t.order.contact, state.order.contact.email],
    ...(withExpiry && state.expiresAt
      ? [[t.order.expires, formatDateTime(new Date(state.expiresAt), c.locale)] as const]
      : []),
  ]);
}

/** The steps shown: "who sets up" only for a partner's order for a customer. */
function stepNames(c: Context): string[] {
  const s = c.t.steps;
  const asksWho =
    c.link.order.ordered_by === "partner" &&
    c.link.order.intended_use === "customer" &&
    c.link.invitation.kind === "setup";
  return [s.order, ...(asksWho ? [s.who] : []), s.company, s.results, s.confirm, s.done];
}

function companyStep(c: Context): number {
  return stepNames(c).indexOf(c.t.steps.company);
}

function findCandidate(result: MatchResult, id: string | undefined): Candidate | undefined {
  if (!id) return undefined;
  return [
    ...(result.organization ? [result.organization] : []),
    ...result.candidates,
    ...result.sameDomain,
  ].find((x) => x.id === id);
}

function optional(key: string, value: string | undefined): Record<string, string> {
  return value?.trim() ? { [key]: value.trim() } : {};
}

function pick(query: Query, keys: (keyof Query)[]): Record<string, string> {
  return Object.fromEntries(keys.flatMap((k) => (query[k] ? [[k, String(query[k])]] : [])));
}
