// API keys look like `pb_<prefix>_<secret>`: the prefix (8 base62 characters) is stored and shown so
// people can tell keys apart; the secret (32 CSPRNG bytes) is shown once and only its SHA-256 is kept.
// A fast hash is right here: the secret has 256 bits of entropy, so there is nothing to brute-force.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const KEY_PATTERN = /^pb_([0-9A-Za-z]{8})_([A-Za-z0-9_-]{43})$/;

function randomBase62(length: number): string {
  let out = '';
  while (out.length < length) {
    for (const byte of randomBytes(length * 2)) {
      if (byte < 248 && out.length < length) out += ALPHABET[byte % 62]; // 248 = 4*62: no modulo bias
    }
  }
  return out;
}

export interface GeneratedApiKey {
  /** The full key, to show once. */
  key: string;
  prefix: string;
  secretHash: string;
}

export function generateApiKey(): GeneratedApiKey {
  const prefix = randomBase62(8);
  const secret = randomBytes(32).toString('base64url');
  const key = `pb_${prefix}_${secret}`;
  return { key, prefix: `pb_${prefix}`, secretHash: hashApiKey(key) };
}

export function hashApiKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

/** The stored prefix of a presented key, or null when it is not shaped like one of ours. */
export function apiKeyPrefix(presented: string): string | null {
  const match = KEY_PATTERN.exec(presented);
  return match ? `pb_${match[1]}` : null;
}

export function apiKeyMatches(presented: string, storedHash: string): boolean {
  const a = Buffer.from(hashApiKey(presented), 'hex');
  const b = Buffer.from(storedHash, 'hex');
  return a.length === b.length && timingSafeEqual(a, b);
}
