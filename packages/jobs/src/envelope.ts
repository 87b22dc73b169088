// What travels in a pg-boss job's data: the payload with the contract version it was written for.
// Sealed (validated) by the sender, opened (version checked, validated again) by the worker, so a job
// queued by an older or newer release fails with a clear message instead of running on a guess.
import type { z } from 'zod';
import type { JobContract } from './define.ts';

export interface JobEnvelope {
  version: number;
  payload: unknown;
}

/** A payload that does not match its contract; the message names each field at fault. */
export class JobPayloadError extends Error {
  constructor(
    readonly jobId: string,
    readonly problems: string[],
  ) {
    super(`${jobId} payload: ${problems.join('; ')}`);
    this.name = 'JobPayloadError';
  }
}

function validate<P extends z.ZodType>(contract: JobContract<string, P>, payload: unknown): z.output<P> {
  const result = contract.payload.safeParse(payload);
  if (result.success) return result.data;
  throw new JobPayloadError(
    contract.id,
    result.error.issues.map((issue) => `${issue.path.length ? issue.path.join('.') : '(payload)'}: ${issue.message}`),
  );
}

/** Validates a payload against its contract (typed callers go through JobClient.enqueue). */
export function sealPayload(contract: JobContract, payload: unknown): JobEnvelope {
  validate(contract, payload);
  return { version: contract.version, payload };
}

export function openEnvelope<P extends z.ZodType>(contract: JobContract<string, P>, data: unknown): z.output<P> {
  const envelope = data as Partial<JobEnvelope> | null | undefined;
  if (!envelope || typeof envelope !== 'object' || typeof envelope.version !== 'number' || !('payload' in envelope)) {
    throw new JobPayloadError(contract.id, [
      '(envelope): not a Probity job (expected { version, payload }); enqueue it with @probity/jobs',
    ]);
  }
  if (envelope.version !== contract.version) {
    throw new JobPayloadError(contract.id, [
      `(envelope): payload version ${envelope.version} but this worker runs version ${contract.version}; re-enqueue it`,
    ]);
  }
  return validate(contract, envelope.payload);
}
