import { randomBytes, type ScryptOptions, scrypt, timingSafeEqual } from "node:crypto";

/** Operator passwords: scrypt (N=2^15, r=8, p=1), a 16-byte salt, stored as scrypt$N$r$p$salt$hash. */
const params = { N: 2 ** 15, r: 8, p: 1 } as const;
const keyLength = 32;
// 128 × N × r bytes of memory, with room to spare.
const maxmem = 64 * 1024 * 1024;

export const minPasswordLength = 12;

function derive(password: string, salt: Buffer, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(password.normalize("NFC"), salt, keyLength, { ...options, maxmem }, (error, key) =>
      error ? reject(error) : resolve(key),
    ),
  );
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, params);
  return `scrypt$${params.N}$${params.r}$${params.p}$${salt.toString("base64")}$${key.toString("base64")}`;
}

/** Constant-time comparison; false for anything that is not a hash of ours. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, hash] = stored.split("$");
  if (scheme !== "scrypt" || !n || !r || !p || !salt || !hash) return false;
  const expected = Buffer.from(hash, "base64");
  const key = await derive(password, Buffer.from(salt, "base64"), {
    N: Number(n),
    r: Number(r),
    p: Number(p),
  });
  return key.length === expected.length && timingSafeEqual(key, expected);
}

/** A hash to verify against when the e-mail is unknown, so that answering takes as long either way. */
export const decoyHash = hashPassword(randomBytes(16).toString("hex"));
