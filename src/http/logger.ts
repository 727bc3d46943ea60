import pino, { type DestinationStream, type Logger } from "pino";
import pretty from "pino-pretty";
import type { Config } from "../config.js";
import { redactUrl } from "./error-handler.js";

/**
 * Logs with no tokens (headers redacted, secret path segments removed) and no raw e-mail addresses: JSON
 * lines for a log collector, or readable lines when a person watches a terminal (stdout is a TTY).
 */
export function createLogger(
  config: Pick<Config, "logLevel">,
  destination?: DestinationStream,
  options: { pretty?: boolean } = {},
): Logger {
  const readable = options.pretty ?? (destination === undefined && process.stdout.isTTY === true);
  const stream = readable
    ? pretty({
        colorize: destination === undefined,
        translateTime: "SYS:HH:MM:ss",
        ignore: "pid,hostname",
        singleLine: true,
        destination: destination ?? 1,
      })
    : destination;
  return pino(
    {
      level: config.logLevel,
      redact: {
        paths: ["req.headers.authorization", "req.headers.cookie", "*.token", "*.password"],
        censor: "[redacted]",
      },
      serializers: {
        req: (req: { id?: string; method?: string; url?: string; ip?: string }) => ({
          id: req.id,
          method: req.method,
          url: req.url === undefined ? undefined : redactUrl(req.url),
          remoteAddress: req.ip,
        }),
        err: pino.stdSerializers.err,
      },
    },
    stream,
  );
}
