// Re-scoring throughput, end to end (read features by COPY, build the model's table, score with the
// top-5 explanation, grade, write scores by COPY, one transaction per batch), for the logistic and the
// gradient-boosted trees champion over the same rows, next to a plain COPY round trip of the same feature
// rows through the same PostgreSQL in the same run: the limit. Then the storage floor (storage-floor.ts):
// the same run machinery with precomputed scores in place of the model, a reference for how much of the
// gap to COPY is the score record itself.
//   npm run bench -w @probity/scoring -- [--rows 100000] [--data taiwan|polish|small] [--batch 10000] [--concurrency 2] [--threads N]
//     [--models logistic,gbdt] (the champions to run, in order; the storage floor rewrites the first one's scores) [--keep]
//     [--shuffled] (the feature file's lines in a scrambled order instead of the book's)
//     [--rounds N] (every run N times, a COPY round trip between rounds; each row the median round)
//     [--history N] (N older month-ends of the same feature file loaded first, the way a book loaded
//     monthly has them: each later load moves the rows before it to the history)
// --data (bench-data.ts): the feature rows and the champions; taiwan (default) is the demo's card book,
// 23 features per exposure and champions trained on the shipped file as the demo trains them.
// PostgreSQL at DATABASE_URL, else 127.0.0.1:5432, else (or with PROBITY_TEST_SERVER=embedded) the embedded
// PostgreSQL 18 of a newcomer's `npm start`; makes and drops its own database and names the server version.
// Runs with the worker's Node flags (--max-semi-space-size=64: see scripts/start/main.ts).
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import {
  createDatabase,
  getScoringRun,
  loadFeatures,
  planScoringRun,
  withScoringBatch,
  type Database,
  type TenantScope,
} from '@probity/db';
import { createFreshDatabase, createTenantFixture, describeTestServer, findTestServer, runSql } from '@probity/db/testing';
import { DEFAULT_BATCH_SIZE, linkModel, monitorScoringRun, requestScoringRun, scoreBatch, ScorerCache } from '../src/index.ts';
import { registerModelVersion } from '../src/testing.ts';
import { BENCH_DATA, benchData, type BenchData, type BenchDataName } from './bench-data.ts';
import { ServerCpu } from './server-cpu.ts';
import { floorBatch, precomputedScores } from './storage-floor.ts';
import { runThroughQueue } from './through-queue.ts';

const { values } = parseArgs({
  options: {
    rows: { type: 'string', default: '100000' },
    data: { type: 'string', default: 'taiwan' },
    batch: { type: 'string', default: String(DEFAULT_BATCH_SIZE) },
    concurrency: { type: 'string', default: '2' },
    threads: { type: 'string', default: String(availableParallelism()) },
    models: { type: 'string', default: 'logistic,gbdt' },
    keep: { type: 'boolean', default: false },
    'skip-queue': { type: 'boolean', default: false },
    shuffled: { type: 'boolean', default: false },
    rounds: { type: 'string', default: '1' },
    history: { type: 'string', default: '0' },
  },
});
const rows = Number(values.rows);
const batchSize = Number(values.batch);
const concurrency = Number(values.concurrency);
// The scorer's worker threads (the trees' TreeSHAP, a deep part's passes): one per CPU, as the worker's
// scorers (PROBITY_SCORER_THREADS).
const threads = Number(values.threads);
// Rounds: the hosts this runs on change speed by a third within minutes (the same CREATE INDEX took 11.9
// and 15.4 s, minutes apart, on an idle 2-core host), so one round's ratios move with the minute it ran
// in. With N rounds, each run's ratio is taken against the round trips on either side of its round (the
// faster of the two, as with one round), and each row reports its median round and the spread.
const rounds = Number(values.rounds);
if (!Number.isInteger(rounds) || rounds < 1) throw new Error(`--rounds: a whole number of at least 1, not ${values.rounds}`);
const history = Number(values.history);
if (!Number.isInteger(history) || history < 0) throw new Error(`--history: a whole number of at least 0, not ${values.history}`);
if (!BENCH_DATA.includes(values.data as BenchDataName)) throw new Error(`--data: one of ${BENCH_DATA.join(', ')}, not ${values.data}`);
const dataName = values.data as BenchDataName;
const kinds = values.models.split(',').map((k) => k.trim());
for (const kind of kinds) if (kind !== 'logistic' && kind !== 'gbdt') throw new Error(`--models: logistic and/or gbdt, not ${kind}`);
const data = benchData(dataName);
const server = await findTestServer();
const fresh = await createFreshDatabase(server.url, 'bench_rescore');
const db = createDatabase({ connectionString: fresh.url });
const serverCpu = new ServerCpu(new URL(fresh.url).pathname.slice(1));
/** Node's CPU seconds (user + system) since `from`. */
const nodeCpu = (from: NodeJS.CpuUsage) => {
  const used = process.cpuUsage(from);
  return (used.user + used.system) / 1e6;
};
/**
 * The feature file's order: the book's (reference i on line i), or with --shuffled a fixed scramble of
 * it (line k for reference k x 1,000,003 mod rows), as a file exported from another system arrives.
 */
function featureFileOrder(rows: number, shuffled: boolean): (k: number) => number {
  if (!shuffled) return (k) => k;
  const step = 1_000_003; // prime: a permutation of 0 .. rows - 1 unless rows is a multiple of it
  if (rows % step === 0) throw new Error(`--shuffled: --rows must not be a multiple of ${step}`);
  return (k) => (k * step) % rows; // exact: k x step stays under 2^53 for any book up to a billion rows
}

/** The feature days loaded, oldest first: --history month-ends before the runs' data day, then that day. */
function featureDays(months: number): string[] {
  // Day 0 of a month is the last day of the one before: 2026-10-31 is Date.UTC(2026, 10, 0).
  return Array.from({ length: months + 1 }, (_, i) => new Date(Date.UTC(2026, 10 - (months - i), 0)).toISOString().slice(0, 10));
}

// The feature file, written to disk and loaded from there (a million wide rows do not fit one string),
// once per day; each load timed.
async function loadBenchFeatures(db: Database, scope: TenantScope, slug: string): Promise<{ asOf: string; seconds: number }[]> {
  const dir = mkdtempSync(join(tmpdir(), 'probity-rescore-'));
  try {
    const path = join(dir, 'features.csv');
    await data.writeFeatures(path, slug, rows, featureFileOrder(rows, values.shuffled));
    const loads: { asOf: string; seconds: number }[] = [];
    for (const asOf of featureDays(history)) {
      const started = performance.now();
      const loaded = await loadFeatures(db, scope, { level: data.level, asOf, source: { path } });
      if (!loaded.ok) throw new Error(JSON.stringify(loaded.issues.slice(0, 5)));
      loads.push({ asOf, seconds: (performance.now() - started) / 1000 });
    }
    return loads;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// A plain COPY round trip of the feature rows (text out, the same rows back into a temporary table), its
// lines dropped with the function for the same reason.
async function copyRoundTrip(
  url: string,
  level: BenchData['level'],
): Promise<{ copySeconds: number; copyCpu: { node: number; server: number | null } }> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const { default: copyStreams } = await import('pg-copy-streams');
  serverCpu.start();
  const copyNode = process.cpuUsage();
  const copyStarted = performance.now();
  const table = level === 'EXPOSURE' ? 'exposure_features' : 'obligor_features';
  const key = level === 'EXPOSURE' ? 'exposure_id' : 'obligor_id';
  const out = client.query(copyStreams.to(`COPY (SELECT ${key}, "values" FROM ${table}) TO STDOUT`));
  const lines: string[] = [];
  let rest = '';
  for await (const chunk of out as AsyncIterable<Buffer>) {
    const parts = (rest + chunk.toString()).split('\n');
    rest = parts.pop()!;
    lines.push(...parts);
  }
  await client.query('CREATE TEMP TABLE copy_back (id uuid, "values" float8[])');
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
  const featureLoads = await loadBenchFeatures(db, scope, t.slug);
  // Settled tables, as a nightly run finds them: vacuumed (hint bits set, visibility map) and analyzed,
  // so neither the COPY below nor the runs pay for the load's first reads or race an autovacuum of it.
  await runSql(
    fresh.url,
    'VACUUM (ANALYZE) exposures, exposure_features, obligor_features, exposure_feature_history, obligor_feature_history',
  );

  // The limit: the same feature rows out by COPY and the same number of rows back in by COPY, once
  // before the runs and once after each round; a round's reference is the faster of the two on either
  // side of it (one round trip alone has measured 4.8 to 7.2 s at a million on this machine, which
  // moved every ratio with it).
  const copies = [await copyRoundTrip(fresh.url, data.level)];

  // One run timed end to end (request, plan, every batch with `concurrency` in flight, the last sealing
  // the partition), each batch scored by `batch`; the run must succeed with every exposure scored.
  async function timedRun(label: string, batch: (runId: string, batchNo: number) => Promise<unknown>) {
    serverCpu.start();
    const runNode = process.cpuUsage();
    const started = performance.now();
    const run = (await requestScoringRun(db, scope, { portfolioId: t.portfolioId, trigger: 'manual', asOf: '2026-11-30', batchSize }))!;
    const { pending } = await planScoringRun(db, scope, run.id, 'bench');
    const planned = performance.now();
    // As a worker with PROBITY_SCORING_CONCURRENCY batch jobs at once: while PostgreSQL writes one batch,
    // this process reads and scores the next.
    const queue = [...pending];
    let lastBatch = 0; // the batch that sealed the run: the last to end
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        for (let batchNo = queue.shift(); batchNo !== undefined; batchNo = queue.shift()) {
          const from = performance.now();
          await batch(run.id, batchNo);
          lastBatch = performance.now() - from;
        }
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    const phases = { planSeconds: (planned - started) / 1000, lastBatchSeconds: lastBatch / 1000 };
    const cpu = { node: nodeCpu(runNode), server: serverCpu.stop() };
    const done = (await getScoringRun(db, scope, run.id))!;
    if (done.status !== 'SUCCEEDED' || done.scoredCount !== rows)
      throw new Error(`${label} run ended ${done.status} with ${done.scoredCount} scores`);
    // Its monitoring, untimed, as the job that ends a run in a worker computes it then: a run left
    // without it is taken up by a worker's scheduler two minutes on (schedule-scoring), which put PSI and
    // migration over a million scores into a later round's runs through the queue (0.28 against 0.55).
    await monitorScoringRun(db, scope, run.id);
    return {
      runId: run.id,
      row: {
        model: label,
        seconds,
        exposuresPerSecond: rows / seconds,
        ratioToCopy: NaN, // set once the round trips on either side of its round are measured
        readMs: done.readMs,
        scoreMs: done.scoreMs,
        writeMs: done.writeMs,
        ...phases,
        cpuSeconds: cpu,
      },
    };
  }

  type Row = Awaited<ReturnType<typeof timedRun>>['row'];
  // The champions, each trained and registered once; every round links and loads each in turn.
  const champions: { kind: 'logistic' | 'gbdt'; modelId: string; versionId: string }[] = [];
  for (const kind of kinds as ('logistic' | 'gbdt')[]) {
    const modelFile = await data.champion(kind);
    const { modelId, versionId } = await registerModelVersion(fresh.url, t.organizationId, modelFile, { kind, name: `bench ${kind}` });
    champions.push({ kind, modelId, versionId });
  }
  const queued = champions[0]!;
  // Per round, its rows in the table's order (the champions, the two queue runs, the storage floor).
  const byRound: Row[][] = [];
  for (let round = 0; round < rounds; round++) {
    const results: Row[] = [];
    let firstRun = '';
    for (const { kind, modelId, versionId } of champions) {
      await linkModel(db, scope, { portfolioId: t.portfolioId, modelId });
      // A worker keeps its scorer for the life of the process: load it before the clock starts.
      const cache = new ScorerCache({ threads });
      const { scorer } = await cache.get(db, scope, versionId);
      const model = scorer.model.model;
      const detail =
        model.kind === 'gbdt' ? `${(model.state as { trees: unknown[] }).trees.length} trees, exact TreeSHAP` : 'closed-form contributions';
      const { runId, row } = await timedRun(`${kind} (${detail}), top-5 reasons`, (runId, batchNo) =>
        scoreBatch(db, scope, runId, batchNo, cache),
      );
      await cache.close();
      firstRun ||= runId;
      results.push(row);
    }
    // The first champion once more, the way the product runs it: a worker process and pg-boss.
    if (!values['skip-queue']) {
      await linkModel(db, scope, { portfolioId: t.portfolioId, modelId: queued.modelId });
      const runs = await runThroughQueue(
        fresh.url,
        db,
        scope,
        { portfolioId: t.portfolioId, batchSize, concurrency, threads, runs: 2 },
        serverCpu,
      );
      const worker = `a worker process (pg-boss, ${concurrency} score-batch slots)`;
      for (const [i, run] of runs.entries()) {
        const done = (await getScoringRun(db, scope, run.runId))!;
        if (done.scoredCount !== rows) throw new Error(`the run through the queue scored ${done.scoredCount} of ${rows}`);
        results.push({
          model:
            i === 0
              ? `${queued.kind} through the job queue: ${worker}, its first run (its scorer loaded at its start)`
              : `${queued.kind} through the job queue again: the same worker, its scorer kept (a nightly run's case)`,
          seconds: run.seconds,
          exposuresPerSecond: rows / run.seconds,
          ratioToCopy: NaN,
          readMs: done.readMs,
          scoreMs: done.scoreMs,
          writeMs: done.writeMs,
          planSeconds: NaN,
          lastBatchSeconds: NaN,
          cpuSeconds: { node: run.workerCpuSeconds ?? NaN, server: run.serverCpuSeconds },
        });
      }
    }
    // The storage floor (a reference, not a product path): the same machinery writing the round's first
    // run's own score rows again, with no model, no input hash and no explanation computed.
    const output = await precomputedScores(fresh.url, firstRun, batchSize);
    const floorScore = floorBatch(output);
    results.push(
      (
        await timedRun('storage floor: read + write + seal, no model (reference)', (runId, batchNo) =>
          withScoringBatch(db, scope, runId, batchNo, floorScore),
        )
      ).row,
    );
    copies.push(await copyRoundTrip(fresh.url, data.level));
    // The round's reference: the faster of the round trips before and after it.
    const [before, after] = [copies[round]!, copies[round + 1]!];
    const reference = before.copySeconds <= after.copySeconds ? before : after;
    for (const r of results) r.ratioToCopy = (r.exposuresPerSecond * reference.copySeconds) / rows;
    byRound.push(results);
  }
  // Each row: its median round by ratio (the lower middle one of an even count), and every round's ratio.
  const median = <T>(items: T[], by: (item: T) => number): T =>
    [...items].sort((a, b) => by(a) - by(b))[Math.floor((items.length - 1) / 2)]!;
  const rowsOut = byRound[0]!.map((_, i) => {
    const chosen = median(
      byRound.map((round) => round[i]!),
      (r) => r.ratioToCopy,
    );
    return { ...chosen, roundRatios: byRound.map((round) => round[i]!.ratioToCopy) };
  });
  const results = rowsOut.slice(0, -1);
  const floor = rowsOut[rowsOut.length - 1]!;
  // The table's COPY row: the median round trip (the faster of two with one round), every round trip named in it.
  const copy = median(copies, (c) => c.copySeconds);
  const { copySeconds, copyCpu } = copy;
  const copyRate = rows / copySeconds;
  const copyTimes = copies.map((c) => c.copySeconds);
  const serverLabel = await describeTestServer(server);
  const result = {
    measuredAt: new Date().toISOString(),
    server: serverLabel,
    machine: `${cpus().length} cores, load ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' / ')}`,
    rows,
    data: data.label,
    batchSize,
    concurrency,
    threads,
    rounds,
    copyRoundTrip: {
      seconds: copySeconds,
      rowsPerSecond: copyRate,
      cpuSeconds: copyCpu,
      // Every round trip, in order: before the first round, then after each round.
      allSeconds: copyTimes,
    },
    rescore: results,
    storageFloor: floor,
    // Each feature load (the product's loadFeatures, the same file), oldest day first: with --history,
    // every load after the first moves the rows before it to the history.
    featureLoads,
  };
  mkdirSync(new URL('./results/', import.meta.url), { recursive: true });
  writeFileSync(new URL(`./results/rescore-${dataName}.json`, import.meta.url), JSON.stringify(result, null, 2) + '\n');
  const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
  const cpuText = (c: { node: number; server: number | null }) =>
    `${Number.isNaN(c.node) ? '?' : c.node.toFixed(1)} / ${c.server === null ? '?' : c.server.toFixed(1)}`;
  const copyChoice =
    rounds === 1
      ? `the faster of ${copyTimes[0]!.toFixed(1)} s before the runs and ${copyTimes[1]!.toFixed(1)} s after`
      : `the median of ${copyTimes.length}, one before the rounds and one after each: ${copyTimes.map((x) => x.toFixed(1)).join(', ')} s`;
  const md = [
    `Measured ${result.measuredAt} (${result.machine}; ${result.server}), one process, ${concurrency} batches of ${batchSize.toLocaleString('en-US')} in flight, scorer loaded beforehand with ${threads} worker thread${threads === 1 ? '' : 's'}, ${rows.toLocaleString('en-US')} exposures (${data.label}) re-scored end to end (read by COPY, score, top-5 explanation, grade, write by COPY):`,
    '',
    `| model | seconds | exposures/s | read / score / write ms (summed over batches) | plan s / last batch s (seals) | CPU s Node / PostgreSQL | ratio to COPY |${rounds > 1 ? ' ratio by round |' : ''}`,
    `| --- | ---: | ---: | --- | --- | --- | ---: |${rounds > 1 ? ' --- |' : ''}`,
    ...[...results, floor].map(
      (r) =>
        `| ${r.model} | ${r.seconds.toFixed(1)} | **${fmt(r.exposuresPerSecond)}** | ${r.readMs} / ${r.scoreMs} / ${r.writeMs} | ${Number.isNaN(r.planSeconds) ? '-' : `${r.planSeconds.toFixed(2)} / ${r.lastBatchSeconds.toFixed(2)}`} | ${cpuText(r.cpuSeconds)} | ${r.ratioToCopy.toFixed(2)} |${rounds > 1 ? ` ${r.roundRatios.map((x) => x.toFixed(2)).join(', ')} |` : ''}`,
    ),
    `| plain COPY round trip of the same rows (${copyChoice}) | ${copySeconds.toFixed(1)} | ${fmt(copyRate)} | | | ${cpuText(copyCpu)} | 1 |${rounds > 1 ? ' |' : ''}`,
    '',
    (rounds > 1
      ? `${rounds} rounds, each running every row once with a COPY round trip before and after it; a row's ratio in a round is its rate over the rate of the faster of those two round trips, and each row shows its median round (its seconds, phases, CPU and ratio), every round's ratio beside it. `
      : '') +
      "Target: a ratio of at least 0.5. CPU seconds: the bench process, and the PostgreSQL processes of its database (backends and autovacuum, sampled from /proc; the WAL writer and checkpointer are shared and not counted); a run's include sealing its partition (both indexes built, attached). The loaded tables are vacuumed and analyzed before both (settled, as a nightly run finds them), and the bench's own feature file and COPY lines are garbage before the runs start. The storage floor is a reference, not a product path: the same run machinery (plan, batch ledger, read, binary COPY into the run's partition, figures per grade, seal) writing the first run's own score rows again by position, with no model, input hash or explanation computed: what the score record, its constraint and its seal cost on their own. The run through the job queue is the product's path (bench/through-queue.ts): a worker process takes the score-portfolio job from pg-boss, plans the run and queues its batches, and its slots score them; its CPU is the worker process's. Its second run is the same worker's next run of the portfolio, the scorer kept from the first (as a worker finds it on a nightly run of a version it has scored before); the bench watches both with one plain query every 20 ms.",
    ...(featureLoads.length > 1
      ? [
          '',
          `Feature history: the same feature file loaded for ${featureLoads.length} month-ends through the product's load, oldest first (each later load moves the rows before it to the history), before the runs, which are dated after the last; seconds per load: ${featureLoads.map((l) => `${l.asOf} ${l.seconds.toFixed(1)}`).join(', ')}.`,
        ]
      : []),
    '',
  ].join('\n');
  writeFileSync(new URL(`./results/rescore-${dataName}.md`, import.meta.url), md);
  console.log(md);
} finally {
  await db.close();
  // --keep: the database stays for EXPLAIN and profiling (its URL printed).
  if (values.keep) console.error(`kept ${fresh.url}`);
  else await fresh.drop();
  await server.stop();
}
