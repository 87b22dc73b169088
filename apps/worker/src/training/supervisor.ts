// Two background duties of a worker that trains models. It announces itself every few seconds (GPU
// workers take deep and fusion jobs first; CPU workers only while no GPU worker is alive). And it reaps:
// a training job whose worker stopped beating (killed, machine lost) has its queue job failed, so
// pg-boss retries it at once instead of waiting for the job's expiry; the retry finds the job and,
// through the version's unique training job id, never makes a second version.
import type PgBoss from 'pg-boss';
import { abandonedTrainingJobs, announceWorker, finishTrainingJob, retireWorker, type Database } from '@probity/db';
import type { Logger } from '@probity/logging';
import type { WorkerIdentity } from '../jobs/define.ts';

const ANNOUNCE_MS = 10_000;
/** Missed heartbeats before a running job is taken as abandoned. */
export const MISSED_BEATS = 6;

export function startTrainingSupervisor(db: Database, boss: PgBoss, log: Logger, worker: WorkerIdentity): { stop(): Promise<void> } {
  const announce = () => announceWorker(db, worker).catch((error: unknown) => log.warn({ err: error }, 'worker announcement failed'));
  const reap = async () => {
    try {
      for (const job of await abandonedTrainingJobs(db, worker.heartbeatMs * MISSED_BEATS)) {
        log.warn({ trainingJobId: job.id, queueJobId: job.queueJobId }, 'training job abandoned by its worker: retrying it');
        await finishTrainingJob(db, { organizationId: job.organizationId, actor: { kind: 'system', name: 'worker-reaper' } }, job.id, {
          status: 'QUEUED',
          error: 'the worker training it stopped; retried',
        });
        if (job.queueJobId) await boss.fail('train-model', job.queueJobId, { reason: 'worker lost' }).catch(() => undefined);
      }
    } catch (error) {
      log.warn({ err: error }, 'reaping abandoned training jobs failed');
    }
  };
  void announce();
  const timers = [setInterval(() => void announce(), ANNOUNCE_MS), setInterval(() => void reap(), Math.max(1000, worker.heartbeatMs))];
  for (const timer of timers) timer.unref();
  return {
    async stop() {
      for (const timer of timers) clearInterval(timer);
      await retireWorker(db, worker.id).catch(() => undefined);
    },
  };
}
