// The API's configuration, read and validated once. Nothing else in the app touches process.env.
import { z } from 'zod';

const schema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  DATABASE_URL: z.string().url({ message: 'DATABASE_URL must be a postgresql:// URL' }),
  // 0 picks a free port (tests).
  API_PORT: z.coerce.number().int().min(0).max(65535).default(4000),
  API_HOST: z.string().default('127.0.0.1'),
  PROBITY_SERVICE_TOKEN_SECRET: z.string().min(32, 'PROBITY_SERVICE_TOKEN_SECRET must be at least 32 characters'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  API_DB_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  // How long a verified API key or membership is reused; changes notify every process at once, this
  // only bounds a notification that never arrived. 0 turns the cache off.
  API_CREDENTIAL_CACHE_TTL_MS: z.coerce.number().int().min(0).max(60_000).default(10_000),
  // The same for portfolio rows read under row-level security (context/portfolio-cache.ts). 0 turns it off.
  API_PORTFOLIO_CACHE_TTL_MS: z.coerce.number().int().min(0).max(60_000).default(10_000),
  // When set, GET /metrics needs Authorization: Bearer <this token>.
  // Per-credential limits (server/credential-limits.ts) and the statement timeout of every tenant
  // transaction a request runs.
  API_RATE_LIMIT_UNITS_PER_SECOND: z.coerce.number().int().min(1).default(500_000),
  API_RATE_LIMIT_BURST: z.coerce.number().int().min(1).default(1_000_000),
  API_MAX_HEAVY_IN_FLIGHT: z.coerce.number().int().min(1).max(100).default(1),
  API_STATEMENT_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(5_000),
  PROBITY_METRICS_TOKEN: z.string().min(16, 'PROBITY_METRICS_TOKEN must be at least 16 characters').optional(),
});

export type ApiEnv = z.infer<typeof schema>;

export function readEnv(source: NodeJS.ProcessEnv = process.env): ApiEnv {
  const parsed = schema.safeParse(source);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n');
    throw new Error(`Invalid API configuration:\n${problems}`);
  }
  return parsed.data;
}
