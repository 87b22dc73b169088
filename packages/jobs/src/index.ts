// @probity/jobs: what a background job is (contract: id, version, payload schema, queue settings)
// and how to enqueue one, shared by the API (senders) and the worker (which runs the handlers).
export { defineJob, type JobContract, type QueueSettings } from './define.ts';
export { JOBS, jobContract, isJobId, type AnyJob, type JobId, type JobContractOf, type JobPayload, type JobData } from './registry.ts';
export { sealPayload, openEnvelope, JobPayloadError, type JobEnvelope } from './envelope.ts';
export { ensureQueue, ensureQueues, PGBOSS_SCHEMA } from './queues.ts';
export {
  createJobClient,
  jobClientFor,
  JOBS_CHANNEL,
  type JobClient,
  type JobClientOptions,
  type EnqueueOptions,
  type JobState,
} from './client.ts';
export { trainingOptionsSchema, type TrainingOptions } from './definitions/models/training-options.ts';
