import { promises as dns } from "node:dns";
import dns2 from "dns2";
import type { ResolveHost } from "../../src/webhooks/url-guard.js";

/**
 * A real DNS server on 127.0.0.1 (UDP, the dns2 package) whose A records the test sets and changes,
 * and a resolver that asks it: what an attacker's name server does for DNS rebinding.
 */
export async function startDnsServer() {
  const records = new Map<string, string[]>();
  const queries: string[] = [];
  const server = dns2.createServer({
    udp: true,
    handle(request, send) {
      const response = dns2.Packet.createResponseFromRequest(request);
      for (const { name, type } of request.questions) {
        queries.push(name);
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
    queries,
    resolveHost,
    close: () => server.close(),
  };
}
