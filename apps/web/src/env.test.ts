import { describe, expect, it } from 'vitest';
import { parseEnv } from './env.ts';

const minimal = {
  NEXTAUTH_SECRET: 'n'.repeat(32),
  PROBITY_SERVICE_TOKEN_SECRET: 's'.repeat(32),
  DATABASE_URL: 'postgresql://postgres@127.0.0.1:5432/probity',
};

describe('parseEnv', () => {
  it('applies the documented defaults', () => {
    const env = parseEnv(minimal);
    expect(env).toMatchObject({
      port: 3000,
      apiUrl: 'http://127.0.0.1:4000/graphql',
      publicUrl: 'http://localhost:3000',
      https: false,
      sessionMaxAgeSeconds: 8 * 3600,
    });
  });
  it('derives secure cookies and HSTS from an https NEXTAUTH_URL', () => {
    const env = parseEnv({ ...minimal, NEXTAUTH_URL: 'https://risk.example.com/', PORT: '8080', PROBITY_SESSION_MAX_AGE: '900' });
    expect(env).toMatchObject({ publicUrl: 'https://risk.example.com', https: true, port: 8080, sessionMaxAgeSeconds: 900 });
  });
  it('treats empty values as unset', () => {
    expect(parseEnv({ ...minimal, API_URL: '' }).apiUrl).toBe('http://127.0.0.1:4000/graphql');
  });
  it('names every invalid variable in one error', () => {
    let message = '';
    try {
      parseEnv({ NEXTAUTH_SECRET: 'short', DATABASE_URL: 'mysql://x', PORT: 'abc', PROBITY_SESSION_MAX_AGE: '5' });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(/^Invalid environment for the web app/);
    for (const name of ['PORT', 'NEXTAUTH_SECRET', 'PROBITY_SERVICE_TOKEN_SECRET', 'DATABASE_URL', 'PROBITY_SESSION_MAX_AGE'])
      expect(message).toContain(name);
  });
});
