// npm run bench -w @probity/worker
// simulate-portfolio end to end on the demo's 30,000-cardholder retail book (flat PD 2%, VaR/ES at 99%
// and 99.9% to 1% relative error, with a stress scenario): request (inputs resolved and checked, run
// stored), then the job on real worker processes and pg-boss until the results are stored. Two ways in
// the same run: the whole run in one job, and fanned out to simulate-portfolio-chunks jobs shared by two
// worker processes. The figures must be identical. Writes bench/results/simulate-portfolio.{json,md}.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { cpus, loadavg } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  createDatabase,
  createSimulation,
  createStressScenario,
  currentFactorModel,
  getSimulation,
  planExposures,
  portfolioRiskInputs,
  seedDemo,
  type RiskResultView,
  type TenantScope,
} from '@probity/db';
import { childEnvironment, createFreshDatabase, findTestServer, freePort } from '@probity/db/testing';
import { createJobClient } from '@probity/jobs';
import { compilePortfolio } from '@probity/risk';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.join(here, '../../..');
const tsx = path.join(root, 'node_modules/tsx/dist/cli.mjs');

async function startWorker(url: string, fanOut: number): Promise<{ child: ChildProcess; stop: () => Promise<void> }> {
  const port = await freePort();
  const child = spawn(process.execPath, [tsx, path.join(root, 'apps/worker/src/main.ts')], {
    env: childEnvironment({
      DATABASE_URL: url,
      WORKER_PORT: String(port),
      LOG_LEVEL: 'warn',
      PROBITY_RISK_FANOUT_OBLIGORS: String(fanOut),
    }),
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  for (let i = 0; ; i++) {
    const ok = await fetch(`http://127.0.0.1:${port}/readyz`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) break;
    if (i > 600) throw new Error('worker never became ready');
    await new Promise((r) => setTimeout(r, 250));
  }
  return {
    child,
    stop: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

const server = await findTestServer();
const database = await createFreshDatabase(server.url, 'riskp_bench');
const rows: Record<string, unknown>[] = [];
try {
  const seed = await seedDemo(database.url);
  const db = createDatabase({ connectionString: database.url });
  const scope: TenantScope = { organizationId: seed.organizationId, actor: { kind: 'system', name: 'bench' } };
  const scenario = await createStressScenario(db, scope, {
    name: 'Households down',
    definition: { factorShocks: { Households: -2 }, lgdAddOns: { all: 0.05 } },
  });
  const jobs = await createJobClient({ connectionString: database.url });
  const results: RiskResultView[] = [];
  for (const mode of [
    { name: 'one simulate-portfolio job', workers: 1, fanOut: 10_000_000 },
    { name: 'fanned out to simulate-portfolio-chunks, 2 worker processes', workers: 2, fanOut: 1 },
  ]) {
    const requestStart = performance.now();
    const inputs = (await portfolioRiskInputs(db, scope, seed.retailPortfolioId, { pd: { flat: 0.02 } }))!;
    const model = await currentFactorModel(db, scope);
    const factorModel = { sectors: model.sectors, correlation: model.correlation, sectorAssetCorrelation: model.sectorAssetCorrelation };
    compilePortfolio(planExposures(inputs.exposures), factorModel); // the API's check
    const run = await createSimulation(db, scope, {
      portfolioId: seed.retailPortfolioId,
      asOf: inputs.asOf,
      scenario,
      factorModel: model,
      pdSource: inputs.pdSource,
      parameters: { seed: 1, levels: [0.99, 0.999], targetRelativeError: 0.01, maxScenarios: 2_000_000, chunkSize: 500 },
      inputs: { exposures: inputs.exposures, factorModel, limits: [] },
      excluded: inputs.excluded,
    });
    const requestSeconds = (performance.now() - requestStart) / 1000;
    const workers = await Promise.all(Array.from({ length: mode.workers }, () => startWorker(database.url, mode.fanOut)));
    const started = performance.now();
    await jobs.enqueue('simulate-portfolio', { organizationId: seed.organizationId, simulationId: run.id });
    let final = run;
    for (;;) {
      final = (await getSimulation(db, scope, run.id))!;
      if (final.status === 'COMPLETED' || final.status === 'FAILED') break;
      await new Promise((r) => setTimeout(r, 200));
    }
    const seconds = (performance.now() - started) / 1000;
    await Promise.all(workers.map((w) => w.stop()));
    if (final.status === 'FAILED') throw new Error(`${mode.name}: ${final.error}`);
    const result = final.result as unknown as RiskResultView;
    results.push(result);
    const top = result.base.levels.at(-1)!;
    rows.push({
      mode: mode.name,
      exposures: inputs.exposures.length,
      requestSeconds: Number(requestSeconds.toFixed(2)),
      jobSeconds: Number(seconds.toFixed(2)),
      baseScenarios: result.base.scenarios,
      stressedScenarios: result.stressed?.scenarios ?? 0,
      chunkJobs: final.progress.fannedOutJobs,
      var999: top.valueAtRisk,
      es999: top.expectedShortfall,
    });
    process.stderr.write(`${mode.name}: ${seconds.toFixed(1)} s\n`);
  }
  const identical =
    JSON.stringify(results[0]!.base.levels) === JSON.stringify(results[1]!.base.levels) &&
    JSON.stringify(results[0]!.stressed) === JSON.stringify(results[1]!.stressed);
  await jobs.close();
  await db.close();
  const measured = {
    at: new Date().toISOString(),
    node: process.version,
    cores: cpus().length,
    loadAverage: loadavg().map((x) => Number(x.toFixed(2))),
    identical,
    rows,
  };
  await mkdir(path.join(here, 'results'), { recursive: true });
  await writeFile(path.join(here, 'results/simulate-portfolio.json'), `${JSON.stringify(measured, null, 2)}\n`);
  const md = [
    `Measured ${measured.at} with \`npm run bench -w @probity/worker\`, Node.js ${measured.node}, ${measured.cores} cores, load average ${measured.loadAverage.join(' / ')} at the end.`,
    '',
    'simulate-portfolio on the demo retail book (30,000 card exposures, flat PD 2%, base and stressed, VaR/ES at 99% and 99.9% to 1% relative error, per-obligor contributions):',
    '',
    '| mode | request (inputs, checks, store) | job to stored results | base / stressed scenarios | chunk jobs | VaR 99.9% | ES 99.9% |',
    '| --- | --- | --- | --- | --- | --- | --- |',
    ...rows.map((r) => {
      const v = r.var999 as { value: number; standardError: number };
      const e = r.es999 as { value: number; standardError: number };
      return `| ${String(r.mode)} | ${String(r.requestSeconds)} s | ${String(r.jobSeconds)} s | ${String(r.baseScenarios)} / ${String(r.stressedScenarios)} | ${String(r.chunkJobs)} | ${v.value.toFixed(0)} ± ${v.standardError.toFixed(0)} | ${e.value.toFixed(0)} ± ${e.standardError.toFixed(0)} |`;
    }),
    '',
    `Figures identical across the two modes: ${identical}.`,
    '',
  ].join('\n');
  await writeFile(path.join(here, 'results/simulate-portfolio.md'), md);
  process.stdout.write(md);
} finally {
  await database.drop();
  await server.stop();
}
