'use client';
// Revoking asks once more before it acts: a revoked key cannot be restored.
import { useActionState, useState } from 'react';
import { revokeApiKeyAction, type RevokeState } from './actions.ts';

export function RevokeButton({ keyId, keyName }: { keyId: string; keyName: string }) {
  const [confirming, setConfirming] = useState(false);
  const [state, action, pending] = useActionState<RevokeState, FormData>(revokeApiKeyAction.bind(null, keyId), {});
  if (!confirming) {
    return (
      <button
        type="button"
        className="btn btn--danger-outline btn--small"
        onClick={() => setConfirming(true)}
        aria-label={`Revoke ${keyName}`}
      >
        Revoke
      </button>
    );
  }
  return (
    <form action={action} className="confirm">
      <span className="confirm__text">{state.error ?? 'Revoke this key? Clients using it stop working at once.'}</span>
      <button type="submit" className="btn btn--danger btn--small" disabled={pending}>
        {pending ? 'Revoking…' : 'Confirm revoke'}
      </button>
      <button type="button" className="btn btn--ghost btn--small" onClick={() => setConfirming(false)} disabled={pending}>
        Cancel
      </button>
    </form>
  );
}
