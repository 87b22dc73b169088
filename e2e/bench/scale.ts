// npm run bench:scale [-- --sizes 100000,1000000,5000000] [--iterations 40]
// (PROBITY_TEST_SERVER=embedded: on the embedded PostgreSQL 18 of a newcomer's `npm start`; else DATABASE_URL or 127.0.0.1:5432)
// Portfolios of 100,000 to 5,000,000 synthetic exposures in one organization, loaded by COPY, each
// measured through the real API (an API key, sequential requests, warm server) and the real dashboard
// (Debian's Chromium, navigation timing): every sort, every filter, search, a page 1,000 pages deep,
// the same by PD and grade (after a scoring run over the portfolio) and combined with the others,
// the summary after an edit, the portfolio list, an obligor page, the snapshot job, and the overview
// and exposure table's server render; plus load time and database size. The machine's load average
// is recorded next to every size (the machine is shared: compare figures from the same run only).
// Writes e2e/bench/results/scale.{json,md}.
import { randomBytes } from 'node:crypto';
import { mkdir, statfs, writeFile } from 'node:fs/promises';
import { cpus, loadavg } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { chromium, type Page } from '@playwright/test';
import { createApiKey, createDatabase, snapshotOrganization, type TenantScope } from '@probity/db';
import { ensureMembership, ensureOrganization, ensureUser, loadSyntheticPortfolio, type TimedStep } from '@probity/db/seed';
import {
  createFreshDatabase,
  describeTestServer,
  findTestServer,
  freePort,
  insertBandedScores,
  insertPlaceholderChampion,
  insertSucceededRun,
} from '@probity/db/testing';
import { ensureWebBuild } from '../../scripts/start/web-build.ts';
import { inheritedEnvironment } from '../support/env.ts';
import { startApp, waitUntilReady, type AppProcess } from '../setup/processes.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));
const here = path.dirname(fileURLToPath(import.meta.url));
const arg = (name: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const SIZES = (arg('sizes') ?? '100000,1000000,5000000').split(',').map(Number);
const ITERATIONS = Number(arg('iterations') ?? 40);
const RENDERS = Number(arg('renders') ?? 15);
const ORG = { name: 'Scale Bank', slug: 'scale-bank' };
const USER = { email: 'risk.officer@scale-bank.example', name: 'Scale Officer', password: `Scale-${randomBytes(6).toString('hex')}` };

/** The few fields the bench reads back from its queries. */
interface BenchData {
  portfolio: { summary: { exposureCount: number }; exposures: { nodes: { id: string }[] } };
}

const log = (line: string) => process.stderr.write(`[bench:scale] ${line}\n`);
const round = (ms: number) => Math.round(ms * 10) / 10;
function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((x, y) => x - y);
  return round(sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!);
}
const stats = (samples: number[]) => ({ p50: percentile(samples, 50), p99: percentile(samples, 99), n: samples.length });
const load1 = () => Math.round(loadavg()[0]! * 100) / 100;

const PAGE = `query($id: ID!, $after: String, $filter: ExposureFilter, $orderBy: ExposureOrder) {
  portfolio(id: $id) { exposures(first: 25, after: $after, filter: $filter, orderBy: $orderBy) {
    totalCount totalCountIsEstimate pageInfo { hasNextPage endCursor }
    nodes { id externalId ead limit lgd daysPastDue status maturityDate obligor { id name segment sector country } } } } }`;
const SUMMARY = `query($id: ID!) { portfolio(id: $id) { summary { exposureCount obligorCount totalEad totalLimit utilisation
  eadBySegment { key ead share } eadBySector { key ead share } eadByStatus { key ead } topObligors(limit: 10) { obligor { name } ead share } } } }`;
const LIST = `{ portfolios(first: 50) { totalCount nodes { id name summary { exposureCount totalEad utilisation defaultedCount } } } }`;
const OBLIGOR = `query($id: ID!) { obligor(id: $id) { name segment sector country totalEad totalLimit utilisation maxDaysPastDue currencies portfolioCount
  exposures(first: 25) { totalCount nodes { externalId ead limit status portfolio { name } } } } }`;
/** The PostgreSQL measured ("PostgreSQL 18.4 (embedded)"): figures differ between versions. */
let serverLabel = '';

const EDIT = `mutation($id: ID!, $ead: Decimal!) { updateExposure(id: $id, input: { ead: $ead }) { id ead } }`;

async function main() {
  const server = await findTestServer();
  const database = await createFreshDatabase(server.url, 'scale_bench');
  const apps: AppProcess[] = [];
  try {
    log(`database ${database.url.replace(/\/\/[^@]*@/, '//')} (${server.source}); sizes ${SIZES.join(', ')}`);
    // A short-lived connection per owner query (withClient).
    const owner = {
      query: <R extends pg.QueryResultRow>(sql: string, params: unknown[] = []) =>
        withClient(database.url, (client) => client.query<R>(sql, params)),
    };
    serverLabel = await describeTestServer(server);
    log(serverLabel);
    const setup = new pg.Client({ connectionString: database.url });
    await setup.connect();
    await setup.query('BEGIN');
    const organizationId = await ensureOrganization(setup, ORG);
    const userId = await ensureUser(setup, USER);
    await ensureMembership(setup, userId, organizationId, 'RISK_OFFICER');
    await setup.query('COMMIT');
    await setup.end();
    const db = createDatabase({ connectionString: database.url });
    const scope: TenantScope = { organizationId, actor: { kind: 'system', name: 'bench:scale' }, requestId: 'bench-scale' };
    const { key: readKey } = await createApiKey(db, scope, { name: 'bench read', scopes: ['READ'] });
    const { key: writeKey } = await createApiKey(db, scope, { name: 'bench write', scopes: ['WRITE'] });

    const base = { ...inheritedEnvironment(), NODE_ENV: 'production', NEXT_TELEMETRY_DISABLED: '1' };
    await ensureWebBuild(root, base, log);
    const secret = randomBytes(32).toString('hex');
    const [apiPort, webPort] = [await freePort(), await freePort()];
    const apiUrl = `http://127.0.0.1:${apiPort}/graphql`;
    const baseUrl = `http://127.0.0.1:${webPort}`;
    const tsxCli = path.join(root, 'node_modules/tsx/dist/cli.mjs');
    const nextCli = path.join(root, 'node_modules/next/dist/bin/next');
    apps.push(
      startApp('api', [tsxCli, 'apps/api/src/main.ts'], {
        cwd: root,
        echo: false,
        env: { ...base, DATABASE_URL: database.url, API_PORT: String(apiPort), PROBITY_SERVICE_TOKEN_SECRET: secret, LOG_LEVEL: 'warn' },
      }),
      startApp('web', [nextCli, 'start', '--port', String(webPort), '--hostname', '127.0.0.1'], {
        cwd: path.join(root, 'apps/web'),
        echo: false,
        env: {
          ...base,
          PORT: String(webPort),
          API_URL: apiUrl,
          NEXTAUTH_URL: baseUrl,
          NEXTAUTH_SECRET: randomBytes(32).toString('hex'),
          PROBITY_SERVICE_TOKEN_SECRET: secret,
          DATABASE_URL: database.url,
        },
      }),
    );
    await Promise.all([
      waitUntilReady(apps[0]!, `http://127.0.0.1:${apiPort}/readyz`, 120_000),
      waitUntilReady(apps[1]!, `${baseUrl}/signin`, 120_000),
    ]);

    async function call<T = BenchData>(
      query: string,
      variables: Record<string, unknown> = {},
      key = readKey,
    ): Promise<{ ms: number; data: T }> {
      const started = performance.now();
      const response = await fetch(apiUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
        body: JSON.stringify({ query, variables }),
      });
      const body = (await response.json()) as { data?: unknown; errors?: unknown };
      const ms = performance.now() - started;
      if (body.errors) throw new Error(`API error: ${JSON.stringify(body.errors).slice(0, 300)}`);
      return { ms, data: body.data as T };
    }
    async function timed(query: string, variables: Record<string, unknown> = {}, n = ITERATIONS) {
      await call(query, variables); // warm-up
      const samples: number[] = [];
      for (let i = 0; i < n; i += 1) samples.push((await call(query, variables)).ms);
      return stats(samples);
    }

    const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
    const page = await browser.newPage({ baseURL: baseUrl });
    await page.goto('/signin');
    await page.getByLabel('Email').fill(USER.email);
    await page.getByLabel('Password').fill(USER.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByTestId('user-name').waitFor();
    async function render(p: Page, url: string) {
      const samples: number[] = [];
      for (let i = 0; i <= RENDERS; i += 1) {
        await p.goto(url);
        const ttfb = await p.evaluate(() => {
          const [nav] = performance.getEntriesByType('navigation') as PerformanceNavigationTiming[];
          return nav ? nav.responseStart - nav.requestStart : NaN;
        });
        if (i > 0) samples.push(ttfb); // the first is a warm-up
      }
      return stats(samples);
    }

    const results: Record<string, unknown>[] = [];
    let scoringVersion: string | undefined; // the placeholder champion every size's scoring run names
    for (const size of SIZES) {
      // A size the disk cannot hold is skipped, not loaded until the disk is full: a 1,000,000 load took
      // 1.6 GB of tables and indexes, and COPY staging, sorts and WAL need as much again while it runs.
      const free = await freeDiskBytes(owner);
      const needed = size * BYTES_PER_EXPOSURE * 2;
      if (free !== null && free < needed) {
        log(
          `skipping ${size.toLocaleString('en-US')}: ${(free / 1e9).toFixed(1)} GB free where the database lives, ${(needed / 1e9).toFixed(1)} GB needed`,
        );
        continue;
      }
      // The dashboard page left open by the last size's renders is closed while the load runs (it polls
      // nothing, but its renderer used about 0.5 s of CPU during a million-row load).
      await page.goto('about:blank');
      const before = load1();
      log(`loading ${size.toLocaleString('en-US')} exposures (load average ${before})`);
      const steps: TimedStep[] = [];
      const loaded = await loadSyntheticPortfolio(database.url, { size, organization: ORG, steps });
      log(`loaded in ${loaded.seconds.toFixed(1)} s (database backend CPU ${loaded.databaseCpuSeconds ?? '?'} s)`);
      // The load's slow statements, to compare with `npm run bench:load` (the same load, nothing else running).
      const loadSteps = steps
        .filter((s) => s.wall >= 0.5)
        .map((s) => ({ sql: s.sql.slice(0, 80), wall: round(s.wall * 1000) / 1000, cpu: round(s.cpu * 1000) / 1000 }));
      for (const s of loadSteps) log(`  ${s.wall.toFixed(2)} s wall ${s.cpu.toFixed(2)} s CPU  ${s.sql}`);
      const id = loaded.portfolioId;
      const firstSummary = await call(SUMMARY, { id });
      if (firstSummary.data.portfolio.summary.exposureCount !== size) throw new Error('summary count does not match the load');

      const requests: Record<string, { p50: number; p99: number; n: number }> = {};
      const measure = async (name: string, query: string, variables: Record<string, unknown>, n?: number) => {
        requests[name] = await timed(query, variables, n);
        log(`  ${name}: p50 ${requests[name].p50} ms, p99 ${requests[name].p99} ms`);
      };
      await measure('table: default (EAD desc)', PAGE, { id });
      for (const field of ['EAD', 'LIMIT', 'LGD', 'DAYS_PAST_DUE', 'MATURITY_DATE', 'EXTERNAL_ID', 'OBLIGOR_NAME', 'UPDATED_AT']) {
        for (const direction of ['ASC', 'DESC'])
          await measure(`table: sort ${field} ${direction}`, PAGE, { id, orderBy: { field, direction } });
      }
      const { rows: picks } = await owner.query<{ obligor_id: string; name: string; n: string }>(
        `SELECT obligor_id, obligor_name AS name, external_id AS n FROM exposures WHERE portfolio_id = $1 ORDER BY external_id LIMIT 1 OFFSET $2`,
        [id, Math.floor(size / 2)],
      );
      const pick = picks[0]!;
      const filters: [string, Record<string, unknown>][] = [
        ['status DEFAULTED', { status: 'DEFAULTED' }],
        ['segment CORPORATE', { segment: 'CORPORATE' }],
        ['sector Energy', { sector: 'Energy' }],
        ['country LU', { country: 'LU' }],
        ['currency CHF', { currency: 'CHF' }],
        ['product Car loan', { product: 'Car loan' }],
        ['minEad 100000', { minEad: '100000' }],
        ['maxEad 100', { maxEad: '100' }],
        ['minDaysPastDue 90', { minDaysPastDue: 90 }],
        ['obligorId', { obligorId: pick.obligor_id }],
        ['status CLOSED + country LU', { status: 'CLOSED', country: 'LU' }],
        ['search facility reference', { search: pick.n.slice(0, -1) }],
        ['search obligor name', { search: pick.name }],
      ];
      for (const [name, filter] of filters) await measure(`table: filter ${name}`, PAGE, { id, filter });
      const { rows: deepRows } = await owner.query<{ ead: string; id: string }>(
        `SELECT ead::text, id FROM exposures WHERE portfolio_id = $1 ORDER BY ead DESC, id DESC OFFSET 24999 LIMIT 1`,
        [id],
      );
      const deep = Buffer.from(JSON.stringify([deepRows[0]!.ead, deepRows[0]!.id]), 'utf8').toString('base64url');
      await measure('table: page 1,001 by cursor', PAGE, { id, after: deep });
      await measure('portfolio list', LIST, {});
      await measure('obligor page', OBLIGOR, { id: pick.obligor_id });

      // PD and grade: one succeeded scoring run over the whole portfolio (synthetic PDs, written as a
      // run's batches leave them), then the table sorted and filtered by them, alone and with the others.
      scoringVersion ??= await withClient(database.url, (client) => insertPlaceholderChampion(client, organizationId, 'scale'));
      const scored = await writeScoredRun(database.url, organizationId, scoringVersion, id, size);
      log(`  a scoring run over the portfolio written in ${scored.seconds.toFixed(1)} s`);
      await measure('table: sort PD ASC', PAGE, { id, orderBy: { field: 'PD', direction: 'ASC' } });
      await measure('table: sort PD DESC', PAGE, { id, orderBy: { field: 'PD', direction: 'DESC' } });
      await measure('table: sort PD DESC, page 1,001 by cursor', PAGE, {
        id,
        after: scored.deepCursor,
        orderBy: { field: 'PD', direction: 'DESC' },
      });
      const byPd = { field: 'PD', direction: 'DESC' };
      const scoredShapes: [string, Record<string, unknown>, Record<string, unknown> | undefined][] = [
        ['filter grade G07', { grade: 'G07' }, undefined],
        ['filter grade G07, sort PD', { grade: 'G07' }, byPd],
        ['filter grade G07, sort obligor name', { grade: 'G07' }, { field: 'OBLIGOR_NAME', direction: 'ASC' }],
        ['filter PD 0.10 to 0.11', { minPd: 0.1, maxPd: 0.11 }, undefined],
        ['filter grade G07 + country LU', { grade: 'G07', country: 'LU' }, undefined],
        ['filter status CLOSED + country LU, sort PD', { status: 'CLOSED', country: 'LU' }, byPd],
        ['filter minDaysPastDue 300, sort PD', { minDaysPastDue: 300 }, byPd],
        ['search facility reference, sort PD', { search: pick.n.slice(0, -1) }, byPd],
      ];
      for (const [name, filter, orderBy] of scoredShapes) await measure(`table: ${name}`, PAGE, { id, filter, orderBy });

      const edited: number[] = [];
      const edits: number[] = [];
      for (let i = 0; i < Math.min(ITERATIONS, 20); i += 1) {
        const edit = await call(
          EDIT,
          { id: (await call(PAGE, { id })).data.portfolio.exposures.nodes[i % 25]!.id, ead: `${1000 + i}.00` },
          writeKey,
        );
        edits.push(edit.ms);
        edited.push((await call(SUMMARY, { id })).ms);
      }
      requests['edit (updateExposure)'] = stats(edits);
      requests['summary after an edit'] = stats(edited);

      const snapStarted = performance.now();
      await snapshotOrganization(db, scope, new Date());
      const snapshotSeconds = (performance.now() - snapStarted) / 1000;
      const overview = await render(page, `/portfolios/${id}`);
      const table = await render(page, `/portfolios/${id}/exposures`);
      const { rows: sizeRows } = await owner.query<{ bytes: string }>('SELECT pg_database_size(current_database()) AS bytes');
      const result = {
        size,
        loadSeconds: round(loaded.seconds),
        loadDatabaseCpuSeconds: loaded.databaseCpuSeconds,
        loadSteps,
        firstSummaryAfterLoadMs: round(firstSummary.ms),
        // Milliseconds count here: the job reads the running totals (10 to 20 ms), which round(…) showed as 0 s.
        snapshotJobSeconds: Math.round(snapshotSeconds * 1000) / 1000,
        databaseBytes: Number(sizeRows[0]!.bytes),
        requests,
        render: { overview, exposureTable: table },
        loadAverage: { before, after: load1() },
      };
      log(`  render overview p50 ${overview.p50} ms, table p50 ${table.p50} ms; snapshot ${snapshotSeconds.toFixed(2)} s`);
      results.push(result);
      await write(results);
    }
    await browser.close();
    await db.close();
  } finally {
    await Promise.all(apps.map((app) => app.stop()));
    await database.drop().catch((error: unknown) => log(`could not drop the database: ${String(error)}`));
    await server.stop();
  }
}

/**
 * A succeeded scoring run over every exposure of the portfolio, as the pd-figures bench of @probity/db
 * writes one (the version a placeholder champion; `insertBandedScores`: PDs spread evenly over
 * [0, 0.25), thirteen grades), with fresh statistics. Returns the cursor of page 1,001 (25,000 rows
 * deep) in the PD order.
 */
async function writeScoredRun(
  url: string,
  organizationId: string,
  versionId: string,
  portfolioId: string,
  size: number,
): Promise<{ seconds: number; deepCursor: string }> {
  const started = performance.now();
  return withClient(url, async (client) => {
    const runId = await insertSucceededRun(client, { organizationId, portfolioId, versionId, scoredCount: size });
    await insertBandedScores(client, runId, portfolioId);
    await client.query('ANALYZE scores, scoring_run_grades');
    const deep = await client.query<{ pd: number; id: string }>(
      'SELECT pd, exposure_id AS id FROM scores WHERE run_id = $1 ORDER BY pd DESC, exposure_id DESC OFFSET 24999 LIMIT 1',
      [runId],
    );
    const deepCursor = Buffer.from(JSON.stringify([deep.rows[0]!.pd, deep.rows[0]!.id]), 'utf8').toString('base64url');
    return { seconds: (performance.now() - started) / 1000, deepCursor };
  });
}

/**
 * A short-lived owner connection for `work`: a long-lived one would not survive a server restart or a
 * terminated backend on this shared machine.
 */
async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  client.on('error', (error) => log(`owner connection: ${error.message}`));
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

const BYTES_PER_EXPOSURE = 1_700;

/** Free bytes on the file system of the server's data directory (null when the server is not local). */
async function freeDiskBytes(owner: {
  query<R extends pg.QueryResultRow>(sql: string): Promise<pg.QueryResult<R>>;
}): Promise<number | null> {
  try {
    const { rows } = await owner.query<{ dir: string }>(`SELECT current_setting('data_directory') AS dir`);
    const info = await statfs(rows[0]!.dir);
    return info.bavail * info.bsize;
  } catch {
    return null;
  }
}

async function write(results: Record<string, unknown>[]) {
  const out = {
    benchmark: 'exposure table, summary, snapshot and dashboard at 100,000 to 5,000,000 exposures (npm run bench:scale)',
    date: new Date().toISOString(),
    machine: { cpus: cpus().length, cpuModel: cpus()[0]?.model, node: process.version },
    server: serverLabel,
    note: 'API, dashboard, PostgreSQL, Chromium and the load generator share this machine with other work; the load average (1 min) is given per size.',
    results,
  };
  await mkdir(path.join(here, 'results'), { recursive: true });
  await writeFile(path.join(here, 'results/scale.json'), `${JSON.stringify(out, null, 2)}\n`);
  await writeFile(path.join(here, 'results/scale.md'), markdown(out.date, results as unknown as SizeResult[]));
}

interface SizeResult {
  size: number;
  loadSeconds: number;
  loadDatabaseCpuSeconds: number | null;
  firstSummaryAfterLoadMs: number;
  snapshotJobSeconds: number;
  databaseBytes: number;
  requests: Record<string, { p50: number; p99: number }>;
  render: { overview: { p50: number; p99: number }; exposureTable: { p50: number; p99: number } };
  loadAverage: { before: number; after: number };
}

function markdown(date: string, results: SizeResult[]): string {
  const sizes = results.map((r) => r.size.toLocaleString('en-US'));
  const growth = (values: number[]) => (values.length > 1 && values[0]! > 0 ? `${(values.at(-1)! / values[0]!).toFixed(1)}x` : '');
  const lines = [
    `# Scale benchmark (${date.slice(0, 10)})`,
    '',
    `${cpus().length} CPUs (${cpus()[0]?.model}), Node ${process.version}, ${serverLabel}. Times in ms, p50 / p99 over sequential requests through the API (API key); render: the dashboard's time to first byte (Chromium navigation timing). The machine is shared: see the load average.`,
    '',
    `| measure | ${sizes.join(' | ')} | growth |`,
    `| --- | ${sizes.map(() => '---:').join(' | ')} | ---: |`,
    `| load average (1 min) before / after | ${results.map((r) => `${r.loadAverage.before} / ${r.loadAverage.after}`).join(' | ')} | |`,
    `| load by COPY (s) | ${results.map((r) => r.loadSeconds).join(' | ')} | ${growth(results.map((r) => r.loadSeconds))} |`,
    `| load: database backend CPU (s) | ${results.map((r) => r.loadDatabaseCpuSeconds ?? '').join(' | ')} | |`,
    `| database size (MB) | ${results.map((r) => Math.round(r.databaseBytes / 1e6)).join(' | ')} | ${growth(results.map((r) => r.databaseBytes))} |`,
    `| first summary after the load (ms) | ${results.map((r) => r.firstSummaryAfterLoadMs).join(' | ')} | |`,
    `| snapshot job, whole organization (s) | ${results.map((r) => r.snapshotJobSeconds).join(' | ')} | |`,
    `| render: overview | ${results.map((r) => `${r.render.overview.p50} / ${r.render.overview.p99}`).join(' | ')} | ${growth(results.map((r) => r.render.overview.p50))} |`,
    `| render: exposure table | ${results.map((r) => `${r.render.exposureTable.p50} / ${r.render.exposureTable.p99}`).join(' | ')} | ${growth(results.map((r) => r.render.exposureTable.p50))} |`,
  ];
  for (const name of Object.keys(results[0]?.requests ?? {})) {
    const cells = results.map((r) => r.requests[name]);
    lines.push(
      `| ${name} | ${cells.map((c) => (c ? `${c.p50} / ${c.p99}` : '')).join(' | ')} | ${growth(cells.map((c) => c?.p50 ?? 0))} |`,
    );
  }
  return `${lines.join('\n')}\n`;
}

await main();
