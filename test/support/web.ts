import type { TestApp } from "./test-app.js";

export type WebResponse = { status: number; body: string; location: string | undefined; setCookie: string[] };

/**
 * A person's browser over `server.inject`: keeps cookies (each request sends the latest value of
 * each), reads the CSRF token of the last page, posts forms with it.
 */
export function browser(app: TestApp) {
  const jar = new Map<string, string>();
  let csrf: string | undefined;
  const send = async (
    method: "GET" | "POST",
    url: string,
    fields?: Record<string, string>,
  ): Promise<WebResponse> => {
    const response = await app.server.inject({
      method,
      url,
      headers: {
        ...(jar.size ? { cookie: [...jar].map(([k, v]) => `${k}=${v}`).join("; ") } : {}),
        ...(fields ? { "content-type": "application/x-www-form-urlencoded" } : {}),
      },
      ...(fields ? { payload: new URLSearchParams(fields).toString() } : {}),
    });
    const raw = response.headers["set-cookie"];
    const setCookie = raw === undefined ? [] : Array.isArray(raw) ? raw : [raw];
    for (const c of setCookie) {
      const [pair] = c.split(";");
      const [name, value] = [pair!.slice(0, pair!.indexOf("=")), pair!.slice(pair!.indexOf("=") + 1)];
      if (value === "" || /Expires=Thu, 01 Jan 1970/i.test(c)) jar.delete(name);
      else jar.set(name, value);
    }
    const token = /name="_csrf" value="([^"]+)"/.exec(response.body)?.[1];
    if (token) csrf = token;
    return {
      status: response.statusCode,
      body: response.body,
      location: response.headers.location as string | undefined,
      setCookie,
    };
  };
  return {
    jar,
    get: (url: string) => send("GET", url),
    /** Posts a form with the CSRF token of the last page (or `_csrf` given in `fields`). */
    post: (url: string, fields: Record<string, string> = {}) =>
      send("POST", url, { _csrf: csrf ?? "", ...fields }),
    /** Posts without any CSRF token. */
    postBare: (url: string, fields: Record<string, string> = {}) => send("POST", url, fields),
    /** Signs in through the sign-in page. */
    async signIn(email: string, password: string): Promise<WebResponse> {
      await send("GET", "/console/sign-in");
      return send("POST", "/console/sign-in", { _csrf: csrf ?? "", email, password });
    },
  };
}
