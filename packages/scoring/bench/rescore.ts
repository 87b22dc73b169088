// Re-scoring throughput, end to end (read features by COPY, build the model's table, score with the
// top-5 explanation, grade, write scores by COPY, one transaction per batch), for the logistic and the
// gradient-boosted trees champion over the same rows, next to a plain COPY round trip of the same feature
// rows through the same PostgreSQL in the same run: the limit.
//   npm run bench -w @probity/scoring -- [--rows 100000] [--batch 5000] [--concurrency 2]
// Needs PostgreSQL at DATABASE_URL or 127.0.0.1:5432 (user postgres); makes and drops its own database.
// Runs with the worker's Node flags (--max-semi-space-size=64: see scripts/start/main.ts).
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { createDatabase, getScoringRun, loadFeatures, planScoringRun, type Database, type TenantScope } from '@probity/db';
import { createFreshDatabase, createTenantFixture, runSql } from '@probity/db/testing';
import { linkModel, requestScoringRun, scoreBatch, ScorerCache } from '../src/index.ts';
import { registerModelVersion, trainSmallModel } from '../src/testing.ts';
import { ServerCpu } from './server-cpu.ts';

const { values } = parseArgs({
  options: {
    rows: { type: 'string', default: '100000' },
    batch: { type: 'string', default: '5000' },
    concurrency: { type: 'string', default: '2' },
  },
});
const rows = Number(values.rows);
const batchSize = Number(values.batch);
const concurrency = Number(values.concurrency);
const server = process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
const fresh = await createFreshDatabase(server, 'bench_rescore');
const db = createDatabase({ connectionString: fresh.url });
const serverCpu = new ServerCpu(new URL(fresh.url).pathname.slice(1));
/** Node's CPU seconds (user + system) since `from`. */
const nodeCpu = (from: NodeJS.CpuUsage) => {
  const used = process.cpuUsage(from);
  return (used.user + used.system) / 1e6;
};
// The feature file, built and loaded in a function of its own: its million strings are garbage before
// any clock starts (kept alive, they made every major collection of the timed runs mark them: about
// half again the runs' Node CPU, measured with 2,000,000 strings kept).
async function loadCards(db: Database, scope: TenantScope, slug: string): Promise<void> {
  const cards = ['external_id,PAY_0,BILL_AMT1,current_ratio'];
  for (let i = 0; i < rows; i++) cards.push(`${slug}-E${i},${(i % 6) - 1},${(i * 7919) % 250000},${(i % 13) / 4}`);
  const loaded = await loadFeatures(db, scope, { level: 'EXPOSURE', asOf: '2026-10-31', source: { text: cards.join('\n') } });
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.issues));
}

// A plain COPY round trip of the feature rows (text out, the same rows back into a temporary table), its
// lines dropped with the function for the same reason.
async function copyRoundTrip(url: string): Promise<{ copySeconds: number; copyCpu: { node: number; server: number | null } }> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  serverCpu.start();
  const copyNode = process.cpuUsage();
  const copyStarted = performance.now();
  const { default: copyStreams } = await import('pg-copy-streams');
  const out = client.query(copyStreams.to(`COPY (SELECT exposure_id, "values" FROM exposure_features) TO STDOUT`));
  const lines: string[] = [];
  let rest = '';
  for await (const chunk of out as AsyncIterable<Buffer>) {
    const parts = (rest + chunk.toString()).split('\n');
    rest = parts.pop()!;
    lines.push(...parts);
  }
  await client.query('CREATE TEMP TABLE copy_back (exposure_id uuid, "values" float8[])');
  const sink = client.query(copyStreams.from('COPY copy_back FROM STDIN'));
  await new Promise<void>((resolve, reject) => {
    sink.on('finish', resolve).on('error', reject);
    for (let i = 0; i < lines.length; i += 5000) sink.write(lines.slice(i, i + 5000).join('\n') + '\n');
    sink.end();
  });
  const copySeconds = (performance.now() - copyStarted) / 1000;
  const copyCpu = { node: nodeCpu(copyNode), server: serverCpu.stop() };
  await client.end();
  return { copySeconds, copyCpu };
}

try {
  const t = await createTenantFixture(fresh.url, { label: 'bench', exposures: rows });
  const scope = { organizationId: t.organizationId, actor: { kind: 'system', name: 'bench' } } as const;
  await loadCards(db, scope, t.slug);
  // Settled tables, as a nightly run finds them: vacuumed (hint bits set, visibility map) and analyzed,
  // so neither the COPY below nor the runs pay for the load's first reads or race an autovacuum of it.
  await runSql(fresh.url, 'VACUUM (ANALYZE) exposures, exposure_features, obligor_features');

  // The limit: the same feature rows out by COPY and the same number of rows back in by COPY.
  const { copySeconds, copyCpu } = await copyRoundTrip(fresh.url);
  const copyRate = rows / copySeconds;

  const results = [];
  for (const kind of ['logistic', 'gbdt'] as const) {
    const modelFile = await trainSmallModel(7, kind, kind === 'gbdt' ? 5000 : 600);
    const { modelId, versionId } = await registerModelVersion(fresh.url, t.organizationId, modelFile, { kind, name: `bench ${kind}` });
    await linkModel(db, scope, { portfolioId: t.portfolioId, modelId });
    // A worker keeps its scorer for the life of the process: load it before the clock starts.
    const cache = new ScorerCache();
    const { scorer } = await cache.get(db, scope, versionId);
    serverCpu.start();
    const runNode = process.cpuUsage();
    const started = performance.now();
    const run = (await requestScoringRun(db, scope, { portfolioId: t.portfolioId, trigger: 'manual', asOf: '2026-11-30', batchSize }))!;
    const { pending } = await planScoringRun(db, scope, run.id, 'bench');
    // As a worker with PROBITY_SCORING_CONCURRENCY batch jobs at once: while PostgreSQL writes one batch,
    // this process reads and scores the next.
    const queue = [...pending];
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        for (let batchNo = queue.shift(); batchNo !== undefined; batchNo = queue.shift())
          await scoreBatch(db, scope, run.id, batchNo, cache);
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    const cpu = { node: nodeCpu(runNode), server: serverCpu.stop() };
    const model = scorer.model.model;
    const detail =
      model.kind === 'gbdt' ? `${(model.state as { trees: unknown[] }).trees.length} trees, exact TreeSHAP` : 'closed-form contributions';
    await cache.close();
    const done = (await getScoringRun(db, scope, run.id))!;
    if (done.status !== 'SUCCEEDED' || done.scoredCount !== rows)
      throw new Error(`${kind} run ended ${done.status} with ${done.scoredCount} scores`);
    results.push({
      model: `${kind} (${detail}), 3 features, top-5 reasons`,
      seconds,
      exposuresPerSecond: rows / seconds,
      ratioToCopy: rows / seconds / copyRate,
      readMs: done.readMs,
      scoreMs: done.scoreMs,
      writeMs: done.writeMs,
      cpuSeconds: cpu,
    });
  }
  const result = {
    measuredAt: new Date().toISOString(),
    machine: `${cpus().length} cores, load ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' / ')}`,
    rows,
    batchSize,
    concurrency,
    copyRoundTrip: { seconds: copySeconds, rowsPerSecond: copyRate, cpuSeconds: copyCpu },
    rescore: results,
  };
  mkdirSync(new URL('./results/', import.meta.url), { recursive: true });
  writeFileSync(new URL('./results/rescore.json', import.meta.url), JSON.stringify(result, null, 2) + '\n');
  const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
  const cpuText = (c: { node: number; server: number | null }) => `${c.node.toFixed(1)} / ${c.server === null ? '?' : c.server.toFixed(1)}`;
  const md = [
    `Measured ${result.measuredAt} (${result.machine}), one process, ${concurrency} batches of ${batchSize.toLocaleString('en-US')} in flight, scorer loaded beforehand, ${rows.toLocaleString('en-US')} exposures re-scored end to end (read by COPY, score, top-5 explanation, grade, write by COPY):`,
    '',
    '| model | seconds | exposures/s | read / score / write ms (summed over batches) | CPU s Node / PostgreSQL | ratio to COPY |',
    '| --- | ---: | ---: | --- | --- | ---: |',
    ...results.map(
      (r) =>
        `| ${r.model} | ${r.seconds.toFixed(1)} | **${fmt(r.exposuresPerSecond)}** | ${r.readMs} / ${r.scoreMs} / ${r.writeMs} | ${cpuText(r.cpuSeconds)} | ${r.ratioToCopy.toFixed(2)} |`,
    ),
    `| plain COPY round trip of the same rows | ${copySeconds.toFixed(1)} | ${fmt(copyRate)} | | ${cpuText(copyCpu)} | 1 |`,
    '',
    "Target: a ratio of at least 0.5. CPU seconds: the bench process, and the PostgreSQL processes of its database (backends and autovacuum, sampled from /proc; the WAL writer and checkpointer are shared and not counted); a run's include sealing its partition (both indexes built, attached). The loaded tables are vacuumed and analyzed before both (settled, as a nightly run finds them), and the bench's own feature file and COPY lines are garbage before the runs start.",
    '',
  ].join('\n');
  writeFileSync(new URL('./results/rescore.md', import.meta.url), md);
  console.log(md);
} finally {
  await db.close();
  await fresh.drop();
}
