// The launcher's configuration: every variable `npm start` reads, validated in one place.
import { z } from 'zod';

const port = (fallback: number) => z.coerce.number().int().min(1).max(65535).default(fallback);

const schema = z.object({
  DATABASE_URL: z.string().url().optional(),
  PORT: port(3000),
  API_PORT: port(4000),
  WORKER_PORT: port(4001),
  PROBITY_PG_PORT: port(54329),
  PROBITY_DATA_DIR: z.string().default('.probity'),
  PROBITY_DEMO: z.enum(['0', '1']).default('1'),
  NEXTAUTH_URL: z.string().url().optional(),
  NEXTAUTH_SECRET: z.string().min(32).optional(),
  PROBITY_SERVICE_TOKEN_SECRET: z.string().min(32).optional(),
  PROBITY_SNAPSHOT_CRON: z.string().optional(),
  NODE_ENV: z.enum(['development', 'test', 'production']).default('production'),
});

export type LauncherEnv = z.infer<typeof schema>;

export function readLauncherEnv(): LauncherEnv {
  const parsed = schema.safeParse(process.env);
  if (!parsed.success) {
    throw new Error(`Invalid configuration:\n${parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n')}`);
  }
  return parsed.data;
}

/** The environment handed to the apps: the launcher's own plus what it derived. */
export function childEnvironment(extra: Record<string, string>): NodeJS.ProcessEnv {
  return { ...process.env, NEXT_TELEMETRY_DISABLED: '1', ...extra };
}
