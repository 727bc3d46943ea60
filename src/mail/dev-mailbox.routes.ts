import type { FastifyInstance, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import type { Kysely } from "kysely";
import { z } from "zod";
import type { Config } from "../config.js";
import { idPattern } from "../db/ids.js";
import type { Database } from "../db/schema.js";
import { AppError } from "../errors/app-error.js";
import { errorResponses } from "../http/openapi.js";
import { formatDateTime } from "../render/format.js";
import { html } from "../render/html.js";
import { renderPage } from "../web/layout.js";

const messageOutput = z.object({
  id: z.string(),
  to: z.string(),
  subject: z.string(),
  text: z.string(),
  html: z.string(),
  links: z.array(z.string()),
  createdAt: z.iso.datetime(),
});

type Message = Awaited<ReturnType<typeof listMessages>>[number];

async function listMessages(
  db: Kysely<Database>,
  filter: { to?: string | undefined; limit: number; id?: string },
) {
  let q = db.selectFrom("dev_mailbox").selectAll();
  if (filter.to !== undefined) q = q.where("recipient", "=", filter.to.trim().toLowerCase());
  if (filter.id !== undefined) q = q.where("id", "=", filter.id);
  const rows = await q.orderBy("id", "desc").limit(filter.limit).execute();
  return rows.map((m) => ({
    id: m.id,
    to: m.recipient,
    subject: m.subject,
    text: m.text,
    html: m.html,
    links: m.links,
    createdAt: m.created_at.toISOString(),
  }));
}

/** `GET /api/v1/dev/mailbox` (docs/api.md § Development mailbox), behind the API token like the rest of /api/v1. */
export async function devMailboxApiRoutes(fastify: FastifyInstance, db: Kysely<Database>): Promise<void> {
  fastify.withTypeProvider<ZodTypeProvider>().get(
    "/dev/mailbox",
    {
      schema: {
        tags: ["development"],
        security: [{ bearer: [] }],
        operationId: "listDevMailbox",
        summary: "E-mails kept instead of sent (only when SMTP_URL is unset), newest first",
        querystring: z.object({
          to: z.string().max(320).optional(),
          limit: z.coerce.number().int().min(1).max(500).default(100),
        }),
        response: { 200: z.object({ messages: z.array(messageOutput) }), ...errorResponses(400, 401) },
      },
    },
    async (request, reply) => {
      void reply.header("cache-control", "no-store");
      return { messages: await listMessages(db, request.query) };
    },
  );
}

/** Headers a proxy adds: a request that carries one came through something else than the loopback. */
const forwardingHeaders = [
  "forwarded",
  "x-forwarded-for",
  "x-forwarded-host",
  "x-forwarded-proto",
  "x-real-ip",
  "via",
];

function isLoopbackAddress(address: string | undefined): boolean {
  return address !== undefined && /^(127\.|::1$|::ffff:127\.)/.test(address);
}

/**
 * Whether this request comes straight from this machine to a name of this machine: a loopback peer (not
 * a forwarded address), a Host of localhost, a loopback address or PUBLIC_URL's, and no proxy headers.
 * A reverse proxy on the same host, or a page of another site whose name rebinds to 127.0.0.1, fails.
 */
export function isLocalRequest(request: FastifyRequest, publicUrl: string): boolean {
  if (!isLoopbackAddress(request.socket.remoteAddress)) return false;
  if (forwardingHeaders.some((h) => request.headers[h] !== undefined)) return false;
  const host = (request.headers.host ?? "").toLowerCase();
  const allowed = new Set(["localhost", "127.0.0.1", "[::1]", new URL(publicUrl).host.toLowerCase()]);
  const hostname = host.replace(/:\d+$/, "");
  return allowed.has(host) || allowed.has(hostname);
}

/**
 * `/dev/mailbox`, the same to a person. E-mails carry secret links, so the page is served only on a
 * server that listens on a loopback address (the quick start), and only to a request that is local
 * (isLocalRequest); any other gets 404. Never cached.
 */
export async function devMailboxPages(
  fastify: FastifyInstance,
  db: Kysely<Database>,
  config: Pick<Config, "publicUrl">,
): Promise<void> {
  await fastify.register(async (scope) => {
    scope.addHook("onRequest", async (request, reply) => {
      void reply.header("cache-control", "no-store");
      if (!isLocalRequest(request, config.publicUrl)) {
        throw new AppError("NOT_FOUND", {
          context: { about: "route", reason: `${request.method} /dev/mailbox` },
        });
      }
    });
    await mailboxRoutes(scope, db);
  });
}

async function mailboxRoutes(fastify: FastifyInstance, db: Kysely<Database>): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  app.get("/dev/mailbox", { schema: { hide: true } }, async (_request, reply) => {
    const messages = await listMessages(db, { limit: 100 });
    const main = html`<h1>Development mailbox</h1>
<p class="lead">SMTP_URL is not set, so e-mails are kept here instead of sent: ${messages.length} most recent, newest first. Open one to read it whole.</p>
${messages.length === 0 && html`<div class="panel"><p>No e-mail yet.</p></div>`}
${messages.map(
  (m) => html`<article class="panel mail" aria-labelledby="mail-${m.id}">
<h2 id="mail-${m.id}"><a href="/dev/mailbox/${m.id}">${m.subject}</a></h2>
${mailFacts(m)}
</article>`,
)}`;
    return reply
      .header("content-type", "text/html; charset=utf-8")
      .send(renderPage({ title: "Development mailbox", locale: "en", main }));
  });

  // One e-mail, whole: its plain text as sent, and its HTML as a mail client shows it.
  app.get(
    "/dev/mailbox/:id",
    { schema: { hide: true, params: z.object({ id: z.string().regex(idPattern) }) } },
    async (request, reply) => {
      const [m] = (await listMessages(db, { limit: 1, id: request.params.id })) as Message[];
      if (!m) throw new AppError("NOT_FOUND", { context: { about: "message" } });
      const main = html`<p class="back"><a class="back-link" href="/dev/mailbox">All e-mails</a></p>
<h1>${m.subject}</h1>
<article class="panel mail" aria-label="${m.subject}">
${mailFacts(m)}
</article>
<h2>Plain text</h2>
<pre class="mail-text">${m.text}</pre>
<h2>HTML</h2>
<p><a href="/dev/mailbox/${m.id}/html">Open the HTML on its own</a></p>
<iframe class="mail-html" title="${m.subject} (HTML)" src="/dev/mailbox/${m.id}/html" sandbox></iframe>`;
      return reply
        .header("content-type", "text/html; charset=utf-8")
        .send(renderPage({ title: m.subject, locale: "en", main }));
    },
  );

  app.get(
    "/dev/mailbox/:id/html",
    { schema: { hide: true, params: z.object({ id: z.string().regex(idPattern) }) } },
    async (request, reply) => {
      const row = await db
        .selectFrom("dev_mailbox")
        .select("html")
        .where("id", "=", request.params.id)
        .executeTakeFirst();
      if (!row) throw new AppError("NOT_FOUND", { context: { about: "message" } });
      // The e-mail's own inline styles, and nothing else: no script, no requests anywhere.
      return reply
        .header("content-type", "text/html; charset=utf-8")
        .header(
          "content-security-policy",
          "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'self'",
        )
        .header("x-frame-options", "SAMEORIGIN")
        .send(row.html);
    },
  );
}

function mailFacts(m: Message) {
  return html`<dl class="facts"><dt>To</dt><dd>${m.to}</dd><dt>At</dt><dd>${formatDateTime(new Date(m.createdAt), "en")}</dd>
${m.links.length > 0 && html`<dt>Links</dt><dd>${m.links.map((l) => html`<a href="${l}">${l}</a><br>`)}</dd>`}</dl>`;
}
