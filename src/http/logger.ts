import pino, { type DestinationStream, type Logger } from "pino";
import type { Config } from "../config.js";
import { redactUrl } from "./error-handler.js";

/** JSON logs: no tokens (headers redacted, secret path segments removed), no raw e-mail addresses. */
export function createLogger(config: Pick<Config, "logLevel">, destination?: DestinationStream): Logger {
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
    destination,
  );
}
