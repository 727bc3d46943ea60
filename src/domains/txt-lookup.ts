import { promises as dns } from "node:dns";

/** What a TXT lookup found: the records (each one's strings joined), none, or no answer from DNS. */
export type TxtAnswer =
  | { status: "found"; records: string[] }
  | { status: "none" }
  | { status: "unavailable"; reason: string };

export type LookupTxt = (name: string) => Promise<TxtAnswer>;

/** How long one lookup may take, whatever the resolvers do: a dead one never holds a request longer. */
export const lookupLimitMs = 4000;

// A name that does not exist, or exists without TXT records: the record is simply not published.
const absent = new Set(["ENOTFOUND", "ENODATA", "NXDOMAIN"]);

/**
 * TXT lookups through `node:dns` at DNS_SERVERS (the system's resolvers when empty). Each lookup has its
 * own Resolver, asked once per server with a short timeout, and is cut at `limitMs` in any case.
 */
export function createTxtLookup(servers: readonly string[], limitMs = lookupLimitMs): LookupTxt {
  return async (name) => {
    const resolver = new dns.Resolver({ timeout: Math.ceil(limitMs / 2), tries: 1 });
    if (servers.length > 0) resolver.setServers([...servers]);
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<TxtAnswer>((resolve) => {
      timer = setTimeout(() => {
        resolver.cancel();
        resolve({ status: "unavailable", reason: `no answer from DNS within ${limitMs / 1000} s` });
      }, limitMs);
    });
    const lookup = resolver.resolveTxt(name).then(
      (records): TxtAnswer => ({ status: "found", records: records.map((chunks) => chunks.join("")) }),
      (error: NodeJS.ErrnoException): TxtAnswer =>
        absent.has(error.code ?? "")
          ? { status: "none" }
          : { status: "unavailable", reason: describe(error.code) },
    );
    try {
      return await Promise.race([lookup, deadline]);
    } finally {
      clearTimeout(timer);
    }
  };
}

function describe(code: string | undefined): string {
  switch (code) {
    case "ETIMEOUT":
    case "ECANCELLED":
      return "no answer from DNS in time";
    case "ESERVFAIL":
      return "the DNS server failed (SERVFAIL)";
    case "EREFUSED":
    case "ECONNREFUSED":
      return "the DNS server refused the query";
    default:
      return `the lookup failed (${code ?? "unknown error"})`;
  }
}
