import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addOrganization, orderWithLink, unique } from "./support/directory.js";
import { client } from "./support/http.js";
import { startTestApp, type TestApp, testEngines } from "./support/test-app.js";

/** The HTML side, through `server.inject`: forms, CSRF, headers, dead links, escaping. */
describe.each(testEngines())("pages on %s", (engine) => {
  let app: TestApp;
  let api: ReturnType<typeof client>;
  beforeAll(async () => {
    app = await startTestApp(engine);
    api = client(app);
  });
  afterAll(() => app.close());

  /** GETs a page, keeping the CSRF cookie; answers the page and a poster that sends its forms with the token. */
  async function open(url: string) {
    const page = await app.server.inject({ method: "GET", url });
    const cookie = String(page.headers["set-cookie"] ?? "").split(";")[0]!;
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1];
    // null: no token at all
    const post = (action: string, fields: Record<string, string>, token: string | null = csrf ?? null) =>
      app.server.inject({
        method: "POST",
        url: action,
        headers: { "content-type": "application/x-www-form-urlencoded", cookie },
        payload: new URLSearchParams({ ...fields, ...(token === null ? {} : { _csrf: token }) }).toString(),
      });
    return { page, post, csrf };
  }

  it("sends a strict Content-Security-Policy and the usual security headers, and never caches a page", async () => {
    const { token } = await orderWithLink(app);
    const { page } = await open(`/setup/${token}/company`);
    expect(page.statusCode).toBe(200);
    expect(page.headers["content-type"]).toBe("text/html; charset=utf-8");
    expect(page.headers["content-security-policy"]).toBe(
      "default-src 'none';style-src 'self';img-src 'self' data:;form-action 'self';frame-src 'self';frame-ancestors 'none';base-uri 'none'",
    );
    expect(page.headers["x-content-type-options"]).toBe("nosniff");
    expect(page.headers["x-frame-options"]).toBe("SAMEORIGIN");
    expect(page.headers["referrer-policy"]).toBe("no-referrer");
    expect(page.headers["cache-control"]).toBe("no-store");
    expect(page.body).not.toContain("<script");
    expect(String(page.headers["set-cookie"])).toMatch(
      /^provisio_csrf_setup=[^;]+; Path=\/setup; HttpOnly; SameSite=Lax$/,
    );
  });

  it("refuses a form without its CSRF token, or with another page's, and changes nothing", async () => {
    const { token, order } = await orderWithLink(app);
    const { post } = await open(`/setup/${token}/company`);
    const fields = { companyName: "Forged Srl", adminEmail: `${unique("x")}@forged.example` };
    for (const forged of [null, "", "not-a-token"]) {
      const response = await post(`/setup/${token}/company`, fields, forged);
      expect(response.statusCode).toBe(403);
      expect(response.body).toContain("This form expired. Reload the page and try again.");
    }
    // A token from another browser (another cookie) does not fit this one.
    const other = await open(`/setup/${token}/company`);
    const crossed = await post(`/setup/${token}/company`, fields, other.csrf ?? null);
    expect(crossed.statusCode).toBe(403);
    const audit = await api.get(`/api/v1/audit?orderId=${order.id}&action=setup.match`);
    expect(audit.json().events).toEqual([]);
  });

  it("posts the company form, redirects to the results, and shows them", async () => {
    const domain = `${unique("pagine")}.example`;
    await addOrganization(app, {
      name: "Pagine Gialle Srl",
      users: [[`admin@${domain}`, "full_admin"]],
      activeSubscriptions: 1,
    });
    const { token } = await orderWithLink(app);
    const { post } = await open(`/setup/${token}/company`);
    const response = await post(`/setup/${token}/company`, {
      companyName: "Pagine",
      adminEmail: `nuovo@${domain}`,
    });
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe(`/setup/${token}/results`);
    const results = await app.server.inject({ method: "GET", url: response.headers.location as string });
    expect(results.body).toContain("Pagine Gialle Srl");
    expect(results.body).toContain("a***@");
    expect(results.body).not.toContain(`admin@${domain}`);
  });

  it("shows what to do next to the field, in a summary at the top, with the status of the error", async () => {
    const { token } = await orderWithLink(app);
    const { page, post } = await open(`/setup/${token}/company`);
    expect(page.body).toMatch(/<form [^>]*novalidate/);
    const response = await post(`/setup/${token}/company`, {
      companyName: "Valida",
      adminEmail: "anna@localhost",
    });
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('aria-invalid="true"');
    const message =
      "Enter the administrator&#39;s e-mail address with a complete domain after the @, like name@acme.it";
    expect(response.body).toContain(`<p class="error" id="field-adminEmail-error">${message}</p>`);
    expect(response.body).toContain(`<li><a href="#field-adminEmail">${message}</a></li>`);
    expect(response.body).toContain("<title>Error: Company and administrator · Provisio</title>");
    expect(response.body).toContain('value="Valida"');
  });

  it("flags every field of an empty form at once, each with what to do, in the order's language", async () => {
    const { token } = await orderWithLink(app, { locale: "it" });
    const { post } = await open(`/setup/${token}/company`);
    const response = await post(`/setup/${token}/company`, {
      companyName: " ",
      adminEmail: "",
      country: "Italia",
    });
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain("<title>Errore: Società e amministratore · Provisio</title>");
    const summary = /<div class="error-summary"[\s\S]*?<\/div>/.exec(response.body)![0];
    expect([...summary.matchAll(/<a href="#field-(\w+)">([^<]+)<\/a>/g)].map((m) => [m[1], m[2]])).toEqual([
      ["companyName", "Inserisci il nome della società"],
      ["adminEmail", "Inserisci l&#39;indirizzo e-mail dell&#39;amministratore"],
      ["country", "Inserisci il paese con due lettere, come IT"],
    ]);
    expect(response.body.match(/aria-invalid="true"/g)).toHaveLength(3);
  });

  it("escapes what people typed", async () => {
    const { token } = await orderWithLink(app);
    const { post } = await open(`/setup/${token}/company`);
    const evil = `<script>alert(1)</script> "Quoted" & Co`;
    await post(`/setup/${token}/company`, { companyName: evil, adminEmail: `${unique("e")}@escape.example` });
    const results = await app.server.inject({ method: "GET", url: `/setup/${token}/results` });
    expect(results.body).not.toContain("<script>alert(1)</script>");
    expect(results.body).toContain("&lt;script&gt;alert(1)&lt;/script&gt; &quot;Quoted&quot; &amp; Co");
  });

  it("answers dead and unknown links with a page and their status", async () => {
    const { token, order } = await orderWithLink(app, { locale: "it" });
    const unknown = await app.server.inject({ method: "GET", url: `/setup/${"A".repeat(43)}` });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.body).toContain("This link does not exist");
    await api.post(`/api/v1/orders/${order.id}/cancel`);
    const revoked = await app.server.inject({ method: "GET", url: `/setup/${token}?lang=it` });
    expect(revoked.statusCode).toBe(410);
    expect(revoked.headers["content-type"]).toBe("text/html; charset=utf-8");
    expect(revoked.body).toContain("Questo link non funziona più");
    const approval = await app.server.inject({ method: "GET", url: `/admin-requests/${"B".repeat(43)}` });
    expect(approval.statusCode).toBe(404);
  });

  it("answers an unknown address with a page for a browser, and JSON for an API client", async () => {
    const page = await app.server.inject({
      url: "/setup",
      headers: { accept: "text/html,application/xhtml+xml", "accept-language": "it-IT,it;q=0.9" },
    });
    expect([page.statusCode, page.headers["content-type"]]).toEqual([404, "text/html; charset=utf-8"]);
    expect(page.body).toContain("<h1>Pagina non trovata</h1>");
    expect(page.body).toContain('href="/?lang=it"');
    for (const request of [
      { url: "/api/v1/nothing", headers: { accept: "text/html" } },
      { url: "/nothing", headers: { accept: "application/json" } },
    ]) {
      const json = await app.server.inject(request);
      expect([json.statusCode, json.json().error.code]).toEqual([404, "NOT_FOUND"]);
    }
  });

  it("the home page leads to the console, and to the mailbox only where it is served; /portal stands in for an unset PORTAL_URL", async () => {
    const home = await app.server.inject({ url: "/" });
    expect(home.body).toContain('href="/console?lang=en"');
    // This app listens on no loopback HOST of its own config (tests): the mailbox page is not served, nor linked.
    expect(home.body.includes('href="/dev/mailbox"')).toBe(
      (await app.server.inject({ url: "/dev/mailbox" })).statusCode === 200,
    );
    const portal = await app.server.inject({ url: "/portal" });
    expect(portal.statusCode).toBe(200);
    expect(portal.body).toContain("Set PORTAL_URL");
    const configured = await startTestApp(engine, { PORTAL_URL: "https://app.example.com/login" });
    try {
      expect((await configured.server.inject({ url: "/portal" })).statusCode).toBe(404);
      expect(configured.config.portalUrl).toBe("https://app.example.com/login");
    } finally {
      await configured.close();
    }
  });

  it("takes forms only as forms on pages, and JSON only as JSON on the API", async () => {
    const { token } = await orderWithLink(app);
    const json = await app.server.inject({
      method: "POST",
      url: `/api/v1/setup/${token}/match`,
      headers: { "content-type": "application/x-www-form-urlencoded" },
      payload: "companyName=X&adminEmail=a%40b.example",
    });
    expect(json.statusCode).toBe(415);
    expect(json.json().error.code).toBe("UNSUPPORTED_MEDIA_TYPE");
  });
});
