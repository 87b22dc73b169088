// A job contract: what a sender and the worker agree on. The handler lives in the worker
// (apps/worker/src/jobs/definitions), so the API can enqueue a job without importing its code.
import type { z } from 'zod';

/** pg-boss queue settings, applied by the worker when it starts (created, then updated). */
export interface QueueSettings {
  /** standard (default); short: one queued; singleton: one active; stately: one queued and one active. */
  policy?: 'standard' | 'short' | 'singleton' | 'stately';
  /** Attempts after the first failure. */
  retryLimit?: number;
  /** Seconds before a retry (doubled each time with retryBackoff). */
  retryDelay?: number;
  retryBackoff?: boolean;
  /** A running job older than this is failed (and retried): set it above the longest expected run. */
  expireInSeconds?: number;
  /** How long a queued job may wait before it is deleted. */
  retentionMinutes?: number;
}

export interface JobContract<Id extends string = string, Payload extends z.ZodType = z.ZodType> {
  /** The pg-boss queue name; never renamed once released (queued jobs and schedules refer to it). */
  id: Id;
  /** The payload's version: bump it on an incompatible payload change; the worker refuses other versions. */
  version: number;
  description: string;
  /** Validated when a job is enqueued and again when it runs. JSON in, so payloads survive the queue. */
  payload: Payload;
  queue: QueueSettings;
}

export function defineJob<const Id extends string, Payload extends z.ZodType>(
  contract: JobContract<Id, Payload>,
): JobContract<Id, Payload> {
  return contract;
}
