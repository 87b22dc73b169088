'use client';
// Makes an approved version the model's challenger (scored in shadow in every later run), or stops it.
import { useState, useTransition } from 'react';
import { setChallengerAction } from '../actions.ts';

export function ChallengerButton({ modelId, versionId, isChallenger }: { modelId: string; versionId: string; isChallenger: boolean }) {
  const [pending, start] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const onClick = () =>
    start(async () => {
      const result = await setChallengerAction(modelId, isChallenger ? null : versionId);
      setError(result.error ?? null);
    });
  return (
    <>
      <button type="button" className="btn btn--secondary btn--small" disabled={pending} onClick={onClick}>
        {pending ? 'Saving…' : isChallenger ? 'Stop shadow scoring' : 'Make challenger'}
      </button>
      {error ? (
        <div role="alert" className="cell-sub">
          {error}
        </div>
      ) : null}
    </>
  );
}
