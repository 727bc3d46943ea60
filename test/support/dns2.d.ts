// dns2 ships no types: the part of its server API the tests use.
declare module "dns2" {
  type Question = { name: string; type: number };
  type Packet = { questions: Question[]; answers: unknown[] };
  const dns2: {
    Packet: {
      TYPE: { A: number; AAAA: number; TXT: number };
      CLASS: { IN: number };
      createResponseFromRequest(request: Packet): Packet;
    };
    createServer(options: {
      udp?: boolean;
      tcp?: boolean;
      handle: (request: Packet, send: (response: Packet) => void) => void;
    }): {
      listen(options: { udp?: { port: number; address: string; type?: "udp4" | "udp6" } }): Promise<void>;
      addresses(): { udp?: { port: number } };
      close(): Promise<void>;
    };
  };
  export default dns2;
}
