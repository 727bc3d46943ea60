import { AppError } from "../errors/app-error.js";

/** What the line reader yields for a line longer than the limit: one bad line, the stream goes on. */
export const lineTooLong = Symbol("line too long");

export type NdjsonLimits = {
  /** A longer line is `lineTooLong` (LINE_TOO_LONG in the import's answer). */
  maxLineBytes: number;
  /** Past this many bytes in all, reading stops with PAYLOAD_TOO_LARGE. */
  maxTotalBytes: number;
};

const newline = 0x0a;

/** An import line longer than this is one bad line (LINE_TOO_LONG); the import goes on. */
export const maxImportLineBytes = 1024 * 1024;

/**
 * The lines of an NDJSON body, decoded as UTF-8 once each line is whole. Each chunk is scanned once,
 * so a line of any length costs time in proportion to its bytes; a line over `maxLineBytes` is not
 * kept at all: its bytes are skipped up to the next newline and it is answered as `lineTooLong`.
 */
export async function* ndjsonLines(
  input: AsyncIterable<Buffer | string>,
  limits: NdjsonLimits,
): AsyncGenerator<string | typeof lineTooLong> {
  let parts: Buffer[] = [];
  let pending = 0;
  let overflowing = false;
  // Bytes of the lines handed out so far: the bound falls between lines, however the input is cut.
  let consumed = 0;
  const take = (bytes: number) => {
    consumed += bytes;
    if (consumed > limits.maxTotalBytes) {
      throw new AppError("PAYLOAD_TOO_LARGE", {
        context: { reason: `The import is larger than ${limits.maxTotalBytes} bytes (IMPORT_MAX_BYTES).` },
      });
    }
  };
  for await (const raw of input) {
    const chunk = typeof raw === "string" ? Buffer.from(raw, "utf8") : raw;
    let start = 0;
    for (let end = chunk.indexOf(newline, start); end !== -1; end = chunk.indexOf(newline, start)) {
      take(end - start + 1);
      if (overflowing || pending + (end - start) > limits.maxLineBytes) {
        yield lineTooLong;
      } else {
        parts.push(chunk.subarray(start, end));
        yield decode(parts);
      }
      parts = [];
      pending = 0;
      overflowing = false;
      start = end + 1;
    }
    if (start === chunk.length) continue;
    take(chunk.length - start);
    if (overflowing) continue;
    pending += chunk.length - start;
    if (pending > limits.maxLineBytes) {
      overflowing = true;
      parts = [];
    } else parts.push(chunk.subarray(start));
  }
  if (overflowing) yield lineTooLong;
  else if (pending > 0) yield decode(parts);
}

function decode(parts: Buffer[]): string {
  const text = (parts.length === 1 ? parts[0]! : Buffer.concat(parts)).toString("utf8");
  return text.endsWith("\r") ? text.slice(0, -1) : text;
}
