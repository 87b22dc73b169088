// Runs one job: opens its envelope (version and payload checked against the contract), then calls
// the handler with a logger that names the job. Used by the queue and by the run-job CLI alike.
import { openEnvelope, type JobContract, type JobId } from '@probity/jobs';
import type { JobContext, WorkerJob } from './define.ts';

export async function runJob(job: WorkerJob<JobId>, data: unknown, ctx: JobContext): Promise<unknown> {
  const log = ctx.log.child({ job: job.contract.id, runId: ctx.runId });
  const started = performance.now();
  try {
    // Checked against the job's own contract; the registry's union of contracts cannot narrow it here.
    const contract: JobContract = job.contract;
    const payload = openEnvelope(contract, data) as Parameters<typeof job.run>[0];
    const output = await job.run(payload, { ...ctx, log });
    log.info({ durationMs: Math.round(performance.now() - started) }, 'job completed');
    return output;
  } catch (error) {
    log.error({ err: error, durationMs: Math.round(performance.now() - started) }, 'job failed');
    throw error;
  }
}
