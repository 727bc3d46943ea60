import { describe, expect, it } from "vitest";
import { type ImportUpsert, importUpsert } from "../directory/directory.schemas.js";
import { type AssessmentStatus, assess } from "../matching/assessment.js";
import { type ParsedEmail, parseEmail } from "../matching/email.js";
import { type CompanyName, parseCompanyName, prefixesMatch } from "../matching/name-key.js";
import { createPublicProviderCheck } from "../matching/public-providers.js";
import { organizationSource } from "../vocabulary.js";
import { demoDirectory } from "./demo-directory.js";

const now = new Date("2025-06-15T10:00:00Z");
const records = demoDirectory(now);
const parsed: ImportUpsert[] = records.map((r) => importUpsert.parse(r));

type Org = Extract<ImportUpsert, { type: "organization" }>;
type User = Extract<ImportUpsert, { type: "user" }>;
type Sub = Extract<ImportUpsert, { type: "subscription" }>;
const orgs = parsed.filter((r): r is Org => r.type === "organization");
const users = parsed.filter((r): r is User => r.type === "user");
const subs = parsed.filter((r): r is Sub => r.type === "subscription");

const isPublic = createPublicProviderCheck();
const publicProviders = ["gmail.com", "libero.it", "outlook.com", "yahoo.it", "hotmail.com"];

function email(input: string): ParsedEmail {
  const result = parseEmail(input);
  if (!result.ok) throw new Error(`${input}: ${result.reason}`);
  return result.value;
}
function companyName(input: string): CompanyName {
  const result = parseCompanyName(input);
  if (!result.ok) throw new Error(`${input}: ${result.reason}`);
  return result.value;
}
const byExternalId = new Map(orgs.map((o) => [o.externalId, o]));
const org = (id: string): Org => byExternalId.get(`demo-org-${id}`)!;
const usersOf = (o: Org) => users.filter((u) => u.organizationExternalId === o.externalId);
const activeSubscriptionsOf = (o: Org) =>
  subs.filter((s) => s.organizationExternalId === o.externalId && s.status === "active").length;
const statusOf = (o: Org): AssessmentStatus =>
  assess(
    {
      activeSubscriptions: activeSubscriptionsOf(o),
      users: usersOf(o).length,
      createdAt: new Date(o.createdAt!),
    },
    now,
    { activeMinUsers: 2, abandonedAfterDays: 365, recentDays: 90 },
  ).status;

describe("demoDirectory", () => {
  it("is made of valid import records", () => {
    for (const record of records)
      expect(importUpsert.safeParse(record).success, JSON.stringify(record)).toBe(true);
  });

  it("is deterministic and dated relative to now", () => {
    expect(demoDirectory(new Date(now))).toEqual(records);
    const later = demoDirectory(new Date(now.getTime() + 86_400_000));
    expect(later).not.toEqual(records);
    expect(later).toHaveLength(records.length);
  });

  it("has at least 40 organizations of both kinds, every source and many countries", () => {
    expect(orgs.length).toBeGreaterThanOrEqual(40);
    expect(new Set(orgs.map((o) => o.kind))).toEqual(new Set(["customer", "partner"]));
    expect(new Set(orgs.map((o) => o.source))).toEqual(new Set(organizationSource.options));
    const countries = new Set(orgs.map((o) => o.country));
    for (const c of ["IT", "DE", "FR", "ES", "GB", "US", "CH", "AT", "NL"]) expect(countries).toContain(c);
    const ages = orgs.map((o) => (now.getTime() - Date.parse(o.createdAt!)) / 86_400_000);
    expect(Math.min(...ages)).toBeLessThanOrEqual(7);
    expect(Math.max(...ages)).toBeGreaterThanOrEqual(10 * 365);
  });

  it("has unique external ids and refers only to organizations defined earlier", () => {
    const seen = new Map<string, Org>();
    const subIds = new Set<string>();
    for (const record of parsed) {
      if (record.type === "organization") {
        expect(seen.has(record.externalId)).toBe(false);
        if (record.managingPartnerExternalId !== undefined) {
          expect(seen.get(record.managingPartnerExternalId)?.kind, record.externalId).toBe("partner");
        }
        seen.set(record.externalId, record);
      } else {
        expect(seen.has(record.organizationExternalId), JSON.stringify(record)).toBe(true);
        if (record.type === "subscription") {
          expect(subIds.has(record.externalId)).toBe(false);
          subIds.add(record.externalId);
        }
      }
    }
    expect(orgs.filter((o) => o.managingPartnerExternalId !== undefined).length).toBeGreaterThanOrEqual(5);
  });

  it("has valid, unique e-mails and valid company names", () => {
    const normalized = users.map((u) => email(u.email).email);
    expect(new Set(normalized).size).toBe(users.length);
    expect(new Set(users.map((u) => u.email.toLowerCase())).size).toBe(users.length);
    for (const o of orgs) expect(parseCompanyName(o.name).ok, o.name).toBe(true);
  });

  it("has users on public providers and on corporate domains", () => {
    const domains = users.map((u) => email(u.email).registrableDomain);
    const onPublic = domains.filter(isPublic);
    expect(onPublic.length).toBeGreaterThanOrEqual(10);
    expect(onPublic.length / users.length).toBeGreaterThanOrEqual(0.15);
    expect(new Set(onPublic)).toEqual(new Set(publicProviders));
    // the invented corporate domains must not happen to be on the public-provider list
    expect(domains.filter((d) => !publicProviders.includes(d)).filter(isPublic)).toEqual([]);
  });

  it("has a deleted organization, one without full_admin, and every subscription status", () => {
    expect(orgs.filter((o) => o.deletedAt !== undefined).map((o) => o.name)).toEqual(["Acme Servizi Srl"]);
    const withoutAdmin = orgs.filter((o) => !usersOf(o).some((u) => u.role === "full_admin"));
    expect(withoutAdmin.map((o) => o.name)).toEqual(["Hudson Valley Analytics Inc."]);
    expect(new Set(subs.map((s) => s.status))).toEqual(
      new Set(["active", "suspended", "expired", "cancelled"]),
    );
  });

  it("has Acme candidates sharing the acme prefix, with every assessment", () => {
    const acme = companyName("Acme").prefix;
    const candidates = orgs.filter(
      (o) =>
        o.kind === "customer" &&
        o.deletedAt === undefined &&
        usersOf(o).some((u) => email(u.email).registrableDomain === "acme.it") &&
        prefixesMatch(acme, companyName(o.name).prefix),
    );
    expect(candidates.map((o) => o.name).sort()).toEqual(
      ["Acme", "Acme Consulting", "ACME Italia Srl", "Acme S.p.A.", "Acme srl"].sort(),
    );
    expect(new Set(candidates.map(statusOf))).toEqual(
      new Set(["in_use", "possibly_abandoned", "recent", "unclear"]),
    );
  });
});

// A plain model of docs/matching.md § 2 (rules A, A', B, C), to check the inputs documented in demo-directory.ts.
type Outcome = "existing_admin" | "existing_member" | "candidates" | "no_match" | "ADMIN_EMAIL_WRONG_KIND";
function match(kind: "customer" | "partner", name: string, input: string) {
  const address = email(input);
  const prefix = companyName(name).prefix;
  const live = orgs.filter((o) => o.deletedAt === undefined);
  const user = users.find((u) => email(u.email).email === address.email);
  if (user) {
    const owner = byExternalId.get(user.organizationExternalId)!;
    const outcome: Outcome =
      owner.kind !== kind
        ? "ADMIN_EMAIL_WRONG_KIND"
        : user.role === "full_admin"
          ? "existing_admin"
          : "existing_member";
    return { outcome, b: [owner.name], c: [] as string[] };
  }
  const onDomain = live.filter(
    (o) =>
      o.kind === kind &&
      usersOf(o).some((u) => email(u.email).registrableDomain === address.registrableDomain),
  );
  const b = onDomain.filter((o) => prefixesMatch(prefix, companyName(o.name).prefix));
  const c = isPublic(address.registrableDomain) ? [] : onDomain.filter((o) => !b.includes(o));
  const outcome: Outcome = b.length + c.length > 0 ? "candidates" : "no_match";
  return { outcome, b: b.map((o) => o.name).sort(), c: c.map((o) => o.name).sort(), bOrgs: b };
}

describe("the demo inputs of demo-directory.ts", () => {
  it.each([
    ["customer", "Acme S.p.A.", "mario.rossi@acme.it", "existing_admin", ["Acme S.p.A."], []],
    ["customer", "Acme S.p.A.", "Giulia.Bianchi@acme.it", "existing_member", ["Acme S.p.A."], []],
    [
      "customer",
      "Hudson Valley",
      "j.carter@hudsonvalleyanalytics.com",
      "existing_member",
      ["Hudson Valley Analytics Inc."],
      [],
    ],
    [
      "customer",
      "Acme",
      "nuovo.admin@acme.it",
      "candidates",
      ["Acme", "Acme Consulting", "ACME Italia Srl", "Acme S.p.A.", "Acme srl"],
      ["Fondazione Acme"],
    ],
    [
      "customer",
      "Acme Consulting",
      "nuovo.admin@acme.it",
      "candidates",
      ["Acme", "Acme Consulting", "Acme S.p.A.", "Acme srl"],
      ["ACME Italia Srl", "Fondazione Acme"],
    ],
    [
      "customer",
      "Pizzeria Da Mario",
      "nuovo.titolare@gmail.com",
      "candidates",
      ["Pizzeria Bella Napoli", "Pizzeria Da Mario", "Pizzeria Da Mario", "Pizzeria Il Vesuvio"],
      [],
    ],
    [
      "customer",
      "Alpen Fracht GmbH",
      "neu@brennerlogistik.de",
      "candidates",
      [],
      ["BL Spedition Süd GmbH", "Brenner Logistik GmbH"],
    ],
    [
      "customer",
      "Brenner Transport",
      "neu@brennerlogistik.de",
      "candidates",
      ["Brenner Logistik GmbH"],
      ["BL Spedition Süd GmbH"],
    ],
    ["customer", "Muller GmbH", "neu@mueller-gmbh.de", "candidates", ["Müller GmbH"], []],
    ["customer", "Mueller GmbH", "neu@mueller-gmbh.de", "candidates", [], ["Müller GmbH"]],
    ["customer", "Strasse Bau", "neu@strassebau.de", "candidates", ["Straße Bau GmbH & Co. KG"], []],
    ["customer", "Odegaard Energi", "ny@odegaard-energi.no", "candidates", ["Ødegaard Energi AS"], []],
    [
      "customer",
      "Societe Lumiere",
      "nouveau@lumiere-eclairage.fr",
      "candidates",
      ["Société Lumière SARL"],
      [],
    ],
    ["customer", "Green Leaf Ltd", "new@greenleaf.co.uk", "candidates", ["The Green Leaf Company Ltd"], []],
    ["customer", "Ромашка", "new@romashka-trade.bg", "candidates", ["Ромашка Трейд"], []],
    [
      "customer",
      "Bäckerei Schäfer",
      "neu@xn--bckerei-schfer-5hbk.at",
      "candidates",
      ["Bäckerei Schäfer"],
      [],
    ],
    [
      "customer",
      "Rossi Costruzioni",
      "luca.ferri@techpartners.it",
      "ADMIN_EMAIL_WRONG_KIND",
      ["TechPartners Italia Srl"],
      [],
    ],
    ["customer", "Zefiro Robotics Srl", "anna.conti@zefirorobotics.it", "no_match", [], []],
    ["customer", "Gelateria Aurora", "gelateria.aurora@gmail.com", "no_match", [], []],
    [
      "partner",
      "Nordic Cloud Partners AB",
      "erik.lindqvist@nordiccloud.se",
      "existing_admin",
      ["Nordic Cloud Partners AB"],
      [],
    ],
    [
      "partner",
      "Nordic Cloud Partners AB",
      "karin.berg@nordiccloud.se",
      "existing_member",
      ["Nordic Cloud Partners AB"],
      [],
    ],
    [
      "partner",
      "Nordic Cloud",
      "ny.kollega@nordiccloud.se",
      "candidates",
      ["Nordic Cloud Partners", "Nordic Cloud Partners AB"],
      [],
    ],
    ["partner", "Acme Digital", "nuovo.admin@acme.it", "candidates", ["Acme Digital Partner Srl"], []],
    ["partner", "Nordic Cloud", "mario.rossi@acme.it", "ADMIN_EMAIL_WRONG_KIND", ["Acme S.p.A."], []],
    ["partner", "Zefiro Partners", "anna.conti@zefirorobotics.it", "no_match", [], []],
  ] as const)("%s: %s + %s → %s", (kind, name, input, outcome, b, c) => {
    const result = match(kind, name, input);
    expect(result.outcome).toBe(outcome);
    expect(result.b).toEqual([...b].sort());
    expect(result.c).toEqual([...c].sort());
  });

  it("shows every assessment for the public-provider and the partner candidates", () => {
    expect(new Set(match("customer", "Pizzeria Da Mario", "x@gmail.com").bOrgs?.map(statusOf))).toEqual(
      new Set(["in_use", "possibly_abandoned", "recent", "unclear"]),
    );
    expect(new Set(match("partner", "Nordic Cloud", "x@nordiccloud.se").bOrgs?.map(statusOf))).toEqual(
      new Set(["in_use", "possibly_abandoned"]),
    );
  });

  it("keeps the deleted Acme organization out of every match", () => {
    expect(org("acme-servizi").deletedAt).toBeDefined();
    expect(match("customer", "Acme Servizi", "nuovo.admin@acme.it").b).not.toContain("Acme Servizi Srl");
  });
});
