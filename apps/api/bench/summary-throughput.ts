// npm run bench -w @probity/api
// Requests per second and p50/p99 latency of the portfolio summary query through the real API (own
// process, production settings: API key auth, query limits, row-level security, PostgreSQL, the
// 30,000-exposure demo portfolio; the portfolio row and its summary come from the process's caches,
// filled by RLS reads and emptied by database notifications), then the same API with the portfolio
// cache off (one RLS tenant transaction per request), side by side in the same run with a bare Apollo Server 5 answering
// the same query shape from a static resolver (the reference) and a bare Node.js HTTP server returning
// the same JSON (the ceiling). Writes bench/results/.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { createApiKey, createDatabase, seedDemo } from '@probity/db';
import { childEnvironment, createFreshDatabase, findTestServer, freePort } from '@probity/db/testing';
import { round2, waitReady } from './support.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const DURATION_S = Number(process.argv[2] ?? 15);
const CONNECTIONS = 10;
const QUERY = `query Summary($id: ID!) { portfolio(id: $id) { summary { exposureCount totalEad totalLimit utilisation eadBySegment { key ead } eadBySector { key ead } } } }`;

function startChild(args: string[], env: Record<string, string>): ChildProcess {
  return spawn(process.execPath, args, { env: childEnvironment(env), stdio: ['ignore', 'ignore', 'inherit'] });
}

// The servers are measured in interleaved rounds (each for DURATION_S / ROUNDS per round), so that a
// burst of load from elsewhere on a shared machine hits every row alike rather than one of them.
const ROUNDS = 3;

async function loadOnce(url: string, headers: Record<string, string>, body: string, seconds: number) {
  const loadAverageBefore = round2(loadavg()[0]!);
  const result = await autocannon({ url, method: 'POST', headers, body, connections: CONNECTIONS, duration: seconds });
  if (result.non2xx || result.errors) throw new Error(`${url}: ${result.non2xx} non-2xx responses, ${result.errors} errors`);
  return {
    loadAverage1m: { before: loadAverageBefore, after: round2(loadavg()[0]!) },
    requestsPerSecond: Math.round(result.requests.average * 10) / 10,
    latencyMs: { p50: result.latency.p50, p99: result.latency.p99, mean: Math.round(result.latency.average * 100) / 100 },
    requests: result.requests.total,
  };
}
type Round = Awaited<ReturnType<typeof loadOnce>>;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** One row from its rounds: mean throughput, median p50, worst p99. */
function combine(rounds: Round[]) {
  return {
    loadAverage1m: { before: rounds[0]!.loadAverage1m.before, after: rounds.at(-1)!.loadAverage1m.after },
    requestsPerSecond: Math.round((rounds.reduce((sum, r) => sum + r.requestsPerSecond, 0) / rounds.length) * 10) / 10,
    latencyMs: {
      p50: median(rounds.map((r) => r.latencyMs.p50)),
      p99: Math.max(...rounds.map((r) => r.latencyMs.p99)),
      mean: Math.round((rounds.reduce((sum, r) => sum + r.latencyMs.mean, 0) / rounds.length) * 100) / 100,
    },
    requests: rounds.reduce((sum, r) => sum + r.requests, 0),
    rounds: rounds.map((r) => ({ requestsPerSecond: r.requestsPerSecond, p99: r.latencyMs.p99 })),
  };
}

const server = await findTestServer();
const database = await createFreshDatabase(server.url, 'bench');
const children: ChildProcess[] = [];
try {
  const seeded = await seedDemo(database.url);
  const db = createDatabase({ connectionString: database.url });
  const { key } = await createApiKey(
    db,
    { organizationId: seeded.organizationId, actor: { kind: 'system', name: 'bench' } },
    { name: 'bench', scopes: ['READ'] },
  );
  await db.close();

  const startApi = async (extra: Record<string, string>) => {
    const port = await freePort();
    children.push(
      startChild(['--import', 'tsx', path.join(here, '../src/main.ts')], {
        DATABASE_URL: database.url,
        API_PORT: String(port),
        PROBITY_SERVICE_TOKEN_SECRET: 'b'.repeat(40),
        LOG_LEVEL: 'warn',
        NODE_ENV: 'production',
        ...extra,
      }),
    );
    await waitReady(`http://127.0.0.1:${port}/readyz`);
    return `http://127.0.0.1:${port}/graphql`;
  };
  const apiUrl = await startApi({});
  const uncachedUrl = await startApi({ API_PORTFOLIO_CACHE_TTL_MS: '0' });
  const body = JSON.stringify({ query: QUERY, variables: { id: seeded.retailPortfolioId } });
  const headers = { 'content-type': 'application/json', authorization: `Bearer ${key}` };
  const answer = await (await fetch(apiUrl, { method: 'POST', headers, body })).text();
  if (!answer.includes('"exposureCount":30000')) throw new Error(`unexpected answer: ${answer.slice(0, 200)}`);
  const uncachedAnswer = await (await fetch(uncachedUrl, { method: 'POST', headers, body })).text();
  if (uncachedAnswer !== answer)
    throw new Error(`the API without its portfolio cache answers differently: ${uncachedAnswer.slice(0, 200)}`);

  const answerFile = path.join(tmpdir(), `probity-bench-answer-${process.pid}.json`);
  await writeFile(answerFile, answer);
  const apolloPort = await freePort();
  children.push(
    startChild(['--import', 'tsx', path.join(here, 'bare-apollo.ts'), answerFile, String(apolloPort)], { NODE_ENV: 'production' }),
  );
  const apolloUrl = `http://127.0.0.1:${apolloPort}/`;
  await waitReady(apolloUrl);
  const apolloAnswer = await (await fetch(apolloUrl, { method: 'POST', headers, body })).text();
  if (JSON.stringify(JSON.parse(apolloAnswer)) !== JSON.stringify(JSON.parse(answer)))
    throw new Error(`bare Apollo answers differently: ${apolloAnswer.slice(0, 200)}`);

  const barePort = await freePort();
  children.push(startChild(['--import', 'tsx', path.join(here, 'bare-server.ts'), answerFile, String(barePort)], {}));
  const bareUrl = `http://127.0.0.1:${barePort}/graphql`;
  await waitReady(bareUrl);

  const urls = { api: apiUrl, apiUncached: uncachedUrl, apollo: apolloUrl, bare: bareUrl };
  const rounds: Record<keyof typeof urls, Round[]> = { api: [], apiUncached: [], apollo: [], bare: [] };
  for (const url of Object.values(urls)) await autocannon({ url, method: 'POST', headers, body, connections: CONNECTIONS, duration: 2 }); // warm-up
  for (let round = 0; round < ROUNDS; round += 1) {
    for (const [name, url] of Object.entries(urls) as [keyof typeof urls, string][])
      rounds[name].push(await loadOnce(url, headers, body, Math.max(1, Math.round(DURATION_S / ROUNDS))));
  }
  const [api, apiUncached, apollo, bare] = [rounds.api, rounds.apiUncached, rounds.apollo, rounds.bare].map(combine) as [
    ReturnType<typeof combine>,
    ReturnType<typeof combine>,
    ReturnType<typeof combine>,
    ReturnType<typeof combine>,
  ];
  const perRound = (rows: Round[]) => rows.map((r, i) => r.requestsPerSecond / rounds.apollo[i]!.requestsPerSecond);
  const result = {
    benchmark:
      'portfolio summary query (30,000 exposures) through the API vs a bare Apollo Server 5 (static resolver, same query shape) and a bare Node.js server returning the same JSON',
    date: new Date().toISOString(),
    machine: { cpus: cpus().length, cpuModel: cpus()[0]?.model, node: process.version },
    settings: { connections: CONNECTIONS, durationSeconds: DURATION_S, rounds: ROUNDS, responseBytes: Buffer.byteLength(answer) },
    api,
    apiPortfolioCacheOff: apiUncached,
    bareApollo: apollo,
    bareNode: bare,
    ratio: {
      // The median of the rounds' ratios (each round measures both servers back to back).
      throughputVsBareApollo: Math.round(median(perRound(rounds.api)) * 10_000) / 10_000,
      throughputVsBareApolloByRound: perRound(rounds.api).map((x) => Math.round(x * 10_000) / 10_000),
      portfolioCacheOffVsBareApollo: Math.round(median(perRound(rounds.apiUncached)) * 10_000) / 10_000,
      throughput: Math.round((api.requestsPerSecond / bare.requestsPerSecond) * 10_000) / 10_000,
      p50LatencyX: Math.round((api.latencyMs.p50 / Math.max(bare.latencyMs.p50, 0.01)) * 10) / 10,
    },
    target: 'Probity at least half of bare Apollo, p99 under 25 ms at 10 connections',
    note: 'Load generator, API, PostgreSQL and the bare servers share the same machine (load averages per row); compare figures from the same run only.',
  };
  await mkdir(path.join(here, 'results'), { recursive: true });
  await writeFile(path.join(here, 'results/summary-throughput.json'), `${JSON.stringify(result, null, 2)}\n`);
  const md = [
    `# API benchmark: portfolio summary (${result.date.slice(0, 10)})`,
    '',
    `${result.machine.cpus} CPUs (${result.machine.cpuModel}), Node ${result.machine.node}; ${CONNECTIONS} connections, ${DURATION_S} s per server after a 2 s warm-up, in ${ROUNDS} interleaved rounds (requests/s: mean of the rounds; p50: median; p99: the worst round).`,
    '',
    '| server | requests/s | p50 ms | p99 ms | load average (1 min) |',
    '| --- | ---: | ---: | ---: | ---: |',
    ...(
      [
        ['Probity API (API key, GraphQL limits, RLS, PostgreSQL; portfolio and summary cached)', api],
        ['Probity API, portfolio cache off (one RLS tenant transaction per request)', apiUncached],
        ['bare Apollo Server 5, static resolver, same query', apollo],
        ['bare Node.js, same JSON', bare],
      ] as const
    ).map(
      ([label, row]) =>
        `| ${label} | ${row.requestsPerSecond} | ${row.latencyMs.p50} | ${row.latencyMs.p99} | ${row.loadAverage1m.before} → ${row.loadAverage1m.after} |`,
    ),
    '',
    `Throughput ratio Probity / bare Apollo: ${result.ratio.throughputVsBareApollo} (median of the rounds: ${result.ratio.throughputVsBareApolloByRound.join(', ')}; target ≥ 0.5, p99 < 25 ms); with the portfolio cache off ${result.ratio.portfolioCacheOffVsBareApollo}. Probity / bare Node.js: ${result.ratio.throughput}.`,
    '',
    'Every request is authenticated (API key, from the per-process credential cache), checked against the GraphQL depth, alias, cost and per-credential rate limits, and scoped to its tenant. The portfolio row comes from a per-process cache filled only by row-level-security reads in the same organization and dropped on every process by a database notification when the portfolio or its data changes (context/portfolio-cache.ts); the summary is cached by the portfolio data_version. Any cache miss (first request, after a change, listener down) runs the tenant transaction with its statement timeout.',
    '',
  ].join('\n');
  await writeFile(path.join(here, 'results/summary-throughput.md'), md);
  console.log(md);
} finally {
  for (const child of children) child.kill('SIGTERM');
  await new Promise((r) => setTimeout(r, 500));
  await database.drop();
  await server.stop();
}
