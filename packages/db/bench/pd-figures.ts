// npm run bench -w @probity/db [-- --size 1000000 --iterations 20 --keep]
// (--keep: the database is left for EXPLAIN in psql, and its URL printed)
// The portfolio overview's PD figures and the exposure table by PD at scale, through the repository
// functions the API calls (as the tenant role): a synthetic portfolio loaded by COPY, one succeeded
// scoring run over every exposure (scores written in one INSERT ... SELECT, as a run's batches leave
// them), the run's figures per grade recorded, then portfolioPdFigures (latest run and a 30-run
// trend), a page sorted by PD (first and 1,000 rows deep), a grade filter and a PD range, and the
// scores' conditions combined with the exposures' sorts and filters. Prints p50/p99 and the load
// average (the machine is shared: compare figures of one run).
import { loadavg } from 'node:os';
import pg from 'pg';
import { createDatabase, listExposures, portfolioPdFigures, type ListExposuresArgs, type TenantScope } from '../src/index.ts';
import { loadSyntheticPortfolio } from '../src/seed/index.ts';
import {
  createFreshDatabase,
  findTestServer,
  insertBandedScores,
  insertPlaceholderChampion,
  insertSucceededRun,
} from '../src/testing/index.ts';

const arg = (name: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const SIZE = Number(arg('size') ?? 1_000_000);
const ITERATIONS = Number(arg('iterations') ?? 20);
const KEEP = process.argv.includes('--keep');
const log = (line: string) => process.stderr.write(`[bench:pd-figures] ${line}\n`);
const load1 = () => loadavg()[0]!.toFixed(2);

function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((x, y) => x - y);
  return Math.round(sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]! * 10) / 10;
}

async function timed(name: string, work: () => Promise<unknown>): Promise<void> {
  await work(); // warm
  const samples: number[] = [];
  for (let i = 0; i < ITERATIONS; i += 1) {
    const started = performance.now();
    await work();
    samples.push(performance.now() - started);
  }
  console.log(
    `${name.padEnd(44)} p50 ${String(percentile(samples, 50)).padStart(7)} ms   p99 ${String(percentile(samples, 99)).padStart(7)} ms`,
  );
}

async function main() {
  const server = await findTestServer();
  const database = await createFreshDatabase(server.url, 'pd_figures_bench');
  const db = createDatabase({ connectionString: database.url });
  const owner = new pg.Client({ connectionString: database.url });
  try {
    log(`loading ${SIZE.toLocaleString('en-US')} exposures (load ${load1()})`);
    const loaded = await loadSyntheticPortfolio(database.url, { size: SIZE });
    log(`loaded in ${loaded.seconds.toFixed(1)} s`);
    await owner.connect();
    const versionId = await insertPlaceholderChampion(owner, loaded.organizationId, 'bench');
    const runId = await insertSucceededRun(owner, {
      organizationId: loaded.organizationId,
      portfolioId: loaded.portfolioId,
      versionId,
      scoredCount: SIZE,
    });
    const started = performance.now();
    await insertBandedScores(owner, runId, loaded.portfolioId);
    log(`scores written and their figures per grade recorded in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    await owner.query('ANALYZE exposures, scores, scoring_run_grades');

    const scope: TenantScope = { organizationId: loaded.organizationId, actor: { kind: 'system', name: 'bench' }, requestId: 'bench' };
    const pid = loaded.portfolioId;
    const deepCursor = async () => {
      let after: string | undefined;
      for (let i = 0; i < 10; i += 1) {
        const page = await listExposures(db, scope, pid, { first: 100, after, orderBy: { field: 'PD', direction: 'DESC' } });
        after = page.pageInfo.endCursor!;
      }
      return after;
    };
    const deep = await deepCursor();
    console.log(`\n${SIZE.toLocaleString('en-US')} exposures, one succeeded run; load average ${load1()} (2 cores shared)`);
    await timed('overview: pdFigures (latest run)', () => portfolioPdFigures(db, scope, pid, 1));
    await timed('overview: pdTrend (30 runs)', () => portfolioPdFigures(db, scope, pid, 30));
    await timed('table: sorted by PD, first page (25)', () =>
      listExposures(db, scope, pid, { first: 25, orderBy: { field: 'PD', direction: 'DESC' } }),
    );
    await timed('table: sorted by PD, after 1,000 rows', () =>
      listExposures(db, scope, pid, { first: 25, after: deep, orderBy: { field: 'PD', direction: 'DESC' } }),
    );
    await timed('table: grade G07, sorted by PD', () =>
      listExposures(db, scope, pid, { first: 25, filter: { grade: 'G07' }, orderBy: { field: 'PD', direction: 'ASC' } }),
    );
    await timed('table: PD in [0.10, 0.11], sorted by EAD', () =>
      listExposures(db, scope, pid, { first: 25, filter: { minPd: 0.1, maxPd: 0.11 } }),
    );
    // The scores' conditions with the exposures' sorts and filters, and the other way round.
    const combined: [string, ListExposuresArgs][] = [
      ['table: grade G07, sorted by EAD', { first: 25, filter: { grade: 'G07' } }],
      [
        'table: grade G07, sorted by obligor name',
        { first: 25, filter: { grade: 'G07' }, orderBy: { field: 'OBLIGOR_NAME', direction: 'ASC' } },
      ],
      ['table: grade G07 + country LU, sorted by EAD', { first: 25, filter: { grade: 'G07', country: 'LU' } }],
      [
        'table: CLOSED + LU, sorted by PD',
        { first: 25, filter: { status: 'CLOSED', country: 'LU' }, orderBy: { field: 'PD', direction: 'DESC' } },
      ],
      [
        'table: days past due >= 300, sorted by PD',
        { first: 25, filter: { minDaysPastDue: 300 }, orderBy: { field: 'PD', direction: 'ASC' } },
      ],
      ['table: search SC-54999, sorted by PD', { first: 25, filter: { search: 'SC-54999' }, orderBy: { field: 'PD', direction: 'DESC' } }],
      ['table: PD <= 0.0001, sorted by PD', { first: 25, filter: { maxPd: 0.0001 }, orderBy: { field: 'PD', direction: 'DESC' } }],
    ];
    for (const [name, args] of combined) await timed(name, () => listExposures(db, scope, pid, args));
    console.log(`load average after: ${load1()}`);
  } finally {
    await owner.end().catch(() => undefined);
    await db.close();
    if (KEEP) log(`database kept: ${database.url}`);
    else await database.drop();
    await server.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
