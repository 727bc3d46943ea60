import { createSocket } from "node:dgram";
import { promises as dns } from "node:dns";
import dns2 from "dns2";
import type { ResolveHost } from "../../src/webhooks/url-guard.js";

/**
 * A real DNS server on 127.0.0.1 (UDP, the dns2 package) whose A and TXT records the test sets and
 * changes: what an attacker's name server does for DNS rebinding, and where an organization publishes
 * its domain challenge. `servers` is the value for DNS_SERVERS.
 */
export async function startDnsServer() {
  const records = new Map<string, string[]>();
  const txt = new Map<string, string[][]>();
  const queries: string[] = [];
  const server = dns2.createServer({
    udp: true,
    handle(request, send) {
      const response = dns2.Packet.createResponseFromRequest(request);
      for (const { name, type } of request.questions) {
        queries.push(name);
        if (type === dns2.Packet.TYPE.TXT) {
          for (const data of txt.get(name.toLowerCase()) ?? [])
            response.answers.push({ name, type, class: dns2.Packet.CLASS.IN, ttl: 0, data });
          continue;
        }
        if (type !== dns2.Packet.TYPE.A) continue;
        for (const address of records.get(name.toLowerCase()) ?? [])
          response.answers.push({
            name,
            type: dns2.Packet.TYPE.A,
            class: dns2.Packet.CLASS.IN,
            ttl: 0,
            address,
          });
      }
      send(response);
    },
  });
  await server.listen({ udp: { port: 0, address: "127.0.0.1", type: "udp4" } });
  const port = server.addresses().udp!.port;
  const resolver = new dns.Resolver({ timeout: 1000, tries: 1 });
  resolver.setServers([`127.0.0.1:${port}`]);
  const resolveHost: ResolveHost = async (hostname) =>
    (await resolver.resolve4(hostname)).map((address) => ({ address, family: 4 }));
  return {
    /** The name answers these addresses from now on. */
    set(name: string, addresses: string[]) {
      records.set(name.toLowerCase(), addresses);
    },
    /** The name answers these TXT records from now on (a record of several strings: an array); none: []. */
    setTxt(name: string, values: (string | string[])[]) {
      txt.set(
        name.toLowerCase(),
        values.map((v) => (Array.isArray(v) ? v : [v])),
      );
    },
    queries,
    resolveHost,
    servers: `127.0.0.1:${port}`,
    close: () => server.close(),
  };
}

/** A UDP socket on loopback that takes DNS queries and never answers: a dead name server. */
export async function startSilentDnsServer() {
  const socket = createSocket("udp4");
  let received = 0;
  socket.on("message", () => {
    received++;
  });
  await new Promise<void>((resolve) => socket.bind(0, "127.0.0.1", resolve));
  return {
    servers: `127.0.0.1:${socket.address().port}`,
    received: () => received,
    close: () => new Promise<void>((resolve) => socket.close(() => resolve())),
  };
}
