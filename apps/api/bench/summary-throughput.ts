// npm run bench -w @probity/api
// Requests per second and p50/p99 latency of the portfolio summary query through the real API (own
// process, production settings: API key auth, query limits, row-level security, PostgreSQL, the
// 30,000-exposure demo portfolio), side by side in the same run with a bare Apollo Server 5 answering
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

const here = path.dirname(fileURLToPath(import.meta.url));
const DURATION_S = Number(process.argv[2] ?? 15);
const CONNECTIONS = 10;
const QUERY = `query Summary($id: ID!) { portfolio(id: $id) { summary { exposureCount totalEad totalLimit utilisation eadBySegment { key ead } eadBySector { key ead } } } }`;

function startChild(args: string[], env: Record<string, string>): ChildProcess {
  return spawn(process.execPath, args, { env: childEnvironment(env), stdio: ['ignore', 'ignore', 'inherit'] });
}

async function waitReady(url: string): Promise<void> {
  for (let i = 0; i < 120; i += 1) {
    if (
      await fetch(url).then(
        (r) => r.status < 500,
        () => false,
      )
    )
      return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${url} never became ready`);
}

const round2 = (x: number) => Math.round(x * 100) / 100;

async function load(url: string, headers: Record<string, string>, body: string) {
  await autocannon({ url, method: 'POST', headers, body, connections: CONNECTIONS, duration: 2 }); // warm-up
  const loadAverageBefore = round2(loadavg()[0]!);
  const result = await autocannon({ url, method: 'POST', headers, body, connections: CONNECTIONS, duration: DURATION_S });
  if (result.non2xx || result.errors) throw new Error(`${url}: ${result.non2xx} non-2xx responses, ${result.errors} errors`);
  return {
    loadAverage1m: { before: loadAverageBefore, after: round2(loadavg()[0]!) },
    requestsPerSecond: Math.round(result.requests.average * 10) / 10,
    latencyMs: { p50: result.latency.p50, p99: result.latency.p99, mean: Math.round(result.latency.average * 100) / 100 },
    requests: result.requests.total,
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

  const apiPort = await freePort();
  children.push(
    startChild(['--import', 'tsx', path.join(here, '../src/main.ts')], {
      DATABASE_URL: database.url,
      API_PORT: String(apiPort),
      PROBITY_SERVICE_TOKEN_SECRET: 'b'.repeat(40),
      LOG_LEVEL: 'warn',
      NODE_ENV: 'production',
    }),
  );
  const apiUrl = `http://127.0.0.1:${apiPort}/graphql`;
  await waitReady(`http://127.0.0.1:${apiPort}/readyz`);
  const body = JSON.stringify({ query: QUERY, variables: { id: seeded.retailPortfolioId } });
  const headers = { 'content-type': 'application/json', authorization: `Bearer ${key}` };
  const answer = await (await fetch(apiUrl, { method: 'POST', headers, body })).text();
  if (!answer.includes('"exposureCount":30000')) throw new Error(`unexpected answer: ${answer.slice(0, 200)}`);

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

  const api = await load(apiUrl, headers, body);
  const apollo = await load(apolloUrl, headers, body);
  const bare = await load(bareUrl, headers, body);
  const result = {
    benchmark:
      'portfolio summary query (30,000 exposures) through the API vs a bare Apollo Server 5 (static resolver, same query shape) and a bare Node.js server returning the same JSON',
    date: new Date().toISOString(),
    machine: { cpus: cpus().length, cpuModel: cpus()[0]?.model, node: process.version },
    settings: { connections: CONNECTIONS, durationSeconds: DURATION_S, responseBytes: Buffer.byteLength(answer) },
    api,
    bareApollo: apollo,
    bareNode: bare,
    ratio: {
      throughputVsBareApollo: Math.round((api.requestsPerSecond / apollo.requestsPerSecond) * 10_000) / 10_000,
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
    `${result.machine.cpus} CPUs (${result.machine.cpuModel}), Node ${result.machine.node}; ${CONNECTIONS} connections, ${DURATION_S} s after a 2 s warm-up.`,
    '',
    '| server | requests/s | p50 ms | p99 ms | load average (1 min) |',
    '| --- | ---: | ---: | ---: | ---: |',
    ...(
      [
        ['Probity API (API key, GraphQL limits, RLS, PostgreSQL)', api],
        ['bare Apollo Server 5, static resolver, same query', apollo],
        ['bare Node.js, same JSON', bare],
      ] as const
    ).map(
      ([label, row]) =>
        `| ${label} | ${row.requestsPerSecond} | ${row.latencyMs.p50} | ${row.latencyMs.p99} | ${row.loadAverage1m.before} → ${row.loadAverage1m.after} |`,
    ),
    '',
    `Throughput ratio Probity / bare Apollo: ${result.ratio.throughputVsBareApollo} (target ≥ 0.5, p99 < 25 ms). Probity / bare Node.js: ${result.ratio.throughput}.`,
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
