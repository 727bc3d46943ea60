import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { createLogger } from "./logger.js";

function capture() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(...String(chunk).split("\n").filter(Boolean));
      done();
    },
  });
  return { stream, lines };
}

describe("createLogger", () => {
  it("writes JSON lines for a log collector", () => {
    const { stream, lines } = capture();
    createLogger({ logLevel: "info" }, stream).info({ orderId: "7" }, "order placed");
    expect(JSON.parse(lines[0]!)).toMatchObject({ level: 30, msg: "order placed", orderId: "7" });
  });

  it("writes readable lines for a terminal, still without a redacted secret", async () => {
    const { stream, lines } = capture();
    const logger = createLogger({ logLevel: "info" }, stream, { pretty: true });
    logger.info({ req: { headers: { authorization: "Bearer secret-token" } } }, "order placed");
    await new Promise((r) => setTimeout(r, 50));
    expect(lines.length).toBe(1);
    expect(() => JSON.parse(lines[0]!)).toThrow();
    expect(lines[0]).toMatch(/^\[\d\d:\d\d:\d\d\] INFO: order placed/);
    expect(lines[0]).not.toContain("secret-token");
  });
});
