// The only module of the web app that reads the environment. Validated on first use rather than at
// import, so `next build` works without secrets; the first request of a misconfigured server fails
// with a message naming every bad variable.
import type { BlockList } from 'node:net';
import { z } from 'zod';
import { parseTrustedProxies } from './auth/client-ip.ts';

const DEFAULT_SESSION_MAX_AGE_SECONDS = 8 * 60 * 60;

const schema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(1).max(65_535).default(3000),
  API_URL: z.url({ protocol: /^https?$/ }).default('http://127.0.0.1:4000/graphql'),
  NEXTAUTH_URL: z.url({ protocol: /^https?$/ }).optional(),
  NEXTAUTH_SECRET: z.string().min(32, 'must be at least 32 characters'),
  PROBITY_SERVICE_TOKEN_SECRET: z.string().min(32, 'must be at least 32 characters'),
  DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, 'must be a postgresql:// URL'),
  PROBITY_SESSION_MAX_AGE: z.coerce.number().int().min(60, 'must be at least 60 seconds').default(DEFAULT_SESSION_MAX_AGE_SECONDS),
  PROBITY_TRUSTED_PROXIES: z.string().optional(),
  WEB_HOST: z.string().optional(),
});

export interface WebEnv {
  nodeEnv: 'development' | 'production' | 'test';
  port: number;
  apiUrl: string;
  /** Public origin of the dashboard, e.g. https://risk.example.com (no trailing slash). */
  publicUrl: string;
  /** True when the dashboard is served over https: cookies get `Secure` and HSTS is sent. */
  https: boolean;
  nextAuthSecret: string;
  serviceTokenSecret: string;
  databaseUrl: string;
  sessionMaxAgeSeconds: number;
  /** Reverse proxies whose X-Forwarded-For is believed (none by default: the socket's address counts). */
  trustedProxies: BlockList;
  /** Address the dashboard's server binds (default: every interface, as `next start`). */
  host: string | undefined;
}

/** Parses a raw environment (exported for tests; the app calls `env()`). */
export function parseEnv(raw: Record<string, string | undefined>): WebEnv {
  // Empty strings mean "unset" (a common result of `FOO= npm start`).
  const cleaned = Object.fromEntries(Object.entries(raw).filter(([, value]) => value !== undefined && value !== ''));
  const result = schema.safeParse(cleaned);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => `  ${issue.path.join('.') || '(root)'}: ${issue.message}`);
    throw new Error(`Invalid environment for the web app:\n${problems.join('\n')}`);
  }
  const value = result.data;
  let trustedProxies: BlockList;
  try {
    trustedProxies = parseTrustedProxies(value.PROBITY_TRUSTED_PROXIES);
  } catch (error) {
    throw new Error(`Invalid environment for the web app:\n  PROBITY_TRUSTED_PROXIES: ${(error as Error).message}`);
  }
  const publicUrl = (value.NEXTAUTH_URL ?? `http://localhost:${value.PORT}`).replace(/\/+$/, '');
  return {
    nodeEnv: value.NODE_ENV,
    port: value.PORT,
    apiUrl: value.API_URL,
    publicUrl,
    https: publicUrl.startsWith('https://'),
    nextAuthSecret: value.NEXTAUTH_SECRET,
    serviceTokenSecret: value.PROBITY_SERVICE_TOKEN_SECRET,
    databaseUrl: value.DATABASE_URL,
    sessionMaxAgeSeconds: value.PROBITY_SESSION_MAX_AGE,
    trustedProxies,
    host: value.WEB_HOST,
  };
}

let cached: WebEnv | undefined;

export function env(): WebEnv {
  if (!cached) {
    cached = parseEnv(process.env);
    // next-auth reads NEXTAUTH_URL itself to build its URLs; give it the validated default too.
    process.env.NEXTAUTH_URL ??= cached.publicUrl;
  }
  return cached;
}

/** Whether this is a development server (dev-only allowances such as React's eval in the CSP). */
export function isDevelopment(): boolean {
  return process.env.NODE_ENV === 'development';
}
