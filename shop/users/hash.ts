import { randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';

/**
 * PINs and passwords are stored as `scrypt$N$r$p$salt$hash` (salt and hash base64). The cost
 * travels with each hash, so the defaults can be raised later and old hashes still verify
 * (and can be re-hashed at the next sign-in, see `needsRehash`).
 *
 * Synchronous on purpose: handlers run inside one SQLite transaction. N=2^14, r=8 costs about
 * 50 ms and 16 MB on a counter PC, which keeps sign-in quick while slowing guessing.
 */
export const SCRYPT_DEFAULTS = { N: 2 ** 14, r: 8, p: 1 } as const;
const KEY_LENGTH = 32;
const SALT_LENGTH = 16;
// Refuse stored parameters that would hang the process (a damaged or hostile row).
const MAX_N = 2 ** 17;

interface ScryptParams {
  N: number;
  r: number;
  p: number;
}

function derive(secret: string, salt: Buffer, params: ScryptParams, length: number): Buffer {
  return scryptSync(secret.normalize('NFC'), salt, length, { ...params, maxmem: 256 * params.N * params.r + 1024 * 1024 });
}

export function hashSecret(secret: string, params: ScryptParams = SCRYPT_DEFAULTS): string {
  const salt = randomBytes(SALT_LENGTH);
  const hash = derive(secret, salt, params, KEY_LENGTH);
  return `scrypt$${params.N}$${params.r}$${params.p}$${salt.toString('base64')}$${hash.toString('base64')}`;
}

function parse(stored: string): { params: ScryptParams; salt: Buffer; hash: Buffer } | null {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return null;
  const [N, r, p] = [Number(parts[1]), Number(parts[2]), Number(parts[3])];
  if (![N, r, p].every((n) => Number.isSafeInteger(n) && n > 0)) return null;
  if (N < 2 || N > MAX_N || (N & (N - 1)) !== 0 || r > 32 || p > 16) return null;
  const salt = Buffer.from(parts[4] ?? '', 'base64');
  const hash = Buffer.from(parts[5] ?? '', 'base64');
  if (salt.length === 0 || hash.length < 16) return null;
  return { params: { N, r, p }, salt, hash };
}

/** Constant-time check of a secret against a stored hash; false for a malformed hash. */
export function verifySecret(secret: string, stored: string): boolean {
  const parsed = parse(stored);
  if (!parsed) return false;
  const candidate = derive(secret, parsed.salt, parsed.params, parsed.hash.length);
  return timingSafeEqual(candidate, parsed.hash);
}

/** True when a stored hash was made with weaker parameters than today's defaults. */
export function needsRehash(stored: string): boolean {
  const parsed = parse(stored);
  if (!parsed) return true;
  const { N, r, p } = parsed.params;
  return N < SCRYPT_DEFAULTS.N || r < SCRYPT_DEFAULTS.r || p < SCRYPT_DEFAULTS.p;
}
