// Password hashing with scrypt (memory-hard, in node:crypto: no native dependency to build) at
// OWASP's cost (N = 2^17, r = 8, p = 1). Stored as `scrypt$N$r$p$salt$hash`, so the parameters
// can be raised later without a migration: a hash with weaker ones is redone at the next sign-in.
import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from "node:crypto";
import { PUBLISHED_SECRETS } from "@/lib/published-values";

export const PARAMS = { N: 2 ** 17, r: 8, p: 1 } as const;
const KEY_LENGTH = 32;
// One derivation holds 128 MiB (128 · N · r bytes) for a third of a second: a burst of sign-ins
// for many different emails waits its turn here instead of exhausting memory.
const MAX_CONCURRENT = 2;
let running = 0;
const waiting: (() => void)[] = [];

async function derive(password: string, salt: Buffer, options: ScryptOptions): Promise<Buffer> {
  // A finished derivation hands its slot straight to the next in line.
  if (running < MAX_CONCURRENT) running++;
  else await new Promise<void>((resolve) => waiting.push(resolve));
  try {
    return await new Promise((resolve, reject) =>
      scrypt(
        password.normalize("NFKC"),
        salt,
        KEY_LENGTH,
        { ...options, maxmem: 256 * 1024 * 1024 },
        (err, key) => (err ? reject(err) : resolve(key)),
      ),
    );
  } finally {
    const next = waiting.shift();
    if (next) next();
    else running--;
  }
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, PARAMS);
  return [
    "scrypt",
    PARAMS.N,
    PARAMS.r,
    PARAMS.p,
    salt.toString("base64"),
    key.toString("base64"),
  ].join("$");
}

/** A stored hash made with weaker parameters than today's: redo it once the password is known. */
export function needsRehash(stored: string): boolean {
  const [, n, r, p] = stored.split("$");
  return Number(n) < PARAMS.N || Number(r) < PARAMS.r || Number(p) < PARAMS.p;
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, hash] = stored.split("$");
  if (scheme !== "scrypt" || !salt || !hash) return false;
  // Parameters beyond today's would only come from a tampered row: refuse rather than spend 1 GiB.
  if (Number(n) > PARAMS.N || Number(r) > PARAMS.r || Number(p) > PARAMS.p) return false;
  const expected = Buffer.from(hash, "base64");
  const actual = await derive(password, Buffer.from(salt, "base64"), {
    N: Number(n),
    r: Number(r),
    p: Number(p),
  });
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

/** The password `.env.example` ships with. Production refuses to start while an admin still uses it. */
export const DEFAULT_ADMIN_PASSWORD: string = PUBLISHED_SECRETS.ADMIN_PASSWORD;
