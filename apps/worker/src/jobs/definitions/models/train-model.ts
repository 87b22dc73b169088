// train-model: trains one model version from a stored dataset and stores it with its validation
// report. Idempotent on the training job: the version references the job (unique), so a retry after a
// crash or a kill finds it instead of training a second one, and a claim never takes a job whose
// worker is still beating, so two workers never train the same job. Progress (stage, epoch or tree,
// loss, validation AUC, elapsed, ETA) is written about once a second and doubles as the heartbeat; a
// cancel request is seen at the next write and stops training at its next step.
import {
  claimTrainingJob,
  completeTrainingJob,
  currentMasterScale,
  finishTrainingJob,
  gpuWorkerAlive,
  reportTrainingProgress,
  setTrainingQueueJob,
  type TrainingProgress,
  type TenantScope,
} from '@probity/db';
import { jobContract, trainingOptionsSchema } from '@probity/jobs';
import {
  DataValidationError,
  DEFAULT_MASTER_SCALE,
  formatReport,
  serializeModel,
  trainInThread,
  TrainingCancelledError,
  type TrainingThread,
  type TrainProgress,
} from '@probity/ml';
import { defineWorkerJob } from '../../define.ts';
import { datasetToTempFile } from '../../../training/dataset-file.ts';
import { toTrainOptions } from '../../../training/train-options.ts';
import { versionMetrics, versionValidationReport } from '../../../training/validation-report.ts';
import { MISSED_BEATS } from '../../../training/supervisor.ts';

const GPU_KINDS = new Set(['deep', 'fusion']);
const PROGRESS_EVERY_MS = 1_000;

export type TrainModelResult =
  | { outcome: 'trained' | 'already-trained'; versionId: string }
  | { outcome: 'cancelled' | 'busy-elsewhere' | 'deferred-to-gpu' | 'invalid-data'; trainingJobId: string; message?: string };

function progressOf(event: TrainProgress): TrainingProgress {
  return {
    stage: event.stage,
    ...(event.step ? { unit: event.step.unit, step: event.step.index, steps: event.step.total } : {}),
    ...(event.loss !== undefined ? { loss: event.loss } : {}),
    ...(event.validationAuc !== undefined ? { validationAuc: event.validationAuc } : {}),
    elapsedSeconds: event.elapsedSeconds,
    ...(event.etaSeconds !== undefined ? { etaSeconds: event.etaSeconds } : {}),
  };
}

export const trainModel = defineWorkerJob({
  contract: jobContract('train-model'),
  concurrency: (env) => env.PROBITY_WORKER_CONCURRENCY,
  async run({ trainingJobId, organizationId, kind }, { db, log, jobs, worker, shutdown, runId }): Promise<TrainModelResult> {
    const scope: TenantScope = { organizationId, actor: { kind: 'system', name: 'train-model' } };
    if (GPU_KINDS.has(kind) && !worker.gpu && (await gpuWorkerAlive(db))) {
      // A GPU worker is alive: hand the job to the queue again, a little later, so it takes it first.
      const requeued = await jobs.enqueue('train-model', { trainingJobId, organizationId, kind }, { startAfter: 5, priority: 10 });
      if (requeued) await setTrainingQueueJob(db, scope, trainingJobId, requeued);
      return { outcome: 'deferred-to-gpu', trainingJobId };
    }
    const claim = await claimTrainingJob(
      db,
      scope,
      trainingJobId,
      { machine: worker.id, backend: worker.backend },
      worker.heartbeatMs * MISSED_BEATS,
    );
    if (claim.kind === 'done') return { outcome: 'already-trained', versionId: claim.job.versionId! };
    if (claim.kind === 'cancelled') return { outcome: 'cancelled', trainingJobId };
    if (claim.kind === 'busy') return { outcome: 'busy-elsewhere', trainingJobId };
    if (runId !== 'cli') await setTrainingQueueJob(db, scope, trainingJobId, runId);
    const job = claim.job;
    const started = new Date();
    const scale = await currentMasterScale(db, scope, DEFAULT_MASTER_SCALE);
    // Training runs on a thread of its own: this event loop stays free for heartbeats and cancels,
    // and a cancel or a shutdown ends the thread at once, even in the middle of a long fit.
    let thread: TrainingThread | null = null;
    let stopReason: 'cancel' | 'shutdown' | null = null;
    const stop = (reason: 'cancel' | 'shutdown') => {
      if (stopReason) return;
      stopReason = reason;
      void thread?.cancel(reason === 'cancel' ? 'cancelled by request' : 'worker shutting down');
    };
    const onShutdown = () => stop('shutdown');
    shutdown.addEventListener('abort', onShutdown);

    let latest: TrainingProgress = { stage: 'reading the dataset', elapsedSeconds: 0 };
    let lastWrite = 0;
    let writing: Promise<void> = Promise.resolve();
    const write = (force = false) => {
      const now = Date.now();
      if (!force && now - lastWrite < PROGRESS_EVERY_MS) return;
      lastWrite = now;
      writing = writing
        .then(() => reportTrainingProgress(db, scope, trainingJobId, latest))
        .then(({ cancelRequested }) => {
          if (cancelRequested) stop('cancel');
        })
        .catch((error: unknown) => log.warn({ err: error }, 'progress write failed'));
    };
    const heartbeat = setInterval(() => {
      latest = { ...latest, elapsedSeconds: (Date.now() - started.getTime()) / 1000 };
      write(true);
    }, worker.heartbeatMs);
    write(true);
    const data = await datasetToTempFile(db, scope, job.datasetId);
    try {
      const options = trainingOptionsSchema.parse(job.options);
      const trainOptions = await toTrainOptions(
        db,
        scope,
        { kind: job.kind, target: job.target, options },
        scale.grades,
        worker.backend === 'auto' ? undefined : worker.backend,
      );
      if (stopReason) throw new TrainingCancelledError(stopReason);
      thread = trainInThread(data.file, trainOptions, {
        onStage: (stage) => {
          latest = { stage, elapsedSeconds: (Date.now() - started.getTime()) / 1000 };
          write();
        },
        onProgress: (event) => {
          latest = progressOf(event);
          write();
        },
      });
      const { model, report } = await thread.result;
      clearInterval(heartbeat);
      await writing;
      const finished = new Date();
      const { version, created } = await completeTrainingJob(db, scope, trainingJobId, {
        modelFileJson: serializeModel(model),
        metrics: versionMetrics(report),
        validationReport: versionValidationReport(report, { id: scale.id, version: scale.version }),
        backend: report.backend,
        machine: worker.machine,
        trainingStartedAt: started,
        trainingFinishedAt: finished,
        masterScaleId: scale.id,
      });
      log.info(
        { trainingJobId, versionId: version.id, version: version.version, created, testAuc: report.test?.auc },
        'model version trained',
      );
      return { outcome: created ? 'trained' : 'already-trained', versionId: version.id };
    } catch (error) {
      clearInterval(heartbeat);
      await writing;
      if (stopReason === 'cancel') {
        await finishTrainingJob(db, scope, trainingJobId, { status: 'CANCELLED', error: 'cancelled by request' });
        return { outcome: 'cancelled', trainingJobId };
      }
      if (error instanceof DataValidationError) {
        // Bad data will not get better on a retry: fail the training job for good, with the report.
        const message = formatReport(error.report);
        await finishTrainingJob(db, scope, trainingJobId, { status: 'FAILED', error: message });
        return { outcome: 'invalid-data', trainingJobId, message };
      }
      // Anything else (shutdown, a lost connection) is retried by pg-boss: the job goes back to the queue.
      await finishTrainingJob(db, scope, trainingJobId, {
        status: 'QUEUED',
        error: error instanceof Error ? error.message : String(error),
      }).catch(() => undefined);
      throw error;
    } finally {
      shutdown.removeEventListener('abort', onShutdown);
      await data.remove();
    }
  },
});
