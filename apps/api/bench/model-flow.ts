// npm run bench -w @probity/api (after summary-throughput), or alone: tsx bench/model-flow.ts [rows]
// The model lifecycle's two speed targets, each beside its reference in the same run:
//  1. upload + validation of a 1,000,000-row (~100 MB) CSV through the real API (POST /datasets, own
//     process, API key, stored gzip-chunked in PostgreSQL), next to `probity-ml validate` reading and
//     checking the same file (target: at most 1.5x the CLI's time);
//  2. a train-model job (trainModel mutation -> pg-boss -> a real worker process -> version stored),
//     next to `probity-ml train` on the same dataset and options (target: at most 10% + 2 s over it).
// The big file is the Taiwan file resampled deterministically (fixed LCG), ids renumbered.
// Writes bench/results/model-flow.{json,md}.
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { cpus, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createApiKey, createDatabase } from '@probity/db';
import { childEnvironment, createFreshDatabase, createTenantFixture, findTestServer, freePort } from '@probity/db/testing';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.join(here, '../../..');
const TAIWAN = path.join(root, 'data/taiwan-credit-default.csv');
const CLI = path.join(root, 'packages/ml/bin/probity-ml.js');
const ROWS = Number(process.argv[2] ?? 1_000_000);
const TARGET = 'DEFAULT_NEXT_MONTH';
const ROUNDS = 3;

const round = (x: number, places = 2) => Number(x.toFixed(places));
const load1 = () => round(loadavg()[0]!);

/** ROWS rows drawn from the Taiwan file by a fixed LCG, ids 1..ROWS: the same bytes on every run. */
async function writeBigFile(file: string): Promise<number> {
  const lines = (await readFile(TAIWAN, 'utf8')).trimEnd().split('\n');
  const header = lines[0]!;
  const bodies = lines.slice(1).map((line) => line.slice(line.indexOf(',')));
  const out = createWriteStream(file);
  let seed = 20_240_101;
  let buffer = `${header}\n`;
  for (let i = 1; i <= ROWS; i++) {
    seed = (Math.imul(seed, 1_664_525) + 1_013_904_223) >>> 0;
    buffer += `${i}${bodies[seed % bodies.length]!}\n`;
    if (buffer.length > 1 << 20) {
      if (!out.write(buffer)) await once(out, 'drain');
      buffer = '';
    }
  }
  out.end(buffer);
  await once(out, 'finish');
  return (await stat(file)).size;
}

function startChild(entry: string, env: Record<string, string>): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', entry], { env: childEnvironment(env), stdio: ['ignore', 'ignore', 'inherit'] });
}

async function waitReady(url: string): Promise<void> {
  for (let i = 0; i < 600; i++) {
    if (
      await fetch(url).then(
        (r) => r.ok,
        () => false,
      )
    )
      return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${url} never became ready`);
}

/** Wall time of a child command; its output is kept for the checks. */
function timed(args: string[]): Promise<{ seconds: number; code: number | null; stdout: string; stderr: string }> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { env: childEnvironment({}), stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.once('error', reject);
    child.once('exit', (code) => resolve({ seconds: (performance.now() - started) / 1000, code, stdout, stderr }));
  });
}

/** POST /datasets with the file streamed as the body, as `curl --data-binary @file` does. */
function upload(base: string, key: string, file: string, bytes: number, name: string) {
  const started = performance.now();
  return new Promise<{ seconds: number; status: number; body: Record<string, unknown> }>((resolve, reject) => {
    const url = new URL(`/datasets?name=${encodeURIComponent(name)}&target=${TARGET}`, base);
    const req = request(url, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'text/csv', 'content-length': String(bytes) },
    });
    req.once('error', reject);
    req.once('response', (res) => {
      let text = '';
      res.on('data', (d: Buffer) => (text += d.toString()));
      res.once('end', () =>
        resolve({
          seconds: (performance.now() - started) / 1000,
          status: res.statusCode ?? 0,
          body: JSON.parse(text) as Record<string, unknown>,
        }),
      );
    });
    createReadStream(file, { highWaterMark: 1 << 20 }).pipe(req);
  });
}

async function graphql<T>(base: string, key: string, query: string, variables: Record<string, unknown>): Promise<T> {
  const res = await fetch(new URL('/graphql', base), {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
    body: JSON.stringify({ query, variables }),
  });
  const json = (await res.json()) as { data?: T; errors?: { message: string }[] };
  if (json.errors?.length) throw new Error(json.errors.map((e) => e.message).join('; '));
  return json.data!;
}

const TRAIN = `mutation($d: ID!, $name: String!, $kind: String!, $options: JSON) { trainModel(input: { newModel: { name: $name }, datasetId: $d, kind: $kind, options: $options }) { id } }`;
const POLL = `query($j: ID!) { trainingJob(id: $j) { status error createdAt startedAt finishedAt version { id trainingStartedAt trainingFinishedAt createdAt metrics { testAuc } } } }`;

const server = await findTestServer();
const database = await createFreshDatabase(server.url, 'modelflow_bench');
const children: ChildProcess[] = [];
const dir = await mkdtemp(path.join(tmpdir(), 'probity-model-bench-'));
try {
  const tenant = await createTenantFixture(database.url, { label: 'bench', exposures: 1 });
  const db = createDatabase({ connectionString: database.url });
  const { key } = await createApiKey(
    db,
    { organizationId: tenant.organizationId, actor: { kind: 'user', userId: tenant.users.ADMIN.id } },
    { name: 'bench', scopes: ['WRITE'] },
  );
  await db.close();
  const apiPort = await freePort();
  const workerPort = await freePort();
  children.push(
    startChild(path.join(root, 'apps/api/src/main.ts'), {
      DATABASE_URL: database.url,
      API_PORT: String(apiPort),
      PROBITY_SERVICE_TOKEN_SECRET: 'b'.repeat(40),
      LOG_LEVEL: 'warn',
      NODE_ENV: 'production',
    }),
    startChild(path.join(root, 'apps/worker/src/main.ts'), {
      DATABASE_URL: database.url,
      WORKER_PORT: String(workerPort),
      LOG_LEVEL: 'warn',
    }),
  );
  const base = `http://127.0.0.1:${apiPort}`;
  await waitReady(`${base}/readyz`);
  await waitReady(`http://127.0.0.1:${workerPort}/readyz`);

  // 1. Upload and validation against the CLI.
  const big = path.join(dir, 'taiwan-resampled.csv');
  const bytes = await writeBigFile(big);
  const mb = bytes / 1e6;
  const cliLoad = load1();
  const cli = await timed([CLI, 'validate', '--data', big, '--target', TARGET, '--id', 'ID']);
  if (cli.code !== 0) throw new Error(`probity-ml validate failed (${cli.code}): ${cli.stderr}${cli.stdout.slice(-2000)}`);
  const uploadLoad = load1();
  const up = await upload(base, key, big, bytes, 'Taiwan resampled');
  const dataset = up.body.dataset as { rowCount: number; storedSize: number; sha256: string } | undefined;
  if (up.status !== 201 || dataset?.rowCount !== ROWS)
    throw new Error(`upload answered ${up.status}: ${JSON.stringify(up.body).slice(0, 500)}`);
  if (!cli.stdout.includes(dataset.sha256)) throw new Error('the CLI and the API read different bytes (SHA-256 differs)');
  process.stderr.write(`upload ${up.seconds.toFixed(1)} s, CLI validate ${cli.seconds.toFixed(1)} s\n`);
  const uploadRow = {
    rows: ROWS,
    megabytes: round(mb, 1),
    storedMegabytes: round(dataset.storedSize / 1e6, 1),
    cli: { seconds: round(cli.seconds), mbPerSecond: round(mb / cli.seconds, 1), loadAverage1m: cliLoad },
    api: { seconds: round(up.seconds), mbPerSecond: round(mb / up.seconds, 1), loadAverage1m: uploadLoad },
    ratio: round(up.seconds / cli.seconds),
    met: up.seconds <= 1.5 * cli.seconds,
  };
  await rm(big);

  // 2. A training job's overhead over the CLI, same dataset (the Taiwan file) and options.
  const taiwan = await upload(base, key, TAIWAN, (await stat(TAIWAN)).size, 'Taiwan');
  const taiwanId = (taiwan.body.dataset as { id: string }).id;
  // Three alternating rounds per model, medians compared: one run of a few seconds on a shared machine
  // moves by more than the target allows.
  const training = [];
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  for (const run of [
    { kind: 'logistic', options: { idColumn: 'ID', split: 'mod5' }, flags: ['--id', 'ID', '--split', 'mod5'] },
    { kind: 'gbdt', options: { idColumn: 'ID', split: 'mod5' }, flags: ['--id', 'ID', '--split', 'mod5'] },
  ]) {
    const rounds = [];
    for (let round_ = 0; round_ < ROUNDS; round_++) {
      const cliLoadAverage = load1();
      const out = path.join(dir, `${run.kind}.json`);
      const cliRun = await timed([
        CLI,
        'train',
        '--data',
        TAIWAN,
        '--target',
        TARGET,
        '--model',
        run.kind,
        '--out',
        out,
        '--quiet',
        ...run.flags,
      ]);
      if (cliRun.code !== 0) throw new Error(`probity-ml train ${run.kind} failed: ${cliRun.stderr}`);
      const cliAuc = Number(/test:\s+AUC (\d\.\d+)/.exec(cliRun.stdout)?.[1]);
      const jobLoadAverage = load1();
      // The job's end is the version's stored createdAt (same machine, same clock), so polling once a
      // second neither adds load nor rounds the figure up.
      const started = Date.now();
      const { trainModel } = await graphql<{ trainModel: { id: string } }>(base, key, TRAIN, {
        d: taiwanId,
        name: `${run.kind} ${round_ + 1}`,
        kind: run.kind,
        options: run.options,
      });
      let job;
      for (;;) {
        ({ trainingJob: job } = await graphql<{
          trainingJob: {
            status: string;
            error: string | null;
            createdAt: string;
            startedAt: string | null;
            finishedAt: string | null;
            version: {
              id: string;
              trainingStartedAt: string;
              trainingFinishedAt: string;
              createdAt: string;
              metrics: { testAuc: number };
            } | null;
          };
        }>(base, key, POLL, { j: trainModel.id }));
        if (job.status === 'SUCCEEDED' && job.version) break;
        if (job.status === 'FAILED' || job.status === 'CANCELLED') throw new Error(`${run.kind} job ${job.status}: ${job.error}`);
        await new Promise((r) => setTimeout(r, 1000));
      }
      const jobSeconds = (new Date(job.version.createdAt).getTime() - started) / 1000;
      // Where the job's time went, from the timestamps it stored.
      const at = (iso: string) => new Date(iso).getTime() / 1000;
      process.stderr.write(`${run.kind}: job ${jobSeconds.toFixed(1)} s, CLI ${cliRun.seconds.toFixed(1)} s\n`);
      rounds.push({
        cliSeconds: round(cliRun.seconds),
        jobSeconds: round(jobSeconds),
        phases: {
          queuedToClaimed: round(at(job.startedAt!) - at(job.createdAt)),
          claimedToTrained: round(at(job.version.trainingFinishedAt) - at(job.startedAt!)),
          trainedToStored: round(at(job.version.createdAt) - at(job.version.trainingFinishedAt)),
        },
        testAuc: { cli: round(cliAuc, 4), job: round(job.version.metrics.testAuc, 4) },
        loadAverage1m: { cli: cliLoadAverage, job: jobLoadAverage },
      });
    }
    const cliSeconds = median(rounds.map((r) => r.cliSeconds));
    const jobSeconds = median(rounds.map((r) => r.jobSeconds));
    training.push({
      kind: run.kind,
      rounds,
      cliMedianSeconds: cliSeconds,
      jobMedianSeconds: jobSeconds,
      overheadSeconds: round(jobSeconds - cliSeconds),
      allowedSeconds: round(cliSeconds * 0.1 + 2),
      met: jobSeconds <= cliSeconds * 1.1 + 2,
    });
  }

  const measured = {
    at: new Date().toISOString(),
    node: process.version,
    cores: cpus().length,
    loadAverageAtEnd: loadavg().map((x) => round(x)),
    upload: uploadRow,
    training,
  };
  await mkdir(path.join(here, 'results'), { recursive: true });
  await writeFile(path.join(here, 'results/model-flow.json'), `${JSON.stringify(measured, null, 2)}\n`);
  const u = uploadRow;
  const md = [
    `# Model lifecycle benchmark (${measured.at.slice(0, 10)})`,
    '',
    `Measured with \`npm run bench -w @probity/api\` (bench/model-flow.ts), Node.js ${measured.node}, ${measured.cores} cores, load average ${measured.loadAverageAtEnd.join(' / ')} at the end; each figure is one run.`,
    '',
    `Upload and validation of ${u.rows.toLocaleString('en-US')} rows, ${u.megabytes} MB (the Taiwan file resampled; stored as ${u.storedMegabytes} MB of gzip chunks):`,
    '',
    '| path | seconds | MB/s | load average (1 min) at start |',
    '| --- | ---: | ---: | ---: |',
    `| \`probity-ml validate\` (reads and checks the file, process start included) | ${u.cli.seconds} | ${u.cli.mbPerSecond} | ${u.cli.loadAverage1m} |`,
    `| POST /datasets (API process: stream to PostgreSQL + the same checks, committed) | ${u.api.seconds} | ${u.api.mbPerSecond} | ${u.api.loadAverage1m} |`,
    '',
    `API / CLI: ${u.ratio}x (target ≤ 1.5x: ${u.met ? 'met' : 'missed'}).`,
    '',
    `Training on the Taiwan file (30,000 rows, --split mod5), ${ROUNDS} alternating rounds per model: \`probity-ml train\` wall time against the trainModel mutation until the version is stored (pg-boss, a real worker process, dataset read back from PostgreSQL, training thread, version and report written):`,
    '',
    `| model | round | CLI s | job s (queued → claimed / → trained / → stored) | test AUC CLI / job | load average (1 min) CLI / job |`,
    '| --- | ---: | ---: | ---: | --- | --- |',
    ...training.flatMap((t) =>
      t.rounds.map(
        (r, i) =>
          `| ${t.kind} | ${i + 1} | ${r.cliSeconds} | ${r.jobSeconds} (${r.phases.queuedToClaimed} / ${r.phases.claimedToTrained} / ${r.phases.trainedToStored}) | ${r.testAuc.cli} / ${r.testAuc.job} | ${r.loadAverage1m.cli} / ${r.loadAverage1m.job} |`,
      ),
    ),
    '',
    ...training.map(
      (t) =>
        `${t.kind}: median CLI ${t.cliMedianSeconds} s, median job ${t.jobMedianSeconds} s, overhead ${t.overheadSeconds} s against ${t.allowedSeconds} s allowed (10% + 2 s): ${t.met ? 'met' : 'missed'}.`,
    ),
    '',
  ].join('\n');
  await writeFile(path.join(here, 'results/model-flow.md'), md);
  process.stdout.write(md);
} finally {
  for (const child of children) child.kill('SIGTERM');
  await new Promise((r) => setTimeout(r, 1000));
  await rm(dir, { recursive: true, force: true });
  await database.drop();
  await server.stop();
}
