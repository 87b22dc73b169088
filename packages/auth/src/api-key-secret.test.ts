import { describe, expect, it } from 'vitest';
import { apiKeyMatches, apiKeyPrefix, generateApiKey, hashApiKey } from './api-key-secret.ts';

describe('API key secrets', () => {
  it('generates pb_<prefix>_<secret> keys whose prefix parses back and whose hash matches', () => {
    const generated = generateApiKey();
    expect(generated.key).toMatch(/^pb_[0-9A-Za-z]{8}_[A-Za-z0-9_-]{43}$/);
    expect(apiKeyPrefix(generated.key)).toBe(generated.prefix);
    expect(generated.secretHash).toBe(hashApiKey(generated.key));
    expect(apiKeyMatches(generated.key, generated.secretHash)).toBe(true);
  });

  it('never repeats a key and the stored hash does not contain the secret', () => {
    const keys = new Set(Array.from({ length: 200 }, () => generateApiKey().key));
    expect(keys.size).toBe(200);
    const { key, secretHash } = generateApiKey();
    expect(secretHash).not.toContain(key.slice(12));
  });

  it('rejects a key with one character changed and malformed keys', () => {
    const { key, secretHash } = generateApiKey();
    const last = key.at(-1) === 'A' ? 'B' : 'A';
    expect(apiKeyMatches(key.slice(0, -1) + last, secretHash)).toBe(false);
    expect(apiKeyPrefix('Bearer nonsense')).toBeNull();
    expect(apiKeyPrefix(`${key}x`)).toBeNull();
  });
});
