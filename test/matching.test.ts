import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixedClock } from "../src/clock.js";
import { loadConfig } from "../src/config.js";
import type { Db } from "../src/db/database.js";
import { loadDemoDirectory } from "../src/demo/load-demo.js";
import { type MatchInput, matchOrganizations } from "../src/directory/match-organizations.js";
import { AppError } from "../src/errors/app-error.js";
import type { MatchResult } from "../src/matching/candidate.js";
import { createPublicProviderCheck } from "../src/matching/public-providers.js";
import { openTestDatabase, testEngines } from "./support/test-app.js";

const now = new Date("2026-11-24T09:00:00Z");

describe.each(testEngines())("matching the demo directory on %s", (engine) => {
  let db: Db & { drop(): Promise<void> };
  beforeAll(async () => {
    db = await openTestDatabase(engine);
    await loadDemoDirectory(db, { now });
  });
  afterAll(() => db.drop());

  const match = (
    companyName: string,
    adminEmail: string,
    kind: MatchInput["kind"] = "customer",
    env: Record<string, string> = {},
  ) => {
    const config = loadConfig(env);
    return matchOrganizations(
      {
        db: db.kysely,
        clock: fixedClock(now),
        config,
        isPublicProvider: createPublicProviderCheck(config.publicEmailDomains),
      },
      { companyName, adminEmail, kind },
    );
  };
  const names = (candidates: MatchResult["candidates"]) => candidates.map((c) => c.name);
  const rejection = async (promise: Promise<unknown>) => {
    const error = await promise.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(AppError);
    return error as AppError;
  };

  it("A: the e-mail of a full administrator maps to that organization alone", async () => {
    const result = await match("Anything At All", " Mario.Rossi@ACME.it ");
    expect(result.outcome).toBe("existing_admin");
    expect(result.candidates).toEqual([]);
    expect(result.sameDomain).toEqual([]);
    expect(result.organization).toMatchObject({
      name: "Acme S.p.A.",
      kind: "customer",
      evidence: { namePrefix: false, publicDomain: false, exactName: false },
      assessment: { status: "in_use" },
    });
    expect(result.organization!.fullAdmins).toContainEqual({ name: "Mario Rossi", email: "m***@acme.it" });
    expect(result.input).toEqual({
      nameKey: "anythingatall",
      prefix: "anyth",
      registrableDomain: "acme.it",
      publicProvider: false,
    });
  });

  it("A': the e-mail of a plain user maps to that organization alone", async () => {
    const result = await match("Acme S.p.A.", "giulia.bianchi@acme.it");
    expect(result.outcome).toBe("existing_member");
    expect(result.organization).toMatchObject({
      name: "Acme S.p.A.",
      evidence: { namePrefix: true, exactName: true },
    });
  });

  it("A' also for an organization without full administrators", async () => {
    const result = await match("Hudson Valley", "j.carter@hudsonvalleyanalytics.com");
    expect(result.outcome).toBe("existing_member");
    expect(result.organization!.fullAdmins).toEqual([]);
  });

  it("A and A' of the other kind fail with ADMIN_EMAIL_WRONG_KIND", async () => {
    const partnerAsCustomer = await rejection(match("Rossi Costruzioni", "luca.ferri@techpartners.it"));
    expect(partnerAsCustomer.code).toBe("ADMIN_EMAIL_WRONG_KIND");
    const customerAsPartner = await rejection(match("Nordic Cloud", "mario.rossi@acme.it", "partner"));
    expect(customerAsPartner.code).toBe("ADMIN_EMAIL_WRONG_KIND");
  });

  it("B and C: same prefix and domain, ranked; same domain under another name apart", async () => {
    const result = await match("Acme", "nuovo.admin@acme.it");
    expect(result.outcome).toBe("candidates");
    expect(result.input).toEqual({
      nameKey: "acme",
      prefix: "acme",
      registrableDomain: "acme.it",
      publicProvider: false,
    });
    // Exact key first, then users on the domain, active subscriptions, users, age.
    const b = result.candidates;
    expect(b[0]!.evidence.exactName).toBe(true);
    for (let i = 1; i < b.length; i++) {
      const [x, y] = [b[i - 1]!, b[i]!];
      const key = (c: typeof x) => [
        Number(c.evidence.exactName),
        c.evidence.domainUsers,
        c.activeSubscriptions,
        c.users,
        -Date.parse(c.createdAt),
      ];
      const [kx, ky] = [key(x), key(y)];
      const first = kx.findIndex((v, j) => v !== ky[j]);
      expect(first === -1 || kx[first]! > ky[first]!, `${x.name} before ${y.name}`).toBe(true);
    }
    expect(names(b)).toEqual(expect.arrayContaining(["Acme S.p.A.", "ACME Italia Srl", "Acme Consulting"]));
    expect(new Set(b.map((c) => c.assessment.status))).toEqual(
      new Set(["in_use", "possibly_abandoned", "recent", "unclear"]),
    );
    for (const c of b) {
      expect(c.evidence.namePrefix).toBe(true);
      expect(c.evidence.domainUsers).toBeGreaterThan(0);
      expect(c.kind).toBe("customer");
      for (const admin of c.fullAdmins) expect(admin.email).toMatch(/^.\*\*\*@/);
      expect(c.fullAdmins.length).toBeLessThanOrEqual(3);
    }
    expect(names(result.sameDomain)).toEqual(["Fondazione Acme"]);
    expect(result.sameDomain[0]!.evidence.namePrefix).toBe(false);
    // Deleted organizations, organizations without users on the domain, and partners never match.
    const all = [...names(b), ...names(result.sameDomain)];
    for (const never of ["Acme Servizi Srl", "ACME Corporation", "Acme Digital Partner Srl"])
      expect(all).not.toContain(never);
  });

  it("the longer prefix moves organizations from B to C", async () => {
    const result = await match("Acme Consulting", "nuovo.admin@acme.it");
    expect(result.input.prefix).toBe("acmec");
    expect(names(result.candidates)).not.toContain("ACME Italia Srl");
    expect(names(result.sameDomain)).toContain("ACME Italia Srl");
    expect(result.candidates[0]).toMatchObject({ name: "Acme Consulting", evidence: { exactName: true } });
  });

  it("MATCH_LIMIT cuts B, MATCH_DOMAIN_ONLY=false turns C off", async () => {
    const full = await match("Acme", "nuovo.admin@acme.it");
    const limited = await match("Acme", "nuovo.admin@acme.it", "customer", {
      MATCH_LIMIT: "2",
      MATCH_DOMAIN_ONLY: "false",
    });
    expect(names(limited.candidates)).toEqual(names(full.candidates).slice(0, 2));
    expect(limited.sameDomain).toEqual([]);
  });

  it("a public provider keeps rule B as weak evidence and never runs rule C", async () => {
    const result = await match("Pizzeria Da Mario", "nuovo.titolare@gmail.com");
    expect(result.outcome).toBe("candidates");
    expect(result.input.publicProvider).toBe(true);
    expect(result.sameDomain).toEqual([]);
    expect(result.candidates.length).toBeGreaterThan(1);
    for (const c of result.candidates) expect(c.evidence.publicDomain).toBe(true);
    expect(names(result.candidates)).not.toContain("Pizzeria Al Duomo");
  });

  it("PUBLIC_EMAIL_DOMAINS extends the public providers", async () => {
    const result = await match("Alpen Fracht GmbH", "neu@brennerlogistik.de", "customer", {
      PUBLIC_EMAIL_DOMAINS: "brennerlogistik.de",
    });
    expect(result.input.publicProvider).toBe(true);
    expect(result).toMatchObject({ outcome: "no_match", candidates: [], sameDomain: [] });
  });

  it("C alone: same domain, other name", async () => {
    const result = await match("Alpen Fracht GmbH", "neu@brennerlogistik.de");
    expect(result.outcome).toBe("candidates");
    expect(result.candidates).toEqual([]);
    expect(result.sameDomain.length).toBeGreaterThan(0);
  });

  it("V: the organization that proved the domain leads, whatever name is typed", async () => {
    const result = await match("Nuova Divisione", "nuovo@orbita-aerospace.it");
    expect(result.outcome).toBe("candidates");
    expect(names(result.candidates)).toEqual(["Orbita Aerospace S.r.l."]);
    expect(result.candidates[0]!.evidence).toMatchObject({ verifiedDomain: true });
    expect(result.sameDomain).toEqual([]);
  });

  it("partner own use only matches partner organizations", async () => {
    const result = await match("Nordic Cloud", "ny.kollega@nordiccloud.se", "partner");
    expect(result.outcome).toBe("candidates");
    expect(result.candidates.map((c) => c.kind)).toEqual(result.candidates.map(() => "partner"));
    expect(result.candidates.map((c) => c.assessment.status)).toEqual(["in_use", "possibly_abandoned"]);
    expect(result.candidates[0]!.managedCustomers).toBeGreaterThanOrEqual(0);
    const acme = await match("Acme Digital", "nuovo.admin@acme.it", "partner");
    expect(names(acme.candidates)).toEqual(["Acme Digital Partner Srl"]);
  });

  it("the name key makes international names meet", async () => {
    expect(names((await match("Muller GmbH", "neu@mueller-gmbh.de")).candidates).length).toBeGreaterThan(0);
    expect((await match("Societe Lumiere", "nouveau@lumiere-eclairage.fr")).outcome).toBe("candidates");
    expect((await match("Bäckerei Schäfer", "neu@bäckerei-schäfer.at")).outcome).toBe("candidates");
  });

  it("no_match when nothing shares the name and domain", async () => {
    expect(await match("Zefiro Robotics Srl", "anna.conti@zefirorobotics.it")).toMatchObject({
      outcome: "no_match",
      candidates: [],
      sameDomain: [],
    });
    expect((await match("Gelateria Aurora", "gelateria.aurora@gmail.com")).outcome).toBe("no_match");
  });

  it("bad input: INVALID_EMAIL and INVALID_COMPANY_NAME", async () => {
    expect((await rejection(match("Acme", "mario@localhost"))).code).toBe("INVALID_EMAIL");
    expect((await rejection(match("Acme", "mario@acme.it\nBcc: x@y.it"))).code).toBe("INVALID_EMAIL");
    expect((await rejection(match("!!!", "mario@acme.it"))).code).toBe("INVALID_COMPANY_NAME");
  });

  it("is deterministic", async () => {
    const first = await match("Acme", "nuovo.admin@acme.it");
    for (let i = 0; i < 3; i++) expect(await match("Acme", "nuovo.admin@acme.it")).toEqual(first);
  });
});
