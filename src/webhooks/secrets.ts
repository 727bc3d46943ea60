import { createCipheriv, createDecipheriv, createHmac, type KeyObject, randomBytes } from "node:crypto";

/**
 * Webhook secrets (integration.md § 2): `whsec_` and the base64 of 32 random bytes. With SECRETS_KEY
 * they are stored sealed with AES-256-GCM (`enc:v1:` + base64 of IV, ciphertext and tag); without it,
 * as they are. A stored value says which it is, so setting SECRETS_KEY later still reads older rows.
 */
export function newWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString("base64")}`;
}

const sealedPrefix = "enc:v1:";
// Binds a sealed value to its purpose: it cannot be moved into another column that uses this key.
const aad = Buffer.from("provisio webhook secret");

export function sealSecret(secret: string, key: KeyObject | undefined): string {
  if (!key) return secret;
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key, iv).setAAD(aad);
  const sealed = Buffer.concat([cipher.update(secret, "utf8"), cipher.final()]);
  return `${sealedPrefix}${Buffer.concat([iv, sealed, cipher.getAuthTag()]).toString("base64")}`;
}

export function openSecret(stored: string, key: KeyObject | undefined): string {
  if (!stored.startsWith(sealedPrefix)) return stored;
  if (!key) throw new Error("this webhook secret is encrypted: SECRETS_KEY is needed to read it");
  const raw = Buffer.from(stored.slice(sealedPrefix.length), "base64");
  const decipher = createDecipheriv("aes-256-gcm", key, raw.subarray(0, 12)).setAAD(aad);
  decipher.setAuthTag(raw.subarray(raw.length - 16));
  return Buffer.concat([decipher.update(raw.subarray(12, raw.length - 16)), decipher.final()]).toString(
    "utf8",
  );
}

/** Standard Webhooks: `v1,` + base64 HMAC-SHA256 of `{id}.{timestamp}.{body}` keyed with the decoded secret. */
export function signature(secret: string, id: string, timestamp: number, body: string): string {
  const key = Buffer.from(secret.replace(/^whsec_/, ""), "base64");
  return `v1,${createHmac("sha256", key).update(`${id}.${timestamp}.${body}`).digest("base64")}`;
}
