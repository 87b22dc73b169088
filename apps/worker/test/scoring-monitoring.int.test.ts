// Monitoring on a real worker process and real pg-boss: the job that finishes a run's last batch stores
// the run's PSI, CSI and grade migration; a succeeded run left without monitoring (a job that died
// after the last batch, a run from before monitoring) gets it from the schedule-scoring sweep.
// A database of its own: the sweep is a singleton job over every organization, so in the package's
// shared database a worker an earlier file killed mid-sweep (its job active until the 300 s expiry)
// or an earlier file's demo books could hold this file's sweep past its wait.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scoringRunMonitorings, type Database, type TenantScope } from '@probity/db';
import { runSql, type ServiceProcess, type TenantFixture } from '@probity/db/testing';
import type { JobClient } from '@probity/jobs';
import { countNumeric, stabilityOf, type TrainReport } from '@probity/ml';
import { requestScoringRun, type RunMonitoring } from '@probity/scoring';
import { trainSmallModelWithReport } from '@probity/scoring/testing';
import { scoringBook, type ScoringBook } from './scoring-book.ts';
import { startWorkerProcess, stopWorkerProcesses, waitFor } from './worker-process.ts';

const N = 300;
let book: ScoringBook;
let url: string;
let db: Database;
let t: TenantFixture;
let scope: TenantScope;
let jobs: JobClient;
let report: TrainReport;
let worker: ServiceProcess | undefined;

const monitoringOf = async (runId: string) =>
  ((await scoringRunMonitorings(db, scope, [runId]))[0] ?? null) as unknown as RunMonitoring | null;

async function runOnWorker(asOf: string): Promise<string> {
  const run = (await requestScoringRun(db, scope, { portfolioId: t.portfolioId, trigger: 'manual', batchSize: 50, asOf }))!;
  await jobs.enqueue('score-portfolio', { organizationId: t.organizationId, runId: run.id });
  return run.id;
}

beforeAll(async () => {
  const trained = await trainSmallModelWithReport();
  report = trained.report;
  book = await scoringBook('scoremonitor', N, {
    file: trained.modelFileJson,
    options: { validationReport: JSON.parse(JSON.stringify({ population: report.population })) },
  });
  ({ url, db, t, scope, jobs } = book);
  worker = await startWorkerProcess(url);
}, 180_000);
afterAll(async () => {
  if (worker) await stopWorkerProcesses([worker]);
  await book?.close();
});

describe('monitoring on the worker', () => {
  it('stores PSI, CSI and the migration with each run the worker finishes', async () => {
    const first = await runOnWorker('2026-10-31');
    const m1 = await waitFor(() => monitoringOf(first), 120_000, "the first run's monitoring");
    const pds = (await runSql<{ pd: number }>(url, 'SELECT pd FROM scores WHERE run_id = $1', [first])).map((r) => r.pd);
    expect(pds).toHaveLength(N);
    expect(m1.psi!.value).toBeCloseTo(stabilityOf(report.population.score, countNumeric(report.population.score, pds)).index, 12);
    expect(m1.csi!.map((c) => c.feature).sort()).toEqual(['BILL_AMT1', 'PAY_0', 'current_ratio']);
    expect(m1.migration).toBeNull();

    const second = await runOnWorker('2026-10-31');
    const m2 = await waitFor(() => monitoringOf(second), 120_000, "the second run's monitoring");
    // Same inputs, same version: every exposure keeps its grade.
    expect(m2.previousRunId).toBe(first);
    expect(m2.migration).toMatchObject({ matched: N, stable: N, upgrades: 0, downgrades: 0 });
    expect(m2.psi!.value).toBe(m1.psi!.value);
  }, 300_000);

  it('the schedule-scoring sweep monitors a succeeded run left without monitoring', async () => {
    const [last] = await runSql<{ id: string }>(
      url,
      `SELECT id FROM scoring_runs WHERE portfolio_id = $1 ORDER BY finished_at DESC LIMIT 1`,
      [t.portfolioId],
    );
    await runSql(url, `UPDATE scoring_runs SET monitoring = NULL, finished_at = now() - interval '10 minutes' WHERE id = $1`, [last!.id]);
    expect(await monitoringOf(last!.id)).toBeNull();
    await jobs.enqueue('schedule-scoring', {});
    const m = await waitFor(() => monitoringOf(last!.id), 120_000, "the swept run's monitoring");
    expect(m.psi).not.toBeNull();
  }, 180_000);
});
