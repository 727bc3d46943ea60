import type { FastifyInstance } from "fastify";
import { z } from "zod";
import type { Db } from "../db/database.js";
import { isMigrated } from "../db/migrate.js";

const status = z.object({ status: z.string() });

export function healthRoutes(app: FastifyInstance, db: Db): void {
  app.get(
    "/healthz",
    {
      schema: {
        tags: ["operations"],
        operationId: "getHealth",
        summary: "The process is up",
        response: { 200: status },
      },
    },
    async () => ({ status: "ok" }),
  );
  app.get(
    "/readyz",
    {
      schema: {
        tags: ["operations"],
        operationId: "getReadiness",
        summary: "The database is reachable and migrated",
        response: { 200: status, 503: status },
      },
    },
    async (_request, reply) => {
      const ready = await isMigrated(db).catch(() => false);
      return reply.status(ready ? 200 : 503).send({ status: ready ? "ready" : "not_ready" });
    },
  );
}
