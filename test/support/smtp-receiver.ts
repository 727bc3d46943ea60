import type { AddressInfo, Socket } from "node:net";
import { type ParsedMail, simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";

export type ReceivedMail = ParsedMail & { outboxId: string; toAddress: string };

/**
 * A real SMTP server in the test process: messages arrive over TCP through the mailer's pool and are
 * parsed with mailparser. It can go down and come back on the same port, and hold a message in DATA.
 */
export type SmtpReceiver = {
  readonly port: number;
  readonly url: string;
  readonly messages: ReceivedMail[];
  /** Waits until `count` messages arrived (or fails after `timeoutMs`). */
  waitFor(count: number, timeoutMs?: number): Promise<ReceivedMail[]>;
  /** Stops listening and drops every connection: connections are refused until start(). */
  stop(): Promise<void>;
  start(): Promise<void>;
  /** While set, DATA is not answered: the sender hangs mid-send. */
  hold(on: boolean): void;
  /** Answers the DATA of the messages held so far: they are received now, as if never held. */
  release(): Promise<void>;
  /** Messages whose DATA began (held ones included). */
  readonly dataStarted: number;
  close(): Promise<void>;
};

export async function startSmtpReceiver(): Promise<SmtpReceiver> {
  const messages: ReceivedMail[] = [];
  let holding = false;
  let dataStarted = 0;
  let port = 0;
  const held: (() => Promise<void>)[] = [];
  const accept = (mail: ParsedMail, callback: () => void) => {
    const to = Array.isArray(mail.to) ? mail.to[0] : mail.to;
    messages.push(
      Object.assign(mail, {
        outboxId: String(mail.headers.get("x-provisio-outbox-id") ?? ""),
        toAddress: to?.value[0]?.address ?? "",
      }),
    );
    callback();
  };
  const make = () =>
    new SMTPServer({
      authOptional: true,
      disabledCommands: ["STARTTLS"],
      logger: false,
      closeTimeout: 200,
      onData(stream, _session, callback) {
        dataStarted++;
        const parsed = simpleParser(stream);
        const answer = () =>
          parsed.then(
            (mail) => accept(mail, callback),
            (error: Error) => callback(error),
          );
        if (holding) {
          // Not answered until release(), if ever: the client's DATA waits until then, gives up or dies.
          parsed.catch(() => {});
          held.push(answer);
          return;
        }
        void answer();
      },
    });
  let server = make();
  // Every open socket, so that stop() is an outage at once, not after idle connections time out.
  const sockets = new Set<Socket>();
  const listen = () =>
    new Promise<void>((resolve, reject) => {
      server.server.on("connection", (socket: Socket) => {
        sockets.add(socket);
        socket.once("close", () => sockets.delete(socket));
      });
      server.once("error", reject);
      // A sender killed mid-session resets its connection, which smtp-server reports as an 'error' event.
      server.on("error", () => {});
      server.listen(port, "127.0.0.1", () => {
        port = (server.server.address() as AddressInfo).port;
        resolve();
      });
    });
  const close = () =>
    new Promise<void>((resolve) => {
      server.close(() => resolve());
      for (const socket of sockets) socket.destroy();
    });
  await listen();
  let running = true;
  return {
    get port() {
      return port;
    },
    get dataStarted() {
      return dataStarted;
    },
    get url() {
      return `smtp://127.0.0.1:${port}`;
    },
    messages,
    async waitFor(count, timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      while (messages.length < count) {
        if (Date.now() > deadline) throw new Error(`expected ${count} e-mails, got ${messages.length}`);
        await new Promise((r) => setTimeout(r, 20));
      }
      return messages;
    },
    async stop() {
      if (!running) return;
      running = false;
      await close();
    },
    async start() {
      if (running) return;
      server = make();
      await listen();
      running = true;
    },
    hold(on) {
      holding = on;
    },
    async release() {
      await Promise.all(held.splice(0).map((answer) => answer()));
    },
    close,
  };
}
