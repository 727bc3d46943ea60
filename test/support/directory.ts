import { expect } from "vitest";
import { client, mailbox, type OrderBody, placeOrder, tokenOf } from "./http.js";
import type { TestApp } from "./test-app.js";

let counter = 0;

/** A name no other test uses: for domains and e-mail addresses. */
export function unique(prefix: string): string {
  counter++;
  return `${prefix}${process.pid.toString(36)}${counter}${Math.random().toString(36).slice(2, 6)}`;
}

/** Adds an organization with its users and active subscriptions through the directory API. */
export async function addOrganization(
  app: TestApp,
  organization: {
    name: string;
    kind?: "customer" | "partner";
    users?: [email: string, role: "full_admin" | "user"][];
    activeSubscriptions?: number;
  },
): Promise<string> {
  const api = client(app);
  const created = await api.post("/api/v1/organizations", {
    name: organization.name,
    kind: organization.kind ?? "customer",
    createdAt: "2024-01-10T00:00:00Z",
  });
  expect(created.status, created.body).toBe(201);
  const id: string = created.json().id;
  for (const [email, role] of organization.users ?? []) {
    const user = await api.post(`/api/v1/organizations/${id}/users`, {
      email,
      role,
      name: email.split("@")[0],
    });
    expect(user.status, user.body).toBe(201);
  }
  for (let i = 0; i < (organization.activeSubscriptions ?? 0); i++) {
    const subscription = await api.post(`/api/v1/organizations/${id}/subscriptions`, {
      status: "active",
      services: [{ sku: "MEETINGS-STD", quantity: 10 }],
    });
    expect(subscription.status, subscription.body).toBe(201);
  }
  return id;
}

/** Places an order, delivers its setup e-mail and answers the secret of the link in it. */
export async function orderWithLink(app: TestApp, changes: Record<string, unknown> = {}) {
  const contact = `${unique("contact")}@contacts.example`;
  const order: OrderBody = await placeOrder(app, {
    provisioningContact: { email: contact, name: "Carla Contatto" },
    ...changes,
  });
  await app.background.runOnce();
  const [mail] = await mailbox(app, contact);
  expect(mail, `no setup e-mail to ${contact}`).toBeDefined();
  return { order, contact, token: tokenOf(mail!.links[0]!) };
}

/** The one link of the newest e-mail to `to`. */
export async function linkMailedTo(
  app: TestApp,
  to: string,
): Promise<{ subject: string; token: string; text: string }> {
  await app.background.runOnce();
  const [mail] = await mailbox(app, to);
  expect(mail, `no e-mail to ${to}`).toBeDefined();
  expect(mail!.links, `no link in "${mail!.subject}"`).toHaveLength(1);
  return { subject: mail!.subject, token: tokenOf(mail!.links[0]!), text: mail!.text };
}

/** The secret of the newest approval link mailed to `to`. */
export async function approvalMailedTo(app: TestApp, to: string): Promise<string> {
  await app.background.runOnce();
  const link = (await mailbox(app, to)).flatMap((m) => m.links).find((l) => l.includes("/admin-requests/"));
  expect(link, `no approval link mailed to ${to}`).toBeDefined();
  return tokenOf(link!);
}

/**
 * The wizard's API from a setup link to an existing organization: a match for `adminEmail`, then
 * `complete` with that organization. Answers the `complete` response's body.
 */
export async function chooseExisting(
  app: TestApp,
  token: string,
  choice: { companyName: string; adminEmail: string; organizationId: string },
) {
  const api = client(app);
  const { organizationId, ...inputs } = choice;
  const match = await api.post(`/api/v1/setup/${token}/match`, inputs, {});
  expect(match.status, match.body).toBe(200);
  const complete = await api.post(
    `/api/v1/setup/${token}/complete`,
    { ...inputs, decision: { type: "existing", organizationId } },
    {},
  );
  expect(complete.status, complete.body).toBe(200);
  return complete.json();
}
