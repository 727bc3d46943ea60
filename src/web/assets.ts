import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import type { FastifyInstance } from "fastify";

const css = readFileSync(new URL("./assets/app.css", import.meta.url));
const version = createHash("sha256").update(css).digest("hex").slice(0, 12);

/** The style sheet's address carries its hash, so it can be cached for good. */
export const stylesheetHref = `/assets/app.css?v=${version}`;

export function assetRoutes(app: FastifyInstance): void {
  app.get("/assets/app.css", { schema: { hide: true } }, async (_request, reply) =>
    reply
      .header("content-type", "text/css; charset=utf-8")
      .header("cache-control", "public, max-age=31536000, immutable")
      .header("etag", `"${version}"`)
      .send(css),
  );
}
