import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addOperator } from "../src/operators/add-operator.js";
import { addOrganization, orderWithLink, unique } from "./support/directory.js";
import { startDnsServer, startSilentDnsServer } from "./support/dns-server.js";
import { client } from "./support/http.js";
import { authorization, startTestApp, type TestApp, testEngines } from "./support/test-app.js";
import { browser } from "./support/web.js";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

type Domain = {
  domain: string;
  status: string;
  claimed: boolean;
  verification: { type: string; name: string; value: string };
  createdAt: string;
  verifiedAt: string | null;
  missedChecks: number;
};

describe.each(testEngines())("verified domains on %s", (engine) => {
  let app: TestApp;
  let api: ReturnType<typeof client>;
  let dns: Awaited<ReturnType<typeof startDnsServer>>;
  beforeAll(async () => {
    dns = await startDnsServer();
    app = await startTestApp(engine, { DNS_SERVERS: dns.servers, PUBLIC_EMAIL_DOMAINS: "freemail.example" });
    api = client(app);
  });
  afterAll(async () => {
    await app.close();
    await dns.close();
  });

  const send = (method: "PATCH" | "DELETE", url: string, payload?: unknown) =>
    app.server.inject({
      method,
      url,
      headers: authorization,
      ...(payload ? { payload: payload as object } : {}),
    });
  const organization = (name = "Acme") => addOrganization(app, { name: `${name} ${unique("")}` });
  async function add(organizationId: string, domain: string): Promise<Domain> {
    const response = await api.post(`/api/v1/organizations/${organizationId}/domains`, { domain });
    expect(response.status, response.body).toBe(201);
    return response.json<Domain>();
  }
  const verify = (organizationId: string, domain: string) =>
    api.post(`/api/v1/organizations/${organizationId}/domains/${domain}/verify`);
  const list = async (organizationId: string): Promise<Domain[]> =>
    (await api.get(`/api/v1/organizations/${organizationId}/domains`)).json().domains;
  const events = async (type: string) =>
    (await api.get(`/api/v1/events?types=${type}&limit=1000`)).json().events as {
      type: string;
      data: { organizationId: string; domain: string };
    }[];
  async function verified(organizationId: string, domain: string): Promise<Domain> {
    const added = await add(organizationId, domain);
    dns.setTxt(added.verification.name, [added.verification.value]);
    const response = await verify(organizationId, domain);
    expect(response.status, response.body).toBe(200);
    return response.json<Domain>();
  }

  it("adds a domain as pending with a TXT challenge of 128 random bits or more, listed and audited", async () => {
    const id = await organization();
    const domain = `${unique("acme")}.com`;
    const added = await add(id, domain.toUpperCase());
    expect(added).toMatchObject({
      domain,
      status: "pending",
      claimed: false,
      verification: { type: "dns_txt", name: `_provisio-challenge.${domain}` },
      verifiedAt: null,
      createdAt: "2026-11-24T09:00:00.000Z",
    });
    const random = added.verification.value.replace(/^provisio-verification=/, "");
    expect(added.verification.value.startsWith("provisio-verification=")).toBe(true);
    expect(Buffer.from(random, "base64url").length * 8).toBeGreaterThanOrEqual(128);
    const other = await add(id, `${unique("acme")}.com`);
    expect(other.verification.value).not.toBe(added.verification.value);
    expect((await list(id)).map((d) => d.domain)).toEqual([domain, other.domain].sort());
    const audit = await sql<{ action: string; actor: string; details: { domain: string } }>`
      select action, actor, details from audit_events
      where subject_type = 'organization' and subject_id = ${id} and action = 'domain.added' order by id`.execute(
      app.db.kysely,
    );
    expect(audit.rows.map((r) => [r.action, r.actor, r.details.domain])).toEqual([
      ["domain.added", "api", domain],
      ["domain.added", "api", other.domain],
    ]);
    const again = await api.post(`/api/v1/organizations/${id}/domains`, { domain });
    expect([again.status, again.code()]).toEqual([409, "DOMAIN_EXISTS"]);
  });

  it("answers 400 DOMAIN_NOT_ALLOWED for public providers, public suffixes, subdomains, single labels and IPs", async () => {
    const id = await organization();
    for (const domain of [
      "gmail.com",
      "freemail.example",
      "co.uk",
      "com",
      "localhost",
      "intranet",
      "10.0.0.1",
      "[192.168.1.1]",
      "2001:db8::1",
      `mail.${unique("acme")}.co.uk`,
      "bad..example.com",
      "-acme.com",
      "someone@acme.com",
      "",
    ]) {
      const response = await api.post(`/api/v1/organizations/${id}/domains`, { domain });
      expect([domain, response.status, response.code()]).toEqual([domain, 400, "DOMAIN_NOT_ALLOWED"]);
    }
    expect(await list(id)).toEqual([]);
    const why = await api.post(`/api/v1/organizations/${id}/domains`, { domain: "Gmail.com" });
    expect(why.json().error.details).toEqual([
      {
        path: "body.domain",
        message: "gmail.com is a public e-mail provider, shared by people of many companies",
      },
    ]);
    const sub = await api.post(`/api/v1/organizations/${id}/domains`, { domain: "mail.acme.co.uk" });
    expect(sub.json().error.message).toContain("verify the registrable domain acme.co.uk");
    // An internationalized domain is kept in ASCII, and found by either spelling.
    const idn = `bücher${unique("")}.de`;
    const ascii = (await add(id, idn)).domain;
    expect(ascii).toMatch(/^xn--/);
    expect(
      (await api.get(`/api/v1/organizations/${id}/domains`)).json().domains.map((d: Domain) => d.domain),
    ).toEqual([ascii]);
    const byUnicode = await verify(id, encodeURIComponent(idn));
    expect([byUnicode.status, byUnicode.code()]).toEqual([409, "DOMAIN_NOT_VERIFIED"]);
    const missing = await api.post("/api/v1/organizations/999999999/domains", { domain: "acme.com" });
    expect([missing.status, missing.code()]).toEqual([404, "NOT_FOUND"]);
  });

  it("verifies a pending domain once its TXT record is published, among other records, with a domain.verified event", async () => {
    const id = await organization();
    const domain = `${unique("acme")}.it`;
    const added = await add(id, domain);

    const early = await verify(id, domain);
    expect([early.status, early.code()]).toEqual([409, "DOMAIN_NOT_VERIFIED"]);
    expect(early.json().error.details).toEqual({
      name: `_provisio-challenge.${domain}`,
      value: added.verification.value,
      records: [],
    });

    // Published with a typo first: the answer says what was found.
    dns.setTxt(added.verification.name, ["v=spf1 -all", `${added.verification.value}x`]);
    const wrong = await verify(id, domain);
    expect([wrong.status, wrong.code()]).toEqual([409, "DOMAIN_NOT_VERIFIED"]);
    expect(wrong.json().error.details.records).toEqual(["v=spf1 -all", `${added.verification.value}x`]);
    expect((await list(id))[0]).toMatchObject({ status: "pending" });

    // Right, among others, and split in two strings as long values are.
    const value = added.verification.value;
    dns.setTxt(added.verification.name, [
      "google-site-verification=abc",
      [value.slice(0, 10), value.slice(10)],
      "v=spf1 include:_spf.example.com -all",
    ]);
    app.clock.advance(HOUR);
    const ok = await verify(id, domain);
    expect(ok.status, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({
      domain,
      status: "verified",
      claimed: false,
      verifiedAt: "2026-11-24T10:00:00.000Z",
    });
    expect((await list(id))[0]).toMatchObject({ status: "verified" });
    expect((await events("domain.verified")).filter((e) => e.data.domain === domain)).toEqual([
      expect.objectContaining({ type: "domain.verified", data: { organizationId: id, domain } }),
    ]);
    app.clock.advance(-HOUR);
  });

  it("answers 409 DOMAIN_TAKEN when another organization verified the domain, on add and on verify", async () => {
    const first = await organization("First");
    const second = await organization("Second");
    const domain = `${unique("shared")}.com`;
    const secondsTry = await add(second, domain); // pending: anyone may try
    await verified(first, domain);
    const adding = await api.post(`/api/v1/organizations/${await organization("Third")}/domains`, { domain });
    expect([adding.status, adding.code()]).toEqual([409, "DOMAIN_TAKEN"]);
    dns.setTxt(secondsTry.verification.name, [secondsTry.verification.value]);
    const verifying = await verify(second, domain);
    expect([verifying.status, verifying.code()]).toEqual([409, "DOMAIN_TAKEN"]);
    expect((await list(second))[0]).toMatchObject({ status: "pending" });
    // Once the first removes it, the second can prove it.
    expect((await send("DELETE", `/api/v1/organizations/${first}/domains/${domain}`)).statusCode).toBe(204);
    expect((await verify(second, domain)).json()).toMatchObject({ status: "verified" });
    // A deleted organization's domains go with it: the domain is free again.
    expect((await send("DELETE", `/api/v1/organizations/${second}`)).statusCode).toBe(204);
    expect(await list(second)).toEqual([]);
    const third = await organization("Third");
    const again = await add(third, domain);
    dns.setTxt(again.verification.name, [again.verification.value]);
    expect((await verify(third, domain)).json()).toMatchObject({ status: "verified" });
  });

  it("two organizations verifying one domain at the same moment: one holds it, the other gets 409 DOMAIN_TAKEN", async () => {
    const domain = `${unique("race")}.com`;
    const first = await organization("Race One");
    const second = await organization("Race Two");
    const [a, b] = [await add(first, domain), await add(second, domain)];
    dns.setTxt(a.verification.name, [a.verification.value, b.verification.value]);
    const answers = await Promise.all([verify(first, domain), verify(second, domain)]);
    expect(answers.map((r) => r.status).sort()).toEqual([200, 409]);
    expect(answers.find((r) => r.status === 409)!.code()).toBe("DOMAIN_TAKEN");
    const statuses = [...(await list(first)), ...(await list(second))].map((d) => d.status).sort();
    expect(statuses).toEqual(["pending", "verified"]);
  });

  it("claims only a verified domain (409 DOMAIN_NOT_VERIFIED), unclaims, and removes", async () => {
    const id = await organization();
    const pending = await add(id, `${unique("pending")}.com`);
    const early = await send("PATCH", `/api/v1/organizations/${id}/domains/${pending.domain}`, {
      claimed: true,
    });
    expect([early.statusCode, early.json().error.code]).toEqual([409, "DOMAIN_NOT_VERIFIED"]);

    const domain = (await verified(id, `${unique("claim")}.com`)).domain;
    const claimed = await send("PATCH", `/api/v1/organizations/${id}/domains/${domain}`, { claimed: true });
    expect(claimed.statusCode, claimed.body).toBe(200);
    expect(claimed.json()).toMatchObject({ domain, status: "verified", claimed: true });
    const unclaimed = await send("PATCH", `/api/v1/organizations/${id}/domains/${domain}`, {
      claimed: false,
    });
    expect(unclaimed.json()).toMatchObject({ claimed: false });
    const bad = await send("PATCH", `/api/v1/organizations/${id}/domains/${domain}`, { claimed: "yes" });
    expect([bad.statusCode, bad.json().error.code]).toEqual([400, "VALIDATION_FAILED"]);

    const actions = await sql<{ action: string }>`
      select action from audit_events where subject_type = 'organization' and subject_id = ${id}
      and action like 'domain.%' order by id`.execute(app.db.kysely);
    expect(actions.rows.map((r) => r.action)).toEqual([
      "domain.added",
      "domain.added",
      "domain.verified",
      "domain.claimed",
      "domain.unclaimed",
    ]);

    expect((await send("DELETE", `/api/v1/organizations/${id}/domains/${domain}`)).statusCode).toBe(204);
    expect((await list(id)).map((d) => d.domain)).toEqual([pending.domain]);
    const gone = await send("DELETE", `/api/v1/organizations/${id}/domains/${domain}`);
    expect([gone.statusCode, gone.json().error.code]).toEqual([404, "NOT_FOUND"]);
    const none = await verify(id, `${unique("none")}.com`);
    expect([none.status, none.code()]).toEqual([404, "NOT_FOUND"]);
  });

  it("re-checks pending domains in the background for 72 hours, then marks them failed", async () => {
    const start = app.clock.now();
    try {
      const id = await organization();
      const late = await add(id, `${unique("late")}.com`);
      const never = await add(id, `${unique("never")}.com`);
      app.clock.advance(30 * HOUR);
      await app.background.runOnce();
      expect((await list(id)).map((d) => d.status)).toEqual(["pending", "pending"]);
      dns.setTxt(late.verification.name, [late.verification.value]);
      app.clock.advance(HOUR);
      await app.background.runOnce();
      const byName = new Map((await list(id)).map((d) => [d.domain, d]));
      expect(byName.get(late.domain)).toMatchObject({
        status: "verified",
        verifiedAt: app.clock.now().toISOString(),
      });
      expect(byName.get(never.domain)).toMatchObject({ status: "pending" });
      app.clock.advance(41 * HOUR - 1);
      await app.background.runOnce();
      expect((await list(id)).find((d) => d.domain === never.domain)).toMatchObject({ status: "pending" });
      app.clock.advance(1);
      await app.background.runOnce();
      expect((await list(id)).find((d) => d.domain === never.domain)).toMatchObject({
        status: "failed",
        nextCheckAt: null,
      });
      expect((await events("domain.verified")).some((e) => e.data.domain === late.domain)).toBe(true);
    } finally {
      app.clock.set(start);
    }
  });

  it("re-checks verified domains daily: three misses in a row make one lapsed and unclaimed, with a domain.lapsed event", async () => {
    const start = app.clock.now();
    try {
      const id = await organization();
      const domain = await verified(id, `${unique("lapse")}.com`);
      await send("PATCH", `/api/v1/organizations/${id}/domains/${domain.domain}`, { claimed: true });
      dns.setTxt(domain.verification.name, ["v=spf1 -all"]);
      app.clock.advance(DAY);
      await app.background.runOnce();
      app.clock.advance(DAY);
      await app.background.runOnce();
      expect((await list(id))[0]).toMatchObject({ status: "verified", claimed: true, missedChecks: 2 });
      // Back in time: the count starts again.
      dns.setTxt(domain.verification.name, [domain.verification.value]);
      app.clock.advance(DAY);
      await app.background.runOnce();
      expect((await list(id))[0]).toMatchObject({ status: "verified", missedChecks: 0 });
      dns.setTxt(domain.verification.name, []);
      for (let day = 1; day <= 3; day++) {
        app.clock.advance(DAY);
        await app.background.runOnce();
        expect((await list(id))[0]!.status).toBe(day < 3 ? "verified" : "lapsed");
      }
      expect((await list(id))[0]).toMatchObject({ status: "lapsed", claimed: false, missedChecks: 3 });
      expect((await events("domain.lapsed")).filter((e) => e.data.domain === domain.domain)).toEqual([
        expect.objectContaining({ data: { organizationId: id, domain: domain.domain } }),
      ]);
      // A lapsed domain is checked no more, and can be proven again.
      app.clock.advance(DAY);
      await app.background.runOnce();
      expect((await events("domain.lapsed")).filter((e) => e.data.domain === domain.domain)).toHaveLength(1);
      dns.setTxt(domain.verification.name, [domain.verification.value]);
      expect((await verify(id, domain.domain)).json()).toMatchObject({ status: "verified", claimed: false });
    } finally {
      app.clock.set(start);
    }
  });
  it("console: operators see an organization's domains with status and history, and add, verify, claim and remove, audited", async () => {
    const password = "correct horse battery staple";
    const operator = await addOperator(app.deps, {
      email: `${unique("op")}@provisio.example`,
      password,
      name: "Olga",
    });
    const b = browser(app);
    expect((await b.signIn(operator.email, password)).status).toBe(303);
    const id = await organization("Console");
    const base = `/console/organizations/${id}/domains`;
    expect((await b.get(`/console/organizations/${id}`)).body).toContain(`href="${base}"`);
    expect((await b.get(base)).status).toBe(200);

    const refused = await b.post(base, { domain: "gmail.com" });
    expect(refused.status).toBe(400);
    expect(refused.body).toContain("This domain cannot be verified.");
    expect(refused.body).toContain('value="gmail.com"');

    const domain = `${unique("console")}.com`;
    const added = await b.post(base, { domain });
    expect([added.status, added.location]).toEqual([303, `${base}?done=added`]);
    const [row] = await list(id);
    let page = await b.get(added.location!);
    expect(page.body).toContain("The domain was added");
    expect(page.body).toContain(`_provisio-challenge.${domain}`);
    expect(page.body).toContain(row!.verification.value);

    const notYet = await b.post(`${base}/${domain}/verify`);
    expect(notYet.status).toBe(409);
    expect(notYet.body).toContain(`The TXT record proving ${domain} was not found`);
    expect(notYet.body).toContain("no record");

    dns.setTxt(row!.verification.name, [row!.verification.value]);
    expect((await b.post(`${base}/${domain}/verify`)).location).toBe(`${base}?done=verified`);
    expect((await b.post(`${base}/${domain}/claim`, { claimed: "true" })).location).toBe(
      `${base}?done=claimed`,
    );
    expect((await list(id))[0]).toMatchObject({ status: "verified", claimed: true });
    page = await b.get(base);
    expect(page.body).toContain("Unclaim");
    for (const step of ["Added", "Verified", "Claimed"])
      expect(page.body).toContain(`<div class="cell">${step}</div>`);
    expect(page.body).toContain("Olga");

    expect((await b.post(`${base}/${domain}/remove`)).location).toBe(`${base}?done=removed`);
    expect(await list(id)).toEqual([]);
    const audit = await sql<{ action: string; actor: string }>`
      select action, actor from audit_events where subject_type = 'organization' and subject_id = ${id}
      and action like 'domain.%' order by id`.execute(app.db.kysely);
    expect(audit.rows).toEqual(
      ["domain.added", "domain.verified", "domain.claimed", "domain.removed"].map((action) => ({
        action,
        actor: `operator:${operator.id}`,
      })),
    );
  });

  describe("matching and claims", () => {
    const setup = (token: string) => `/api/v1/setup/${token}`;
    const match = async (token: string, companyName: string, adminEmail: string) => {
      const response = await api.post(`${setup(token)}/match`, { companyName, adminEmail }, {});
      expect(response.status, response.body).toBe(200);
      return response.json();
    };
    async function directory() {
      const domain = `${unique("zeta")}.com`;
      const acme = await addOrganization(app, {
        name: "Acme Impianti",
        users: [
          [`anna@${domain}`, "full_admin"],
          [`bruno@${domain}`, "user"],
        ],
      });
      const zeta = await addOrganization(app, {
        name: "Zeta Holding",
        users: [[`zoe@${domain}`, "full_admin"]],
      });
      const proven = await verified(zeta, domain);
      return { domain, acme, zeta, proven };
    }

    it("puts the verifying organization first whatever the name, with evidence.verifiedDomain, once; rule A still comes first", async () => {
      const { domain, acme, zeta } = await directory();
      const other = await verified(acme, `${unique("acme")}.it`);
      const { token } = await orderWithLink(app);

      const result = await match(token, "Acme Impianti", `new.admin@${domain}`);
      expect(result.outcome).toBe("candidates");
      expect(result.candidates.map((c: { id: string }) => c.id)).toEqual([zeta, acme]);
      expect(result.candidates[0]).toMatchObject({
        name: "Zeta Holding",
        evidence: { verifiedDomain: true, namePrefix: false, domainUsers: 1 },
        verifiedDomains: [domain],
      });
      expect(result.candidates[1]).toMatchObject({
        evidence: { verifiedDomain: false, namePrefix: true, domainUsers: 2 },
        verifiedDomains: [other.domain],
      });
      expect(result.sameDomain).toEqual([]);

      // Rule A: the e-mail is Acme's administrator: Acme alone, its verified domains on its card.
      const existing = await match(token, "Zeta Holding", `anna@${domain}`);
      expect(existing).toMatchObject({
        outcome: "existing_admin",
        organization: { id: acme, verifiedDomains: [other.domain], evidence: { verifiedDomain: false } },
        candidates: [],
      });

      // Without the proof, Zeta is what it was: a same-domain organization under another name.
      expect((await send("DELETE", `/api/v1/organizations/${zeta}/domains/${domain}`)).statusCode).toBe(204);
      const after = await match(token, "Acme Impianti", `new.admin@${domain}`);
      expect(after.candidates.map((c: { id: string }) => c.id)).toEqual([acme]);
      expect(after.sameDomain).toMatchObject([
        { id: zeta, evidence: { verifiedDomain: false }, verifiedDomains: [] },
      ]);
    });

    it("answers 409 DOMAIN_CLAIMED to a new organization on a claimed domain, and lets the contact choose the claiming one", async () => {
      const { domain, zeta } = await directory();
      const body = (adminEmail: string, decision: Record<string, unknown>) => ({
        companyName: "Zeta Nuova",
        adminEmail,
        adminName: "Nino Nuovo",
        decision,
      });
      const adminEmail = `nino.${unique("n")}@${domain}`;

      // Verified but not claimed: a new organization is allowed.
      const free = await orderWithLink(app);
      expect((await match(free.token, "Zeta Nuova", `first.${adminEmail}`)).claimedBy).toBeUndefined();
      const allowed = await api.post(
        `${setup(free.token)}/complete`,
        body(`first.${adminEmail}`, { type: "new" }),
        {},
      );
      expect(allowed.status, allowed.body).toBe(200);

      const claimed = await send("PATCH", `/api/v1/organizations/${zeta}/domains/${domain}`, {
        claimed: true,
      });
      expect(claimed.statusCode).toBe(200);

      // Not shown to this link yet: the answer does not name the organization.
      const blind = await orderWithLink(app);
      const unnamed = await api.post(`${setup(blind.token)}/complete`, body(adminEmail, { type: "new" }), {});
      expect([unnamed.status, unnamed.code()]).toEqual([409, "DOMAIN_CLAIMED"]);
      expect(unnamed.json().error.details).toEqual({ domain, organizationId: null });
      expect(unnamed.json().error.message).not.toContain("Zeta");

      const { token, order } = await orderWithLink(app);
      const shown = await match(token, "Zeta Nuova", adminEmail);
      expect(shown.candidates[0]).toMatchObject({ id: zeta, evidence: { verifiedDomain: true } });
      // The search says so before anyone tries.
      expect(shown.claimedBy).toEqual({ id: zeta, name: "Zeta Holding" });
      const refused = await api.post(`${setup(token)}/complete`, body(adminEmail, { type: "new" }), {});
      expect([refused.status, refused.code()]).toEqual([409, "DOMAIN_CLAIMED"]);
      expect(refused.json().error.details).toEqual({ domain, organizationId: zeta });
      expect(refused.json().error.message).toContain("Zeta Holding");
      const created = await sql<{ n: number }>`
        select count(*)::int as n from organizations where name = 'Zeta Nuova'`.execute(app.db.kysely);
      expect(created.rows[0]!.n).toBe(1); // the one made before the claim

      // The claiming organization, through the administrator-approval rule.
      const chosen = await api.post(
        `${setup(token)}/complete`,
        body(adminEmail, { type: "existing", organizationId: zeta }),
        {},
      );
      expect(chosen.status, chosen.body).toBe(200);
      expect(chosen.json()).toMatchObject({ status: "awaiting_admin_approval" });
      const audit = await sql<{ details: { error?: string } }>`
        select details from audit_events where action = 'setup.complete' and order_id = ${order.id} order by id`.execute(
        app.db.kysely,
      );
      expect(audit.rows.map((r) => r.details.error ?? "ok")).toEqual(["DOMAIN_CLAIMED", "ok"]);
    });
  });
});

describe.each(testEngines())("a name server that never answers, on %s", (engine) => {
  let app: TestApp;
  let silent: Awaited<ReturnType<typeof startSilentDnsServer>>;
  beforeAll(async () => {
    silent = await startSilentDnsServer();
    app = await startTestApp(engine, { DNS_SERVERS: silent.servers });
  });
  afterAll(async () => {
    await app.close();
    await silent.close();
  });

  it("answers 503 DNS_UNAVAILABLE within a few seconds, and the background leaves the domain pending", async () => {
    const api = client(app);
    const id = await addOrganization(app, { name: `Quiet ${unique("")}` });
    const domain = `${unique("quiet")}.com`;
    expect((await api.post(`/api/v1/organizations/${id}/domains`, { domain })).status).toBe(201);
    const started = Date.now();
    const response = await api.post(`/api/v1/organizations/${id}/domains/${domain}/verify`);
    const took = Date.now() - started;
    expect([response.status, response.code()]).toEqual([503, "DNS_UNAVAILABLE"]);
    expect(response.json().error.message).toMatch(/could not be checked/);
    expect(took).toBeLessThan(6000);
    expect(silent.received()).toBeGreaterThan(0);
    app.clock.advance(HOUR);
    await app.background.runOnce();
    const [row] = (await api.get(`/api/v1/organizations/${id}/domains`)).json().domains;
    expect(row).toMatchObject({ status: "pending", checkedAt: app.clock.now().toISOString() });
  }, 30_000);
});
