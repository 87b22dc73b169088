// The worker's configuration, read and validated once. Nothing else in the app touches process.env.
import { mkdirSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { vulkanDefaults } from '@probity/ml';
import { z } from 'zod';

const schema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  DATABASE_URL: z.string().url({ message: 'DATABASE_URL must be a postgresql:// URL' }),
  WORKER_PORT: z.coerce.number().int().min(0).max(65535).default(4001),
  WORKER_HOST: z.string().default('127.0.0.1'),
  /** Cron expression for snapshot-portfolios; default nightly at 02:00. */
  PROBITY_SNAPSHOT_CRON: z.string().default('0 2 * * *'),
  /** IANA time zone the cron expression is read in. */
  PROBITY_SNAPSHOT_TZ: z.string().default('UTC'),
  /** Deep-model backend of this worker: tensorflow or webgpu make it a GPU worker (takes deep and fusion first). */
  PROBITY_ML_BACKEND: z.enum(['tensorflow', 'webgpu', 'wasm', 'cpu']).optional(),
  /** Training jobs this process runs at once (also `npm run worker -- --concurrency N`). */
  PROBITY_WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(1),
  /** How often a training job writes its heartbeat; six missed beats and another worker retries it. */
  PROBITY_TRAINING_HEARTBEAT_SECONDS: z.coerce.number().min(0.5).max(300).default(10),
  /** Train the demo's models on first start (set by `npm start` when it seeds the demo). */
  PROBITY_DEMO_TRAINING: z.enum(['0', '1']).default('0'),
  /**
   * score-batch jobs one worker process runs at once. Two by default: while PostgreSQL reads or writes one
   * batch, the process scores the other (a million Taiwan exposures: logistic 15.3 s with one in flight,
   * 12.2 s with two; trees 41.5 s and 36.3 s; packages/scoring bench, --concurrency).
   */
  PROBITY_SCORING_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(2),
  /**
   * Worker threads of this process's scorers, shared by its score-batch jobs: the trees' exact TreeSHAP and
   * a deep part's passes run on them (a logistic batch takes one thread of its own either way). Default:
   * one per CPU. Lower it when several workers share a machine.
   */
  PROBITY_SCORER_THREADS: z.coerce
    .number()
    .int()
    .min(1)
    .max(64)
    .default(() => availableParallelism()),
  /**
   * Model versions whose scorers the worker loads at start, before it takes jobs: the linked models'
   * champions and challengers, the most recently scored portfolios' first (0: none, each loads on its
   * run's first batch). A scorer's threads and code then load once at start, not during a run.
   */
  PROBITY_WARM_SCORERS: z.coerce.number().int().min(0).max(64).default(4),
  /** Seconds a score-batch job may run before pg-boss fails and retries it (default: the contract's 600). */
  PROBITY_SCORING_BATCH_EXPIRY_SECONDS: z.coerce.number().int().min(1).optional(),
  /** How often pg-boss expires and archives jobs (its maintenance), in seconds: how soon a killed worker's job is retried. */
  PROBITY_QUEUE_MAINTENANCE_SECONDS: z.coerce.number().int().min(1).max(3600).default(120),
  /**
   * How often an idle job slot looks for work, in seconds (pg-boss allows 0.5 and up). Jobs queued to run
   * now wake the slots at once, and a slot takes its queue's next job as soon as one ends, so this
   * bounds only what no wake-up announces: delayed jobs, retries, schedules, a wake-up lost meanwhile.
   */
  PROBITY_QUEUE_POLL_SECONDS: z.coerce.number().min(0.5).max(60).default(1),
  /** simulate-portfolio fans its chunks out to simulate-portfolio-chunks jobs from this many obligors. */
  PROBITY_RISK_FANOUT_OBLIGORS: z.coerce.number().int().min(1).default(20_000),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export type WorkerEnv = z.infer<typeof schema>;

/** `overrides` (command-line flags) win over the environment. */
export function readEnv(source: NodeJS.ProcessEnv = process.env, overrides: Record<string, string> = {}): WorkerEnv {
  const parsed = schema.safeParse({ ...source, ...overrides });
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n');
    throw new Error(`Invalid worker configuration:\n${problems}`);
  }
  return parsed.data;
}

/**
 * For PROBITY_ML_BACKEND=webgpu: the Vulkan variables Dawn needs to find an NVIDIA GPU (as `probity-ml
 * train` sets them), set on this process before the backend is probed; returns what was set.
 */
export function applyGpuEnvironment(env: WorkerEnv): string[] {
  if (env.PROBITY_ML_BACKEND !== 'webgpu') return [];
  const set = vulkanDefaults(process.env);
  if (set.XDG_RUNTIME_DIR) mkdirSync(set.XDG_RUNTIME_DIR, { recursive: true, mode: 0o700 });
  for (const [name, value] of Object.entries(set)) process.env[name] = value;
  return Object.entries(set).map(([name, value]) => `${name}=${value}`);
}
