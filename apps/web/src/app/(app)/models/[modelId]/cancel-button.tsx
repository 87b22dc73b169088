'use client';
import { useTransition } from 'react';
import { cancelTrainingAction } from '../actions.ts';

export function CancelButton({ jobId, modelId }: { jobId: string; modelId: string }) {
  const [pending, start] = useTransition();
  return (
    <button
      type="button"
      className="btn btn--danger-outline btn--small"
      disabled={pending}
      onClick={() => start(async () => void (await cancelTrainingAction(jobId, modelId)))}
    >
      {pending ? 'Cancelling…' : 'Cancel'}
    </button>
  );
}
