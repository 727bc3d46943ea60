import { type ChildProcess, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { systemClock } from "../../src/clock.js";
import { openDatabase } from "../../src/db/database.js";
import { addOperator } from "../../src/operators/add-operator.js";
import { type SmtpReceiver, startSmtpReceiver } from "../support/smtp-receiver.js";
import { apiToken } from "../support/test-app.js";
import {
  freePort,
  type ProvisioProcess,
  readiness,
  sleep,
  startProvisio,
  waitUntil,
} from "./support/provisio-process.js";
import { startThrowawayCluster, type ThrowawayCluster } from "./support/throwaway-cluster.js";

/**
 * Production runs several stateless instances on one PostgreSQL. Three `provisio serve` processes
 * stand behind Debian's HAProxy (round robin, health checks on /readyz) on a throwaway cluster. The
 * wizard, orders and approvals are driven through the balancer, as browsers and the ordering system
 * would, while instance A (HTTP only) is SIGKILLed and restarted and instance B (HTTP and mail
 * workers) is SIGTERMed and restarted. C serves and delivers throughout. Then: no order lost or doubled,
 * every e-mail received exactly once, every flow finished through whichever instance answered, and the
 * limits that must hold across instances (sign-in throttle, link probing) hold when the attempts are
 * spread over the three.
 *
 * A SIGKILLed mail worker's claimed e-mail waits for its lease (5 minutes) and is covered by
 * sigkill.test.ts; here the killed instance serves HTTP only, so the flows need no such wait.
 */
const haproxyBin = "/usr/sbin/haproxy";
const flows = 18;

let cluster: ThrowawayCluster;
let url: string;
let receiver: SmtpReceiver;
let pool: pg.Pool;
let dir: string;
let haproxy: ChildProcess;
let balancer: string;
const ports: Record<"a" | "b" | "c", number> = { a: 0, b: 0, c: 0 };
const instances: Record<"a" | "b" | "c", ProvisioProcess | undefined> = {
  a: undefined,
  b: undefined,
  c: undefined,
};
let env: Record<string, string>;

const start = async (name: "a" | "b" | "c") => {
  instances[name] = await startProvisio(
    { ...env, ...(name === "a" ? { BACKGROUND_JOBS: "0" } : {}) },
    ports[name],
  );
};

beforeAll(async () => {
  if (!existsSync(haproxyBin))
    throw new Error(`the multi-instance test needs HAProxy at ${haproxyBin} (apt-get install haproxy)`);
  cluster = await startThrowawayCluster();
  url = await cluster.createDatabase("provisio");
  receiver = await startSmtpReceiver();
  pool = new pg.Pool({ connectionString: url, max: 2 });
  pool.on("error", () => {});
  dir = await mkdtemp(join(tmpdir(), "provisio-haproxy-"));
  for (const name of ["a", "b", "c"] as const) ports[name] = await freePort();
  const front = await freePort();
  balancer = `http://127.0.0.1:${front}`;
  env = {
    DATABASE_URL: url,
    SMTP_URL: receiver.url,
    MAIL_RETRY_SECONDS: "1",
    PUBLIC_URL: balancer,
    TRUST_PROXY: "127.0.0.1",
    MATCH_RATE_PER_HOUR: "500",
    LINK_REQUESTS_PER_ADDRESS: "0",
  };
  // The first instance migrates; the others find the schema ready.
  await start("a");
  await Promise.all([start("b"), start("c")]);
  const config = join(dir, "haproxy.cfg");
  await writeFile(
    config,
    `global
  maxconn 2000
defaults
  mode http
  timeout connect 2s
  timeout client 30s
  timeout server 30s
  option forwardfor
  option redispatch
  retries 3
  retry-on conn-failure empty-response response-timeout 503
frontend provisio
  bind 127.0.0.1:${front}
  default_backend instances
backend instances
  balance roundrobin
  option httpchk GET /readyz
  http-check expect status 200
  default-server inter 300ms fall 2 rise 1
  server a 127.0.0.1:${ports.a} check
  server b 127.0.0.1:${ports.b} check
  server c 127.0.0.1:${ports.c} check
`,
  );
  haproxy = spawn(haproxyBin, ["-f", config, "-db"], { stdio: ["ignore", "pipe", "pipe"] });
  await waitUntil("HAProxy to answer", async () => (await readiness(balancer)) === 200, 20_000);
}, 180_000);

afterAll(async () => {
  haproxy?.kill("SIGKILL");
  await Promise.all(Object.values(instances).map((i) => i?.kill("SIGKILL")));
  await pool?.end();
  await receiver?.close();
  await cluster?.destroy();
  if (dir) await rm(dir, { recursive: true, force: true });
}, 60_000);

// biome-ignore lint/suspicious/noExplicitAny: the test reads answers whose shape it asserts
type Answer = { status: number; json: () => any };

/**
 * One call through the balancer, as a careful client makes it: retried while there is no answer or
 * the balancer has no instance for it (502, 503, 504), so an instance dying mid-request loses nothing.
 * Order intake is idempotent; the other calls are read back afterwards.
 */
async function call(method: "GET" | "POST", path: string, body?: unknown, auth = false): Promise<Answer> {
  const deadline = Date.now() + 60_000;
  for (let pause = 100; ; pause = Math.min(pause * 2, 1000)) {
    try {
      const response = await fetch(`${balancer}${path}`, {
        method,
        headers: {
          ...(auth ? { authorization: `Bearer ${apiToken}` } : {}),
          ...(body === undefined ? {} : { "content-type": "application/json" }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      const text = await response.text();
      if (![502, 503, 504].includes(response.status) || Date.now() > deadline) {
        return { status: response.status, json: () => JSON.parse(text) };
      }
    } catch (error) {
      if (Date.now() > deadline) throw error;
    }
    await sleep(pause);
  }
}

/** The newest e-mail to `to` whose subject starts with `subject`, once it arrived; its one link's path. */
async function mailTo(to: string, subject: string): Promise<{ path: string; outboxId: string }> {
  const mail = await waitUntil(
    `an e-mail "${subject}…" to ${to}`,
    () =>
      [...receiver.messages]
        .reverse()
        .find((m) => m.toAddress === to && (m.subject ?? "").startsWith(subject)),
    60_000,
  );
  const link = /https?:\/\/\S+\/(setup|admin-requests)\/[A-Za-z0-9_-]{43}/.exec(mail.text ?? "")?.[0];
  return { path: link ? new URL(link).pathname : "", outboxId: mail.outboxId };
}

const tokenOf = (path: string) => path.split("/").pop()!;

/** A call whose first try may have been done by an instance that died before answering: done twice is fine. */
const doneOnce = (answer: Answer, ...alreadyDone: string[]) =>
  answer.status === 200 || alreadyDone.includes(answer.json()?.error?.code);

describe("three instances behind HAProxy, one SIGKILLed and one SIGTERMed under traffic", () => {
  it("loses no order, sends every e-mail once, and finishes every flow through any instance", async () => {
    const run = Date.now().toString(36);
    const partner = await call(
      "POST",
      "/api/v1/organizations",
      { name: `Partner ${run}`, kind: "partner" },
      true,
    );
    expect(partner.status).toBe(201);
    const partnerId: string = partner.json().id;

    /** A customer organization with a full administrator, for the flows that need an approval. */
    const existing = async (i: number) => {
      const domain = `existing${i}-${run}.example`;
      const created = await call(
        "POST",
        "/api/v1/organizations",
        { name: `Esistente ${i} ${run} S.r.l.`, kind: "customer" },
        true,
      );
      const id: string = created.json().id;
      const admin = `boss@${domain}`;
      const added = await call(
        "POST",
        `/api/v1/organizations/${id}/users`,
        { email: admin, role: "full_admin" },
        true,
      );
      if (added.status !== 201) {
        // The instance that took the first try may have added the user and died before answering (the
        // call was then retried, by HAProxy or by `call`): the user must then be this organization's.
        expect(added.json().error.code, JSON.stringify(added.json())).toBe("EMAIL_IN_USE");
        const user = await call(
          "GET",
          `/api/v1/users/${added.json().error.details.existingId}`,
          undefined,
          true,
        );
        expect(user.json()).toMatchObject({ organizationId: id, email: admin, role: "full_admin" });
      }
      return { id, domain, admin, name: `Esistente ${i} ${run}` };
    };

    const finished: { orderId: string; kind: string }[] = [];
    const flow = async (i: number) => {
      const kind = ["new", "approval", "partner"][i % 3]!;
      const contact = `contact${i}-${run}@contacts.example`;
      const orderNumber = `HA-${run}-${i}`;
      const body = {
        orderNumber,
        orderedBy:
          kind === "partner" ? { type: "partner", partnerOrganizationId: partnerId } : { type: "customer" },
        provisioningContact: { email: contact },
        subscriptions: [{ services: [{ sku: "MEETINGS-ENT", quantity: 10 + i }] }],
      };
      const placed = await call("POST", "/api/v1/orders", body, true);
      expect([200, 201], JSON.stringify(placed.json())).toContain(placed.status);
      const orderId: string = placed.json().id;
      const setup = await mailTo(contact, kind === "partner" ? "Set up" : "Set up your new");
      let link = setup.path;
      const api = (p: string) => `/api/v1/setup/${tokenOf(link)}${p}`;
      if (kind === "new") {
        const adminEmail = `admin${i}@new${i}-${run}.example`;
        const company = { companyName: `Nuova ${i} ${run} S.r.l.`, adminEmail };
        expect((await call("POST", api("/match"), company)).json().outcome).toBe("no_match");
        const done = await call("POST", api("/complete"), { ...company, decision: { type: "new" } });
        expect(doneOnce(done, "ALREADY_PROVISIONED", "INVITATION_USED"), JSON.stringify(done.json())).toBe(
          true,
        );
        await mailTo(adminEmail, "Welcome");
      } else {
        const target = await existing(i);
        if (kind === "partner") {
          const by = await call("POST", api("/setup-by"), { setupBy: "partner" });
          expect(doneOnce(by, "WRONG_STEP"), JSON.stringify(by.json())).toBe(true);
        }
        const adminEmail = `nuovo${i}@${target.domain}`;
        const company = { companyName: target.name, adminEmail };
        const match = await call("POST", api("/match"), company);
        expect(match.json().candidates.map((c: { id: string }) => c.id)).toContain(target.id);
        const decided = await call("POST", api("/complete"), {
          ...company,
          decision: { type: "existing", organizationId: target.id },
        });
        expect(
          doneOnce(decided, "ADMIN_REQUEST_PENDING", "ALREADY_PROVISIONED"),
          JSON.stringify(decided.json()),
        ).toBe(true);
        const approval = await mailTo(target.admin, "Do you approve a new administrator");
        const approved = await call("POST", `/api/v1/admin-requests/${tokenOf(approval.path)}/approve`);
        expect(doneOnce(approved, "ADMIN_REQUEST_DECIDED"), JSON.stringify(approved.json())).toBe(true);
        const told = await mailTo(contact, "Request approved");
        if (kind === "approval") {
          // customer_self stopped: the resume link (the order's one live link now) finishes the setup.
          link = told.path;
          expect((await call("POST", api("/match"), company)).json().outcome).toBe("existing_admin");
          const resumed = await call("POST", api("/complete"), {
            ...company,
            decision: { type: "existing", organizationId: target.id },
          });
          expect(
            doneOnce(resumed, "ALREADY_PROVISIONED", "INVITATION_USED"),
            JSON.stringify(resumed.json()),
          ).toBe(true);
        }
      }
      finished.push({ orderId, kind });
    };

    // Four flows at a time; the instances fail while they run.
    const chaos = (async () => {
      await waitUntil("a third of the flows", () => finished.length >= flows / 3, 120_000);
      await instances.a!.kill("SIGKILL");
      await sleep(1500);
      await start("a");
      await waitUntil("two thirds of the flows", () => finished.length >= (2 * flows) / 3, 120_000);
      expect((await instances.b!.kill("SIGTERM")).code).toBe(0);
      await sleep(1500);
      await start("b");
    })();
    let next = 0;
    const flowing = Promise.all(
      Array.from({ length: 4 }, async () => {
        while (next < flows) await flow(next++);
      }),
    );
    // A failed flow still lets the chaos finish (or fail) first, so every instance is up for the next test.
    const [flowed, chaosed] = await Promise.allSettled([flowing, chaos]);
    for (const outcome of [flowed, chaosed]) if (outcome.status === "rejected") throw outcome.reason;

    // Every order once, provisioned.
    const { rows: orders } = await pool.query<{ order_number: string; status: string }>(
      "select order_number, status from orders where order_number like $1 order by order_number",
      [`HA-${run}-%`],
    );
    expect(orders).toHaveLength(flows);
    expect(new Set(orders.map((o) => o.status))).toEqual(new Set(["provisioned"]));
    for (const { orderId } of finished)
      expect((await call("GET", `/api/v1/orders/${orderId}`, undefined, true)).json().status).toBe(
        "provisioned",
      );

    // Every e-mail once: the outbox drains, and each row arrived exactly once.
    await waitUntil(
      "the outbox to drain",
      async () =>
        (await pool.query("select 1 from outbox_messages where status in ('pending', 'sending') limit 1"))
          .rowCount === 0,
      60_000,
    );
    const { rows: sent } = await pool.query<{ id: string; status: string }>(
      "select id::text, status from outbox_messages",
    );
    expect(sent.filter((m) => m.status === "dead")).toEqual([]);
    const received = new Map<string, number>();
    for (const m of receiver.messages) received.set(m.outboxId, (received.get(m.outboxId) ?? 0) + 1);
    expect([...received.values()].filter((n) => n > 1)).toEqual([]);
    expect(new Set(received.keys())).toEqual(
      new Set(sent.filter((m) => m.status === "sent").map((m) => m.id)),
    );
  }, 600_000);

  it("keeps the sign-in throttle and the link-probing limit when attempts are spread over the instances", async () => {
    const db = await openDatabase({ url, poolSize: 1 });
    const email = `operator-${Date.now().toString(36)}@provisio.example`;
    try {
      await addOperator(
        { db: db.kysely, clock: systemClock },
        { email, password: "a long operator password" },
      );
    } finally {
      await db.close();
    }
    const direct = (["a", "b", "c"] as const).map((name) => instances[name]!.base);
    const wrongPassword = async (base: string) => {
      const page = await fetch(`${base}/console/sign-in`);
      const cookie = page.headers.getSetCookie()[0]!.split(";")[0]!;
      const csrf = /name="_csrf" value="([^"]+)"/.exec(await page.text())![1]!;
      const response = await fetch(`${base}/console/sign-in`, {
        method: "POST",
        redirect: "manual",
        headers: { cookie, "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ _csrf: csrf, email, password: "not the password" }),
      });
      return response.status;
    };
    const statuses: number[] = [];
    for (let i = 0; i < 8; i++) statuses.push(await wrongPassword(direct[i % 3]!));
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429, 429, 429]);

    const probes: number[] = [];
    for (let i = 0; i < 33; i++) {
      const response = await fetch(
        `${direct[i % 3]}/api/v1/setup/${"p".repeat(40)}${String(i).padStart(3, "0")}`,
      );
      probes.push(response.status);
    }
    expect(probes.slice(0, 30)).toEqual(Array(30).fill(404));
    expect(probes.slice(30)).toEqual([429, 429, 429]);
  }, 120_000);
});
