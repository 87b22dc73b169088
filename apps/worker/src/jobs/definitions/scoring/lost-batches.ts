// A score-batch job whose last attempt expires (its worker killed or stuck past the expiry) runs no
// handler, so nothing else would tell its run: the run would stay RUNNING forever with a batch that no
// job will ever do. Each minute's schedule-scoring looks at the batch jobs pg-boss failed for good in
// the last day and fails their runs with the reason, unless another job for the same batch is queued.
import { failRunOfLostBatch, type Database } from '@probity/db';
import type { JobClient } from '@probity/jobs';
import type { Logger } from '@probity/logging';

const LOOK_BACK_MS = 24 * 60 * 60 * 1000;

function reasonOf(output: unknown): string {
  const value = (output as { value?: { message?: unknown } } | null)?.value;
  const message = (output as { message?: unknown } | null)?.message ?? value?.message;
  return typeof message === 'string' ? message : JSON.stringify(output);
}

export async function failRunsOfLostBatches(db: Database, jobs: JobClient, log: Logger, now = new Date()): Promise<number> {
  let failed = 0;
  for (const job of await jobs.failedSince('score-batch', new Date(now.getTime() - LOOK_BACK_MS))) {
    if (job.payloadStillQueued) continue;
    const { organizationId, runId, batchNo } = job.payload as { organizationId: string; runId: string; batchNo: number };
    const scope = { organizationId, actor: { kind: 'system', name: 'schedule-scoring' } } as const;
    const reason = `batch ${batchNo} failed on its last attempt: ${reasonOf(job.output)}`;
    if (await failRunOfLostBatch(db, scope, runId, batchNo, reason)) {
      failed += 1;
      log.error({ runId, batchNo, jobId: job.id }, 'scoring run failed: a batch job ran out of attempts');
    }
  }
  return failed;
}
