// npm run bench:load -w @probity/db [-- --size 1000000 --existing 0 --keep]
// (PROBITY_TEST_SERVER=embedded: on the embedded PostgreSQL 18 a newcomer's `npm start` runs, even when a local server answers)
// The bulk load alone (issue 14: a million exposures in under 30 s): a synthetic portfolio loaded by
// loadPortfolio into a fresh database, as `npm run bench:scale` loads it, with every statement that
// took over 0.2 s listed with its wall time and the database backend's CPU seconds (parallel index
// workers not included), then the index builds after its commit (two connections at once, each build
// with its time and CPU), then the totals and the WAL the load wrote, and last the host's yardstick (a plain
// COPY round trip of the same exposure rows, plain-copy-round-trip.ts). --connections N: builders at once (default as buildPendingIndexes). --in-transaction: the indexes
// built inside the load's transaction, one after another (the way before deferred-indexes.ts). --one-connection: the
// exposures staged after the obligors on the load's connection (the way before exposures-staged-aside.ts). On a shared machine wall time is mostly waiting for a core:
// compare the CPU figures, and read the load average printed before and after. --existing N first
// loads (and commits, unmeasured) N exposures into another book of the same organization, so the
// measured load takes the general way (an organization that holds exposures already).
import { loadavg } from 'node:os';
import pg from 'pg';
import { ensureOrganization, ensurePortfolio, loadPortfolio, syntheticExposures, syntheticObligors } from '../src/seed/index.ts';
import { createFreshDatabase, describeTestServer, findTestServer } from '../src/testing/index.ts';
import { backendCpuSeconds, timeSteps, type TimedStep } from '../src/seed/timed-steps.ts';
import { buildPendingIndexes, type BuiltIndex } from '../src/seed/deferred-indexes.ts';
import { plainCopyRoundTrip } from './plain-copy-round-trip.ts';

const arg = (name: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const SIZE = Number(arg('size') ?? 1_000_000);
const EXISTING = Number(arg('existing') ?? 0);
const INDEX_BUILDS = process.argv.includes('--in-transaction') ? 'in-transaction' : 'after-commit';
const CONNECTIONS = arg('connections') === undefined ? undefined : Number(arg('connections'));
const log = (line: string) => process.stderr.write(`[bench:load] ${line}\n`);
const load = () =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');

async function main() {
  const server = await findTestServer();
  const database = await createFreshDatabase(server.url, 'bulk_load_bench');
  const steps: TimedStep[] = [];
  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  timeSteps(client, steps);
  const backendCpuNow = async () => (await backendCpuSeconds((sql) => client.query<{ stat: string }>(sql))) ?? NaN;
  try {
    log(`${SIZE.toLocaleString('en-US')} exposures into ${await describeTestServer(server)}; load average before ${load()}`);
    await client.query(`SET temp_buffers = '512MB'`); // as loadSyntheticPortfolio
    if (EXISTING > 0) {
      await client.query('BEGIN');
      const org = await ensureOrganization(client, { name: 'Scale Bank', slug: 'scale-bank' });
      const book = await ensurePortfolio(client, org, { name: 'Earlier book', description: 'bench:load --existing', baseCurrency: 'EUR' });
      const earlier = { seed: EXISTING, prefix: `E${EXISTING}-` };
      await loadPortfolio(client, org, book, syntheticObligors(EXISTING, earlier), syntheticExposures(EXISTING, earlier));
      await client.query('COMMIT');
      await client.query('ANALYZE');
      steps.length = 0;
      log(`${EXISTING.toLocaleString('en-US')} exposures stored first (another book of the organization): the general way`);
    }
    let asideCpu = 0;
    const wal = async () => (await client.query<{ lsn: string }>('SELECT pg_current_wal_insert_lsn()::text AS lsn')).rows[0]!.lsn;
    const walBefore = await wal();
    const [cpu0, t0, node0] = [await backendCpuNow(), performance.now(), process.cpuUsage()];
    await client.query('BEGIN');
    const organizationId = await ensureOrganization(client, { name: 'Scale Bank', slug: 'scale-bank' });
    const portfolioId = await ensurePortfolio(client, organizationId, {
      name: 'Synthetic book',
      description: 'bench:load',
      baseCurrency: 'EUR',
    });
    const rows = { seed: SIZE, prefix: `P${SIZE}-` };
    const inserted = await loadPortfolio(
      client,
      organizationId,
      portfolioId,
      syntheticObligors(SIZE, rows),
      syntheticExposures(SIZE, rows),
      {
        indexBuilds: INDEX_BUILDS,
        connectionString: process.argv.includes('--one-connection') ? undefined : database.url,
        onStaged: (staged) => (asideCpu = staged.asideCpuSeconds ?? 0),
      },
    );
    await client.query('COMMIT');
    const [committed, loadCpu] = [(performance.now() - t0) / 1000, (await backendCpuNow()) - cpu0 + asideCpu];
    const built: BuiltIndex[] = await buildPendingIndexes(database.url, { connections: CONNECTIONS });
    const builtCpu = built.reduce((sum, b) => sum + (b.cpuSeconds ?? NaN), 0);
    const [wall, cpu] = [(performance.now() - t0) / 1000, loadCpu + (built.length ? builtCpu : 0)];
    const node = process.cpuUsage(node0);
    for (const s of steps) log(`${s.wall.toFixed(2).padStart(7)} s wall ${s.cpu.toFixed(2).padStart(6)} s CPU  ${s.sql.slice(0, 100)}`);
    const listed = steps.reduce((sum, s) => sum + s.cpu, 0);
    const listedWall = steps.reduce((sum, s) => sum + s.wall, 0);
    log(
      `COPY (with the rows' generation) and short statements: ${(committed - listedWall).toFixed(1)} s wall, ${(loadCpu - listed).toFixed(1)} s CPU`,
    );
    if (asideCpu > 0) log(`exposures staged on a second connection meanwhile: ${asideCpu.toFixed(1)} s CPU (in the line above)`);
    log(`committed after ${committed.toFixed(1)} s (${INDEX_BUILDS === 'after-commit' ? 'indexes recorded, not built' : 'indexes built'})`);
    for (const b of built)
      log(
        `${b.seconds.toFixed(2).padStart(7)} s wall ${(b.cpuSeconds ?? NaN).toFixed(2).padStart(6)} s CPU  built after the commit: ${b.name}`,
      );
    if (built.length)
      log(
        `indexes built and tables analyzed after the commit, ${CONNECTIONS ?? 'default'} connections at once: ${(wall - committed).toFixed(1)} s wall`,
      );
    // The loader's own CPU (row generation and COPY text): near the COPY's wall time, Node sets its pace.
    log(`loader (Node) CPU: ${((node.user + node.system) / 1e6).toFixed(1)} s`);
    const { rows: walRows } = await client.query<{ gb: string }>(`SELECT round((pg_wal_lsn_diff($1, $2) / 1e9)::numeric, 2)::text AS gb`, [
      await wal(),
      walBefore,
    ]);
    log(`WAL written: ${walRows[0]!.gb} GB`);
    log(
      `loaded ${inserted.toLocaleString('en-US')} in ${wall.toFixed(1)} s wall, ${cpu.toFixed(1)} s backend CPU; load average after ${load()}`,
    );
    // Twice, the faster counting (as issue 10's round trips): a burst from elsewhere hits one of them.
    const trips = [await plainCopyRoundTrip(database.url, portfolioId), await plainCopyRoundTrip(database.url, portfolioId)];
    const fastest = Math.min(...trips.map((t) => t.seconds));
    log(
      `host yardstick, a plain COPY round trip of the book's ${trips[0]!.rows.toLocaleString('en-US')} exposure rows (out, and into an unindexed table): ` +
        `${trips.map((t) => t.seconds.toFixed(1)).join(' and ')} s; the load took ${(wall / fastest).toFixed(1)} times the faster`,
    );
  } finally {
    await client.end();
    if (!process.argv.includes('--keep')) {
      await database.drop();
      await server.stop();
    } else log(`kept ${database.url}`);
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
