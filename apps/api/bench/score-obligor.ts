// npm run bench -w @probity/api (second part; alone: npm run bench:obligor -w @probity/api)
// Single-obligor latency through the real API over HTTP with an API key: scoreObligor (the score now
// with the full explanation) and whatIf (one change, counterfactuals) for demo card holders, one
// request at a time, with the demo's retail champion trained on the Taiwan file as logistic and as
// gradient-boosted trees. Side by side in the same run: the same API answering a plain obligor lookup
// (HTTP, API key, RLS: the floor of any request) and scoreObligor called in-process (no HTTP).
// Target: scoreObligor p99 under 50 ms. Writes bench/results/score-obligor.{json,md}.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { cpus, loadavg } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createApiKey, createDatabase, seedDemo, type TenantScope } from '@probity/db';
import { childEnvironment, createFreshDatabase, findTestServer, freePort, runSql } from '@probity/db/testing';
import { serializeModel, train } from '@probity/ml';
import { linkModel, scoreObligor, ScorerCache } from '@probity/scoring';
import { registerModelVersion } from '@probity/scoring/testing';
import { round2, waitReady } from './support.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const taiwan = fileURLToPath(new URL('../../../data/taiwan-credit-default.csv', import.meta.url));
const REQUESTS = Number(process.argv[2] ?? 1000);
const WARM_UP = 100;

const SCORE = `query($o: ID!) { scoreObligor(obligorId: $o) { scores { pd grade logit baselineLogit contributions { feature value contribution } reasons { text } inputs { name value } } } }`;
const WHAT_IF = `query($o: ID!) { whatIf(obligorId: $o, changes: [{ feature: "PAY_0", value: 0 }]) { exposures { current { pd grade } scenario { pd grade } counterfactuals { sentence } } } }`;
const LOOKUP = `query($o: ID!) { obligor(id: $o) { id name } }`;

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;

async function measure(label: string, ids: string[], once: (id: string) => Promise<void>) {
  for (let i = 0; i < WARM_UP; i++) await once(ids[i % ids.length]!);
  const before = round2(loadavg()[0]!);
  const times: number[] = [];
  for (let i = 0; i < REQUESTS; i++) {
    const started = performance.now();
    await once(ids[i % ids.length]!);
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return {
    label,
    p50: round2(percentile(times, 50)),
    p99: round2(percentile(times, 99)),
    mean: round2(times.reduce((s, t) => s + t, 0) / times.length),
    loadAverage1m: { before, after: round2(loadavg()[0]!) },
  };
}

const server = await findTestServer();
const database = await createFreshDatabase(server.url, 'bench-obligor');
let api: ChildProcess | undefined;
try {
  const seeded = await seedDemo(database.url);
  const db = createDatabase({ connectionString: database.url });
  const scope: TenantScope = { organizationId: seeded.organizationId, actor: { kind: 'system', name: 'bench' } };
  const { key } = await createApiKey(db, scope, { name: 'bench', scopes: ['READ'] });
  const rows = await runSql<{ obligor_id: string }>(
    database.url,
    'SELECT obligor_id FROM exposures WHERE portfolio_id = $1 ORDER BY md5(id::text) LIMIT 500',
    [seeded.retailPortfolioId],
  );
  const ids = rows.map((r) => r.obligor_id);

  const apiPort = await freePort();
  api = spawn(process.execPath, ['--import', 'tsx', path.join(here, '../src/main.ts')], {
    env: childEnvironment({
      DATABASE_URL: database.url,
      API_PORT: String(apiPort),
      PROBITY_SERVICE_TOKEN_SECRET: 'b'.repeat(40),
      LOG_LEVEL: 'warn',
      NODE_ENV: 'production',
    }),
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${apiPort}/graphql`;
  await waitReady(`http://127.0.0.1:${apiPort}/readyz`);
  const call = async (query: string, id: string) => {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
      body: JSON.stringify({ query, variables: { o: id } }),
    });
    const body = (await response.json()) as { errors?: { message: string }[] };
    if (body.errors) throw new Error(body.errors[0]!.message);
  };

  const rowsOut = [];
  for (const kind of ['logistic', 'gbdt'] as const) {
    const trainedAt = performance.now();
    const { model } = await train(taiwan, { model: kind, target: 'DEFAULT_NEXT_MONTH', id: 'ID', split: { kind: 'mod5' }, seed: 1 });
    const trainSeconds = round2((performance.now() - trainedAt) / 1000);
    const { modelId } = await registerModelVersion(database.url, seeded.organizationId, serializeModel(model), {
      name: `Retail cards PD (${kind})`,
    });
    await linkModel(db, scope, { portfolioId: seeded.retailPortfolioId, modelId });
    const cache = new ScorerCache();
    rowsOut.push({
      model: kind,
      trainSeconds,
      units: model.pipeline.units.length,
      scoreObligor: await measure('scoreObligor', ids, (id) => call(SCORE, id)),
      whatIf: await measure('whatIf', ids, (id) => call(WHAT_IF, id)),
      obligorLookup: await measure('obligor lookup', ids, (id) => call(LOOKUP, id)),
      inProcess: await measure(
        'scoreObligor in-process',
        ids,
        async (id) => void (await scoreObligor(db, scope, cache, { obligorId: id })),
      ),
    });
    await cache.close();
  }
  await db.close();

  const result = {
    benchmark:
      'single-obligor latency through GraphQL over HTTP with an API key (one request at a time), demo card holders, Taiwan-trained champion',
    date: new Date().toISOString(),
    machine: { cpus: cpus().length, cpuModel: cpus()[0]?.model, node: process.version },
    settings: { requests: REQUESTS, warmUp: WARM_UP, distinctObligors: ids.length },
    rows: rowsOut,
    target: 'scoreObligor p99 under 50 ms through the API',
    note: 'Client, API and PostgreSQL share this machine; compare figures from the same run only.',
  };
  await mkdir(path.join(here, 'results'), { recursive: true });
  await writeFile(path.join(here, 'results/score-obligor.json'), `${JSON.stringify(result, null, 2)}\n`);
  const md = [
    `# API benchmark: one obligor scored on demand (${result.date.slice(0, 10)})`,
    '',
    `${result.machine.cpus} CPUs (${result.machine.cpuModel}), Node ${result.machine.node}; ${REQUESTS} requests one at a time after ${WARM_UP} warm-up, ${ids.length} distinct card holders.`,
    '',
    '| champion | request | p50 ms | p99 ms | mean ms | load average (1 min) |',
    '| --- | --- | ---: | ---: | ---: | ---: |',
    ...rowsOut.flatMap((r) =>
      [r.scoreObligor, r.whatIf, r.obligorLookup, r.inProcess].map(
        (m) =>
          `| ${r.model} (${r.units} units) | ${m.label} | ${m.p50} | ${m.p99} | ${m.mean} | ${m.loadAverage1m.before} → ${m.loadAverage1m.after} |`,
      ),
    ),
    '',
    'Target: scoreObligor p99 < 50 ms through the API. "obligor lookup" is the same API answering a plain read (the HTTP, API key and RLS floor); "in-process" is the scoring without HTTP.',
    '',
  ].join('\n');
  await writeFile(path.join(here, 'results/score-obligor.md'), md);
  console.log(md);
} finally {
  api?.kill('SIGTERM');
  await new Promise((r) => setTimeout(r, 500));
  await database.drop();
  await server.stop();
}
