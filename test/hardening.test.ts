import { createServer } from "node:net";
import { Readable } from "node:stream";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { maxUnknownLinks } from "../src/http/link-limits.js";
import { addOperator } from "../src/operators/add-operator.js";
import { maxAttemptsPerEmailAndAddress, signIn, throttleWindowMs } from "../src/operators/sign-in.js";
import {
  addOrganization,
  approvalMailedTo,
  linkMailedTo,
  orderWithLink,
  unique,
} from "./support/directory.js";
import { client, mailbox } from "./support/http.js";
import { authorization, startTestApp, type TestApp, testEngines } from "./support/test-app.js";
import { browser } from "./support/web.js";

/** Views of link routes one address may make per 10 minutes here (the default is 600). */
const maxLinkRequests = 150;

/**
 * The findings of the outside security review (docs/security.md § Review findings), one block each.
 * Every test here failed before its fix.
 */
describe.each(testEngines())("hardening on %s", (engine) => {
  let app: TestApp;
  let api: ReturnType<typeof client>;
  beforeAll(async () => {
    app = await startTestApp(engine, {
      MATCH_RATE_PER_HOUR: "4",
      LINK_REQUESTS_PER_ADDRESS: String(maxLinkRequests),
    });
    api = client(app);
  });
  afterAll(() => app.close());

  const rows = async <T>(query: string) => (await sql.raw<T>(query).execute(app.db.kysely)).rows;
  const setup = (token: string) => `/api/v1/setup/${token}`;
  const from = (remoteAddress: string, method: "GET" | "POST", url: string, payload?: object, headers = {}) =>
    app.server.inject({ method, url, remoteAddress, headers, ...(payload ? { payload } : {}) });

  /** A customer organization on its own domain, with a full administrator. */
  async function acme() {
    const domain = `${unique("acme")}.example`;
    const admin = `boss@${domain}`;
    const id = await addOrganization(app, { name: "Acme Impianti S.p.A.", users: [[admin, "full_admin"]] });
    return { id, domain, admin };
  }

  describe("M1 · what a requester types never becomes someone else's words", () => {
    const hostile = [
      "Mario\r\nACTION REQUIRED: https://evil.example/reset",
      "Mario\nRossi",
      "Mario \u202eissoR",
      "Mario\u2066 Rossi",
      "Mario\u2028Rossi",
    ];

    it("refuses a name with line breaks or bidi controls, naming the field (match, complete, handover, order, directory)", async () => {
      const { token } = await orderWithLink(app);
      for (const adminName of hostile) {
        for (const path of ["match", "complete"]) {
          const response = await api.post(
            `${setup(token)}/${path}`,
            { companyName: "Acme", adminEmail: "a@acme.example", adminName, decision: { type: "new" } },
            {},
          );
          expect([response.status, response.code()], adminName).toEqual([400, "VALIDATION_FAILED"]);
          expect(response.json().error.details).toContainEqual(
            expect.objectContaining({ path: "body.adminName" }),
          );
        }
        const order = await api.post("/api/v1/orders", {
          orderNumber: unique("M1-"),
          orderedBy: { type: "customer" },
          provisioningContact: { email: "c@contacts.example", name: adminName },
          subscriptions: [{ services: [{ sku: "A", quantity: 1 }] }],
        });
        expect([order.status, order.code()]).toEqual([400, "VALIDATION_FAILED"]);
        expect(order.json().error.details[0].path).toBe("body.provisioningContact.name");
      }
      const partner = await addOrganization(app, { name: unique("Partner"), kind: "partner" });
      const { token: partnerToken } = await orderWithLink(app, {
        orderedBy: { type: "partner", partnerOrganizationId: partner },
      });
      const handover = await api.post(
        `${setup(partnerToken)}/setup-by`,
        { setupBy: "customer", customerContact: { email: "c@customer.example", name: hostile[0] } },
        {},
      );
      expect([handover.status, handover.code()]).toEqual([400, "VALIDATION_FAILED"]);
      expect(handover.json().error.details[0].path).toBe("body.customerContact.name");
      const organization = await acme();
      const user = await api.post(`/api/v1/organizations/${organization.id}/users`, {
        email: `${unique("u")}@${organization.domain}`,
        role: "user",
        name: hostile[2],
      });
      expect([user.status, user.code()]).toEqual([400, "VALIDATION_FAILED"]);
    });

    it("refuses a company name with a bidi control as INVALID_COMPANY_NAME", async () => {
      const { token } = await orderWithLink(app);
      for (const companyName of ["Acme\u202e S.p.A.", "Acme\u2067"]) {
        const response = await api.post(
          `${setup(token)}/match`,
          { companyName, adminEmail: "a@acme.example" },
          {},
        );
        expect([response.status, response.code()]).toEqual([400, "INVALID_COMPANY_NAME"]);
      }
      const organization = await api.post("/api/v1/organizations", {
        name: "Evil\u202eCorp",
        kind: "customer",
      });
      expect(organization.code()).toBe("INVALID_COMPANY_NAME");
    });

    it("the approval e-mail shows the requester's values only as quoted data, apart from its own text and link", async () => {
      const organization = await acme();
      const { token } = await orderWithLink(app);
      const adminEmail = `${unique("new")}@${organization.domain}`;
      const adminName = "ACTION REQUIRED https://evil.example/reset";
      await api.post(`${setup(token)}/match`, { companyName: "Acme", adminEmail, adminName }, {});
      const complete = await api.post(
        `${setup(token)}/complete`,
        {
          companyName: "Acme",
          adminEmail,
          adminName,
          decision: { type: "existing", organizationId: organization.id },
        },
        {},
      );
      expect(complete.json().status).toBe("awaiting_admin_approval");
      await app.background.runOnce();
      const [mail] = await mailbox(app, organization.admin);
      // The typed name and address: one line, in quotes, in the facts; nowhere else.
      const typedLines = mail!.text.split("\n").filter((line) => line.includes("evil.example"));
      expect(typedLines).toEqual([
        `New administrator: “ACTION REQUIRED https://evil.example/reset (${adminEmail})”`,
      ]);
      expect(mail!.subject).not.toContain("evil");
      expect(mail!.links).toHaveLength(1);
      expect(mail!.links[0]).toMatch(/^http:\/\/provisio\.test\/admin-requests\//);
      expect(mail!.html).toContain(`“ACTION REQUIRED https://evil.example/reset (${adminEmail})”</span>`);
      expect(mail!.html).not.toContain('href="https://evil');
      expect(mail!.text).toContain("Text in quotes is shown exactly as someone entered it");
    });

    it("a rejection reason reaches the contact as one quoted line", async () => {
      const organization = await acme();
      const { token, contact } = await orderWithLink(app);
      const adminEmail = `${unique("new")}@${organization.domain}`;
      await api.post(`${setup(token)}/match`, { companyName: "Acme", adminEmail }, {});
      await api.post(
        `${setup(token)}/complete`,
        { companyName: "Acme", adminEmail, decision: { type: "existing", organizationId: organization.id } },
        {},
      );
      const approval = await approvalMailedTo(app, organization.admin);
      const bidi = await api.post(
        `/api/v1/admin-requests/${approval}/reject`,
        { reason: "no \u202eway" },
        {},
      );
      expect([bidi.status, bidi.code()]).toEqual([400, "VALIDATION_FAILED"]);
      const reject = await api.post(
        `/api/v1/admin-requests/${approval}/reject`,
        { reason: "We do not know them.\r\nCALL +1 555 0100 NOW" },
        {},
      );
      expect(reject.status, reject.body).toBe(200);
      const told = await linkMailedTo(app, contact);
      expect(told.text.split("\n").filter((l) => l.includes("CALL +1 555"))).toEqual([
        expect.stringMatching(/^Reason given: +“We do not know them\. CALL \+1 555 0100 NOW”$/),
      ]);
    });
  });

  describe("M2 · complete is no oracle", () => {
    it("checks disclosure first, counts against the link's hourly window, and audits every refusal", async () => {
      const customer = await acme();
      const partner = await addOrganization(app, { name: unique("Own Use Partner"), kind: "partner" });
      const { token, order } = await orderWithLink(app, {
        orderedBy: { type: "partner", partnerOrganizationId: partner },
        intendedUse: "partner_own_use",
      });
      const attempt = (adminEmail: string, organizationId: string) =>
        api.post(
          `${setup(token)}/complete`,
          { companyName: "Whatever", adminEmail, decision: { type: "existing", organizationId } },
          {},
        );
      // A user of a customer organization, an undisclosed organization: the same answer as anyone else's.
      const customerUser = await attempt(customer.admin, customer.id);
      const nobody = await attempt(`${unique("nobody")}@nowhere.example`, customer.id);
      expect([customerUser.status, customerUser.code()]).toEqual([409, "ORGANIZATION_NOT_DISCLOSED"]);
      expect([nobody.status, nobody.code()]).toEqual([409, "ORGANIZATION_NOT_DISCLOSED"]);
      const audited = await rows<{ details: { error: string } }>(
        `select details from audit_events where action = 'setup.complete' and order_id = ${order.id} order by id`,
      );
      expect(audited.map((a) => a.details.error)).toEqual([
        "ORGANIZATION_NOT_DISCLOSED",
        "ORGANIZATION_NOT_DISCLOSED",
      ]);
      // MATCH_RATE_PER_HOUR = 4: two more calls of any kind, then 429 with Retry-After.
      await api.post(`${setup(token)}/match`, { companyName: "Whatever", adminEmail: "x@x.example" }, {});
      expect((await attempt("y@y.example", customer.id)).code()).toBe("ORGANIZATION_NOT_DISCLOSED");
      const limited = await attempt("z@z.example", customer.id);
      expect([limited.status, limited.code()]).toEqual([429, "RATE_LIMITED"]);
      expect(Number(limited.headers["retry-after"])).toBeGreaterThan(3000);
    });
  });

  describe("L1 · the development mailbox answers only this machine", () => {
    it("refuses a forwarded request, a foreign Host or a remote peer; never cached", async () => {
      const local = await app.server.inject({
        method: "GET",
        url: "/dev/mailbox",
        headers: { host: "127.0.0.1:3000" },
      });
      expect(local.statusCode).toBe(200);
      expect(local.headers["cache-control"]).toBe("no-store");
      for (const headers of [
        { host: "127.0.0.1:3000", "x-forwarded-for": "203.0.113.9" },
        { host: "127.0.0.1:3000", forwarded: "for=203.0.113.9" },
        { host: "rebound.evil.example:3000" },
        { host: "127.0.0.1:3000", via: "1.1 proxy" },
      ]) {
        const response = await app.server.inject({ method: "GET", url: "/dev/mailbox", headers });
        expect(response.statusCode, JSON.stringify(headers)).toBe(404);
        expect(response.body).not.toContain("/setup/");
      }
      const remote = await from("192.0.2.10", "GET", "/dev/mailbox", undefined, { host: "127.0.0.1:3000" });
      expect(remote.statusCode).toBe(404);
      expect((await api.get("/api/v1/dev/mailbox")).headers["cache-control"]).toBe("no-store");
    });
  });

  describe("L2 · sign-in: reserved before checked, keyed by e-mail and address", () => {
    it("checks at most 5 of 100 parallel wrong passwords for one e-mail", async () => {
      const email = `${unique("op")}@ops.example`;
      await addOperator(app.deps, { email, password: "the right password" });
      const results = await Promise.allSettled(
        Array.from({ length: 100 }, () =>
          signIn(app.deps, {
            email,
            password: "wrong password!",
            ip: "198.51.100.7",
            previousToken: undefined,
          }),
        ),
      );
      const codes = results.map((r) =>
        r.status === "rejected" ? (r.reason as { code: string }).code : "OK",
      );
      expect(codes.filter((c) => c === "UNAUTHENTICATED")).toHaveLength(maxAttemptsPerEmailAndAddress);
      expect(codes.filter((c) => c === "RATE_LIMITED")).toHaveLength(100 - maxAttemptsPerEmailAndAddress);
      const checked = await rows<{ n: string }>(
        `select count(*) as n from audit_events where action = 'operator.sign_in_failed' and details->>'email' = '${email[0]}***@ops.example'`,
      );
      expect(Number(checked[0]!.n)).toBe(maxAttemptsPerEmailAndAddress);
    });

    it("a stranger elsewhere cannot lock the operator out; blocks double", async () => {
      const email = `${unique("op")}@ops.example`;
      const password = "the right password";
      await addOperator(app.deps, { email, password });
      const attempt = (ip: string, pass: string) =>
        signIn(app.deps, { email, password: pass, ip, previousToken: undefined }).then(
          () => "OK",
          (e: { code: string; details?: { retryAfterSeconds: number } }) =>
            e.code === "RATE_LIMITED" ? `RATE_LIMITED ${e.details!.retryAfterSeconds}` : e.code,
        );
      for (let i = 0; i < 10; i++) await attempt("203.0.113.66", "guess");
      expect(await attempt("203.0.113.66", password)).toBe(`RATE_LIMITED ${throttleWindowMs / 1000}`);
      expect(await attempt("10.1.2.3", password)).toBe("OK");
      // The stranger's block ends; 5 more tries earn a block twice as long.
      const saved = app.clock.now();
      try {
        app.clock.set(new Date(saved.getTime() + throttleWindowMs + 1000));
        for (let i = 0; i < 5; i++) expect(await attempt("203.0.113.66", "guess")).toBe("UNAUTHENTICATED");
        expect(await attempt("203.0.113.66", "guess")).toBe(`RATE_LIMITED ${(2 * throttleWindowMs) / 1000}`);
      } finally {
        app.clock.set(saved);
      }
    });
  });

  describe("L3 · one long import line is one bad line", () => {
    it("skips a line over 1 MiB with LINE_TOO_LONG and imports the others", async () => {
      const externalId = unique("long");
      const body = [
        JSON.stringify({
          type: "organization",
          externalId: `${externalId}-a`,
          name: "Before",
          kind: "customer",
        }),
        JSON.stringify({
          type: "organization",
          externalId: `${externalId}-x`,
          name: "x".repeat(3 * 1024 * 1024),
          kind: "customer",
        }),
        JSON.stringify({
          type: "organization",
          externalId: `${externalId}-b`,
          name: "After",
          kind: "customer",
        }),
      ].join("\n");
      const response = await app.server.inject({
        method: "POST",
        url: "/api/v1/import",
        headers: { ...authorization, "content-type": "application/x-ndjson" },
        payload: body,
      });
      expect(response.statusCode, response.body).toBe(200);
      expect(response.json()).toMatchObject({
        imported: { organizations: 2 },
        errors: [{ line: 2, code: "LINE_TOO_LONG" }],
      });
    });

    it("stops at IMPORT_MAX_BYTES with 413, keeping and reporting what came before", async () => {
      const small = await startTestApp(engine, { IMPORT_MAX_BYTES: "4096" });
      try {
        const prefix = unique("big");
        const lines = Array.from({ length: 100 }, (_, i) =>
          JSON.stringify({
            type: "organization",
            externalId: `${prefix}-${i}`,
            name: `Big ${i}`,
            kind: "customer",
          }),
        );
        const headers = { ...authorization, "content-type": "application/x-ndjson" };
        // Announced too large: refused before a byte is read.
        const announced = await small.server.inject({
          method: "POST",
          url: "/api/v1/import",
          headers,
          payload: lines.join("\n"),
        });
        expect([announced.statusCode, announced.json().error.code]).toEqual([413, "PAYLOAD_TOO_LARGE"]);
        // Streamed without a length: read up to the bound, and what came before is kept.
        const stream = await small.server.inject({
          method: "POST",
          url: "/api/v1/import",
          headers,
          payload: Readable.from(lines.map((line) => `${line}\n`)),
        });
        expect([stream.statusCode, stream.json().error.code]).toEqual([413, "PAYLOAD_TOO_LARGE"]);
        const imported = stream.json().error.details.imported.organizations;
        expect(imported).toBeGreaterThan(0);
        expect(imported).toBeLessThan(100);
        const stored = await sql<{
          n: string;
        }>`select count(*) as n from organizations where external_id like ${`${prefix}-%`}`.execute(
          small.db.kysely,
        );
        expect(Number(stored.rows[0]!.n)).toBe(imported);
      } finally {
        await small.close();
      }
    });
  });

  describe("L4 · ?next= after sign-in", () => {
    it("falls back to the orders for a next with a line break or other characters, and signs in", async () => {
      const email = `${unique("op")}@ops.example`;
      await addOperator(app.deps, { email, password: "a long operator password" });
      for (const next of [
        "/console/orders\r\nSet-Cookie: x=1",
        "/console/orders?q=日本",
        "//evil.example",
        "/console/../x\\y",
      ]) {
        const b = browser(app);
        await b.get("/console/sign-in");
        const response = await b.post(`/console/sign-in?next=${encodeURIComponent(next)}`, {
          email,
          password: "a long operator password",
        });
        expect(response.status, next).toBe(303);
        expect(response.location).toBe("/console/orders");
        expect(b.jar.get("provisio_session")).toBeDefined();
      }
    });
  });

  describe("also", () => {
    it("the link APIs answer personal data with Cache-Control: no-store", async () => {
      const organization = await acme();
      const { token } = await orderWithLink(app);
      expect((await api.get(setup(token), {})).headers["cache-control"]).toBe("no-store");
      const adminEmail = `${unique("new")}@${organization.domain}`;
      await api.post(`${setup(token)}/match`, { companyName: "Acme", adminEmail }, {});
      await api.post(
        `${setup(token)}/complete`,
        { companyName: "Acme", adminEmail, decision: { type: "existing", organizationId: organization.id } },
        {},
      );
      const approval = await approvalMailedTo(app, organization.admin);
      expect((await api.get(`/api/v1/admin-requests/${approval}`, {})).headers["cache-control"]).toBe(
        "no-store",
      );
    });

    it("the wizard's HTML 429 says when to come back (Retry-After)", async () => {
      const { token } = await orderWithLink(app);
      const b = browser(app);
      await b.get(`/setup/${token}/company`);
      let last = await b.post(`/setup/${token}/company`, {
        companyName: "Acme",
        adminEmail: "a@acme.example",
      });
      for (let i = 0; i < 4 && last.status !== 429; i++) {
        await b.get(`/setup/${token}/company`);
        last = await b.post(`/setup/${token}/company`, { companyName: "Acme", adminEmail: "a@acme.example" });
      }
      const limited = await app.server.inject({
        method: "POST",
        url: `/setup/${token}/company`,
        headers: {
          cookie: [...b.jar].map(([k, v]) => `${k}=${v}`).join("; "),
          "content-type": "application/x-www-form-urlencoded",
        },
        payload: new URLSearchParams({
          _csrf: /name="_csrf" value="([^"]+)"/.exec((await b.get(`/setup/${token}/company`)).body)![1]!,
          companyName: "Acme",
          adminEmail: "a@acme.example",
        }).toString(),
      });
      expect(limited.statusCode).toBe(429);
      expect(limited.headers["content-type"]).toContain("text/html");
      expect(Number(limited.headers["retry-after"])).toBeGreaterThan(0);
    });

    it("the wizard, the approval page and the console have CSRF secrets of their own", async () => {
      const { token } = await orderWithLink(app);
      const email = `${unique("op")}@ops.example`;
      await addOperator(app.deps, { email, password: "a long operator password" });
      const b = browser(app);
      await b.signIn(email, "a long operator password");
      const consolePage = await b.get("/console/orders");
      const consoleToken = /name="_csrf" value="([^"]+)"/.exec(consolePage.body)![1]!;
      const wizard = await b.get(`/setup/${token}/company`);
      expect(wizard.setCookie.join(";")).toMatch(/provisio_csrf_setup=[^;]+; Path=\/setup;/);
      expect(b.jar.get("provisio_csrf_console")).toBeDefined();
      const forged = await b.post(`/setup/${token}/company`, {
        _csrf: consoleToken,
        companyName: "Acme",
        adminEmail: "a@acme.example",
      });
      expect(forged.status).toBe(403);
    });

    it("views of link pages are limited per address, across instances; so is link probing", async () => {
      const { token } = await orderWithLink(app);
      const second = await startTestApp(engine, {}, { db: app.db, clock: app.clock });
      try {
        const instances = [app, second];
        // Unknown links, spread over both instances: the limit counts them together.
        for (let i = 0; i < maxUnknownLinks; i++) {
          const response = await instances[i % 2]!.server.inject({
            method: "GET",
            url: `/api/v1/setup/${"x".repeat(43)}${i}`,
            remoteAddress: "198.51.100.99",
          });
          expect(response.statusCode).toBe(404);
        }
        for (const instance of instances) {
          const refused = await instance.server.inject({
            method: "GET",
            url: setup(token),
            remoteAddress: "198.51.100.99",
          });
          expect([refused.statusCode, refused.json().error.code]).toEqual([429, "RATE_LIMITED"]);
          expect(Number(refused.headers["retry-after"])).toBeGreaterThan(0);
        }
        // Views of a valid link: at most maxLinkRequests per window from one address.
        let status = 200;
        let sent = 0;
        while (status === 200 && sent <= maxLinkRequests + 1) {
          status = (
            await instances[sent % 2]!.server.inject({
              method: "GET",
              url: setup(token),
              remoteAddress: "198.51.100.100",
            })
          ).statusCode;
          sent++;
        }
        expect([status, sent]).toEqual([429, maxLinkRequests + 1]);
        expect((await from("198.51.100.101", "GET", setup(token))).statusCode).toBe(200);
      } finally {
        await second.close();
      }
    });

    it("a timestamp before 1900 is refused instead of being stored as another year", async () => {
      const response = await api.post("/api/v1/organizations", {
        name: "Ancient",
        kind: "customer",
        deletedAt: "0001-01-01",
      });
      expect([response.status, response.code()]).toEqual([400, "VALIDATION_FAILED"]);
      expect(response.json().error.details[0].path).toBe("body.deletedAt");
    });
  });

  describe("names on candidate cards (docs/security.md § Names policy)", () => {
    it("full names for a colleague on the company's domain, initials on a public provider", async () => {
      const domain = `${unique("names")}.example`;
      const name = unique("Namesco");
      const id = await addOrganization(app, { name, users: [[`mario.rossi@${domain}`, "full_admin"]] });
      await api.post(`/api/v1/organizations/${id}/users`, {
        email: `${unique("g")}@gmail.com`,
        role: "full_admin",
        name: "Giulia Maria Bianchi",
      });
      const colleague = await orderWithLink(app);
      const corporate = await api.post(
        `${setup(colleague.token)}/match`,
        { companyName: name, adminEmail: `${unique("x")}@${domain}` },
        {},
      );
      const names = (r: typeof corporate) =>
        r
          .json()
          .candidates.find((c: { id: string }) => c.id === id)
          .fullAdmins.map((a: { name: string }) => a.name);
      expect(names(corporate)).toEqual(["mario.rossi", "Giulia Maria Bianchi"]);
      const stranger = await orderWithLink(app);
      const publicProvider = await api.post(
        `${setup(stranger.token)}/match`,
        { companyName: name, adminEmail: `${unique("s")}@gmail.com` },
        {},
      );
      expect(names(publicProvider)).toEqual(["M.", "G. M. B."]);
    });
  });
});

describe("/metrics is not for everyone", () => {
  it("asks for METRICS_TOKEN when set", async () => {
    const app = await startTestApp("pglite", { METRICS_TOKEN: "metrics-token-0123456789" });
    try {
      expect((await app.server.inject({ method: "GET", url: "/metrics" })).statusCode).toBe(401);
      const scraped = await app.server.inject({
        method: "GET",
        url: "/metrics",
        headers: { authorization: "Bearer metrics-token-0123456789" },
      });
      expect(scraped.statusCode).toBe(200);
      expect(scraped.body).toContain("provisio_outbox_pending");
    } finally {
      await app.close();
    }
  });

  it("with METRICS_PORT, serves it there only", async () => {
    const port = await freePort();
    const app = await startTestApp("pglite", { METRICS_PORT: String(port), PORT: "0" });
    try {
      await app.listen();
      expect((await app.server.inject({ method: "GET", url: "/metrics" })).statusCode).toBe(404);
      const scraped = await fetch(`http://127.0.0.1:${port}/metrics`);
      expect(scraped.status).toBe(200);
      expect(await scraped.text()).toContain("provisio_http_request_duration_seconds");
    } finally {
      await app.close();
    }
  });
});

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on("error", reject);
  });
}
