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

  it("shows the reason next to the field, with the status of the error", async () => {
    const { token } = await orderWithLink(app);
    const { post } = await open(`/setup/${token}/company`);
    const response = await post(`/setup/${token}/company`, {
      companyName: "Valida",
      adminEmail: "anna@localhost",
    });
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('aria-invalid="true"');
    expect(response.body).toContain("This is not an e-mail address we can use.");
    expect(response.body).toContain('value="Valida"');
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
