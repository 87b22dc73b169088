// The step after a run succeeds: monitoring computed from what the batches counted and stored with the
// run. Idempotent (stored once: a second call, a retried job or a second worker, changes nothing), so
// the job that finished the last batch runs it, and so does any retry of that job after a crash.
import {
  currentMasterScaleGrades,
  scoringRunMonitorInputs,
  storeScoringRunMonitoring,
  type Database,
  type JsonValue,
  type TenantScope,
} from '@probity/db';
import { gradeBands } from '../grades.ts';
import { sumCounts, type MonitorCounts } from './batch-counts.ts';
import { monitoringReference } from './reference.ts';
import { buildRunMonitoring, type RunMonitoring } from './run-monitoring.ts';

function isCounts(v: unknown): boolean {
  return typeof v === 'object' && v !== null && 'features' in v && 'score' in v;
}

/** The run's monitoring when this call stored it; null when the run is not succeeded or already monitored. */
export async function monitorScoringRun(db: Database, scope: TenantScope, runId: string): Promise<RunMonitoring | null> {
  const input = await scoringRunMonitorInputs(db, scope, runId);
  if (!input || input.monitored || input.run.status !== 'SUCCEEDED') return null;
  const scale = gradeBands(await currentMasterScaleGrades(db, scope)).map((b) => b.grade);
  const monitoring = buildRunMonitoring({
    reference: monitoringReference(input.validationReport),
    counts: sumCounts(input.batchCounts.filter(isCounts) as unknown as MonitorCounts[]),
    previousRunId: input.previousRunId,
    gradePairs: input.gradePairs,
    scale,
  });
  const stored = await storeScoringRunMonitoring(db, scope, runId, JSON.parse(JSON.stringify(monitoring)) as JsonValue);
  return stored ? monitoring : null;
}
