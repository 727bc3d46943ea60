import { lookup } from "node:dns/promises";
import ipaddr from "ipaddr.js";
import { AppError } from "../errors/app-error.js";

/** Every address a host name resolves to (the system's resolver: /etc/hosts, then DNS). */
export type ResolveHost = (hostname: string) => Promise<{ address: string; family: number }[]>;

export const systemResolver: ResolveHost = (hostname) => lookup(hostname, { all: true, verbatim: true });

/** Where a delivery connects: the address that was checked, never a second lookup (no DNS rebinding). */
export type WebhookTarget = { url: URL; address: string; family: 4 | 6 };

/**
 * A webhook URL as integration.md § 2 allows it: http or https, no credentials. Anything else is
 * WEBHOOK_URL_NOT_ALLOWED; text that is not a URL at all is VALIDATION_FAILED.
 */
export function parseWebhookUrl(raw: string, path = "url"): URL {
  if (!URL.canParse(raw)) {
    throw new AppError("VALIDATION_FAILED", {
      context: { reason: "The webhook URL is not a URL." },
      details: [{ path, message: "is not a URL" }],
    });
  }
  const url = new URL(raw);
  if (url.protocol !== "http:" && url.protocol !== "https:")
    refuse(path, "must start with http:// or https://");
  if (url.username || url.password) refuse(path, "must not hold a user name or password");
  return url;
}

/**
 * Resolves the URL's host and refuses it when the host is, or resolves to, an address that is not
 * public unicast: loopback, private, carrier-grade NAT, link-local, multicast, broadcast,
 * unspecified, reserved, documentation, or IPv6 forms that carry such an IPv4 address (mapped,
 * translated, NAT64, 6to4, IPv4-compatible). Every address the name has must pass. With
 * WEBHOOK_ALLOW_PRIVATE=true only the syntax is checked (development and tests).
 */
export async function checkWebhookTarget(
  url: URL,
  options: { allowPrivate: boolean; resolve: ResolveHost; path?: string },
): Promise<WebhookTarget> {
  const path = options.path ?? "url";
  const host = url.hostname.replace(/^\[(.*)\]$/, "$1");
  let addresses: { address: string; family: number }[];
  if (ipaddr.isValid(host)) addresses = [{ address: host, family: host.includes(":") ? 6 : 4 }];
  else {
    try {
      addresses = await options.resolve(host);
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      refuse(path, `its host does not resolve (${typeof code === "string" ? code : "lookup failed"})`);
    }
  }
  if (addresses.length === 0) refuse(path, "its host does not resolve");
  if (!options.allowPrivate) {
    for (const { address } of addresses) {
      const why = notPublic(address);
      if (why)
        refuse(path, `its host ${host === address ? "is" : `resolves to ${address}, which is`} ${why}`);
    }
  }
  const first = addresses[0]!;
  return { url, address: first.address, family: first.family === 6 ? 6 : 4 };
}

/** Why an address may not receive webhooks (its range), or undefined when it is public unicast. */
export function notPublic(address: string): string | undefined {
  if (!ipaddr.isValid(address)) return "not an IP address";
  const ip = ipaddr.parse(address);
  if (ip.kind() === "ipv4") return v4(ip as ipaddr.IPv4);
  const v6 = ip as ipaddr.IPv6;
  const p = v6.parts;
  const embedded = (hi: number, lo: number) => new ipaddr.IPv4([hi >> 8, hi & 255, lo >> 8, lo & 255]);
  const range = v6.range();
  if (range === "ipv4Mapped") return v4(v6.toIPv4Address(), "an IPv4-mapped");
  if (range === "rfc6145") return v4(embedded(p[6]!, p[7]!), "an IPv4-translated");
  if (range === "6to4") return v4(embedded(p[1]!, p[2]!), "a 6to4");
  if (range === "rfc6052") {
    // The well-known NAT64 prefix 64:ff9b::/96 carries the IPv4 address in its last 32 bits.
    const wellKnown = p[0] === 0x64 && p[1] === 0xff9b && p.slice(2, 6).every((x) => x === 0);
    return wellKnown ? v4(embedded(p[6]!, p[7]!), "a NAT64") : "a local-use NAT64 address";
  }
  if (p.slice(0, 6).every((x) => x === 0)) return "an IPv4-compatible or unspecified IPv6 address";
  return range === "unicast" ? undefined : describe(range);
}

function v4(ip: ipaddr.IPv4, form?: string): string | undefined {
  const range = ip.range();
  if (range === "unicast") return undefined;
  return form ? `${form} form of ${ip.toString()}, ${describe(range)}` : describe(range);
}

function describe(range: string): string {
  const names: Record<string, string> = {
    loopback: "a loopback address",
    private: "a private address",
    uniqueLocal: "a private (unique local) address",
    carrierGradeNat: "a carrier-grade NAT address",
    linkLocal: "a link-local address",
    multicast: "a multicast address",
    broadcast: "the broadcast address",
    unspecified: "the unspecified address",
  };
  return names[range] ?? `a reserved address (${range})`;
}

function refuse(path: string, message: string): never {
  throw new AppError("WEBHOOK_URL_NOT_ALLOWED", {
    context: { reason: message },
    details: [{ path, message }],
  });
}
