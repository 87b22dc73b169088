// Re-scoring throughput, end to end (read features by COPY, build the model's table, score with the
// top-5 explanation, grade, write scores by COPY, one transaction per batch), next to a plain COPY round
// trip of the same feature rows through the same PostgreSQL in the same run: the limit.
//   npm run bench -w @probity/scoring -- [--rows 100000] [--batch 5000]
// Needs PostgreSQL at DATABASE_URL or 127.0.0.1:5432 (user postgres); makes and drops its own database.
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { createDatabase, getScoringRun, loadFeatures, planScoringRun } from '@probity/db';
import { createFreshDatabase, createTenantFixture } from '@probity/db/testing';
import { linkModel, requestScoringRun, scoreBatch, ScorerCache } from '../src/index.ts';
import { registerModelVersion, trainSmallModel } from '../src/testing.ts';

const { values } = parseArgs({ options: { rows: { type: 'string', default: '100000' }, batch: { type: 'string', default: '5000' } } });
const rows = Number(values.rows);
const batchSize = Number(values.batch);
const server = process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
const fresh = await createFreshDatabase(server, 'bench_rescore');
const db = createDatabase({ connectionString: fresh.url });
try {
  const t = await createTenantFixture(fresh.url, { label: 'bench', exposures: rows });
  const scope = { organizationId: t.organizationId, actor: { kind: 'system', name: 'bench' } } as const;
  const cards = ['external_id,PAY_0,BILL_AMT1,current_ratio'];
  for (let i = 0; i < rows; i++) cards.push(`${t.slug}-E${i},${(i % 6) - 1},${(i * 7919) % 250000},${(i % 13) / 4}`);
  const loaded = await loadFeatures(db, scope, { level: 'EXPOSURE', asOf: '2026-10-31', source: { text: cards.join('\n') } });
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.issues));
  const { modelId, versionId } = await registerModelVersion(fresh.url, t.organizationId, await trainSmallModel());
  await linkModel(db, scope, { portfolioId: t.portfolioId, modelId });

  // The limit: the same feature rows out by COPY and the same number of score-sized rows back in by COPY.
  const client = new pg.Client({ connectionString: fresh.url });
  await client.connect();
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
  await client.end();

  // A worker keeps its scorer for the life of the process: load it before the clock starts.
  const cache = new ScorerCache();
  await cache.get(db, scope, versionId);
  const started = performance.now();
  const run = (await requestScoringRun(db, scope, { portfolioId: t.portfolioId, trigger: 'manual', asOf: '2026-11-30', batchSize }))!;
  const { pending } = await planScoringRun(db, scope, run.id, 'bench');
  for (const batchNo of pending) await scoreBatch(db, scope, run.id, batchNo, cache);
  const seconds = (performance.now() - started) / 1000;
  await cache.close();
  const done = (await getScoringRun(db, scope, run.id))!;
  const result = {
    measuredAt: new Date().toISOString(),
    machine: `${cpus().length} cores, load ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' / ')}`,
    rows,
    batchSize,
    model: 'logistic, 3 features, top-5 reasons',
    rescore: {
      seconds,
      exposuresPerSecond: rows / seconds,
      status: done.status,
      scored: done.scoredCount,
      readMs: done.readMs,
      scoreMs: done.scoreMs,
      writeMs: done.writeMs,
    },
    copyRoundTrip: { seconds: copySeconds, rowsPerSecond: rows / copySeconds },
    ratioToCopy: rows / seconds / (rows / copySeconds),
  };
  mkdirSync(new URL('./results/', import.meta.url), { recursive: true });
  writeFileSync(new URL('./results/rescore.json', import.meta.url), JSON.stringify(result, null, 2) + '\n');
  const md = `Measured ${result.measuredAt} (${result.machine}), one process, batches in turn, scorer loaded beforehand: ${rows.toLocaleString('en-US')} exposures re-scored end to end in ${seconds.toFixed(1)} s = **${Math.round(result.rescore.exposuresPerSecond).toLocaleString('en-US')} exposures/s** (read ${done.readMs} ms, score ${done.scoreMs} ms, write ${done.writeMs} ms); plain COPY round trip of the same rows ${copySeconds.toFixed(1)} s = ${Math.round(result.copyRoundTrip.rowsPerSecond).toLocaleString('en-US')} rows/s; ratio ${result.ratioToCopy.toFixed(2)} (target ≥ 0.5).\n`;
  writeFileSync(new URL('./results/rescore.md', import.meta.url), md);
  console.log(md);
} finally {
  await db.close();
  await fresh.drop();
}
