// Loads a synthetic portfolio of `size` exposures (one obligor each) into an organization, by COPY,
// in one transaction (the exposures staged on a second connection while the obligors go in:
// exposures-staged-aside.ts), its indexes then built on two connections at once (deferred-indexes.ts):
// the bulk path the scale benchmark measures.
import pg from 'pg';
import { ensureOrganization, ensurePortfolio } from './tenants.ts';
import { loadPortfolio } from './bulk-load.ts';
import { buildPendingIndexes, type BuiltIndex } from './deferred-indexes.ts';
import { syntheticExposures, syntheticObligors } from './synthetic-portfolio.ts';
import { backendCpuSeconds, timeSteps, type TimedStep } from './timed-steps.ts';

export interface SyntheticLoad {
  organizationId: string;
  portfolioId: string;
  exposures: number;
  /** From the first statement until the last index is built. */
  seconds: number;
  /** The indexes built after the commit, each with its time (built two at a time). */
  indexBuilds: BuiltIndex[];
  /**
   * CPU seconds of the database backends that ran the load and built its indexes, parallel index-build workers not included
   * (null when the role may not read /proc/self/stat through pg_read_file): on a shared machine, wall
   * time is mostly waiting for a core.
   */
  databaseCpuSeconds: number | null;
}

export async function loadSyntheticPortfolio(
  connectionString: string,
  options: {
    size: number;
    organization?: { name: string; slug: string };
    portfolioName?: string;
    seed?: number;
    prefix?: string;
    /** Filled with the load's statements over 0.2 s (wall time and backend CPU): see timed-steps.ts. */
    steps?: TimedStep[];
  },
): Promise<SyntheticLoad> {
  const client = new pg.Client({ connectionString });
  await client.connect();
  if (options.steps) timeSteps(client, options.steps);
  const cpuNow = () => backendCpuSeconds((sql) => client.query<{ stat: string }>(sql));
  try {
    const started = performance.now();
    // Room for the staging tables in memory (settable only before this session's first temporary table).
    await client.query(`SET temp_buffers = '512MB'`);
    const cpuBefore = await cpuNow();
    let asideCpu: number | null = 0;
    await client.query('BEGIN');
    const organizationId = await ensureOrganization(client, options.organization ?? { name: 'Scale Bank', slug: 'scale-bank' });
    const portfolioId = await ensurePortfolio(client, organizationId, {
      name: options.portfolioName ?? `Synthetic book of ${options.size.toLocaleString('en-US')}`,
      description: 'Synthetic card and loan book (packages/db/src/seed/synthetic-portfolio.ts).',
      baseCurrency: 'EUR',
    });
    const rows = { seed: options.seed ?? options.size, prefix: options.prefix ?? `P${options.size}-` };
    const exposures = await loadPortfolio(
      client,
      organizationId,
      portfolioId,
      syntheticObligors(options.size, rows),
      syntheticExposures(options.size, rows),
      { indexBuilds: 'after-commit', connectionString, onStaged: (staged) => (asideCpu = staged.asideCpuSeconds ?? 0) },
    );
    await client.query('COMMIT');
    const cpuAfter = cpuBefore === null ? null : await cpuNow();
    const indexBuilds = await buildPendingIndexes(connectionString);
    const seconds = (performance.now() - started) / 1000;
    const builders = indexBuilds.some((b) => b.cpuSeconds === null) ? null : indexBuilds.reduce((sum, b) => sum + b.cpuSeconds!, 0);
    const databaseCpuSeconds =
      cpuBefore === null || cpuAfter === null || builders === null || asideCpu === null
        ? null
        : Math.round((cpuAfter - cpuBefore + asideCpu + builders) * 10) / 10;
    return { organizationId, portfolioId, exposures, seconds, indexBuilds, databaseCpuSeconds };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  } finally {
    await client.end();
  }
}
