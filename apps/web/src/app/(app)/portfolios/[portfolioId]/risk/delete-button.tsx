'use client';
// Deleting a stress scenario or a limit asks once more before it acts; the API keeps the audit trail.
import { useActionState, useState } from 'react';
import type { DeleteState } from './actions.ts';

export function DeleteButton({
  label,
  question,
  action: deleteAction,
}: {
  /** What is deleted, for the button's accessible name: "Delete scenario Energy downturn". */
  label: string;
  question: string;
  action: (previous: DeleteState, formData: FormData) => Promise<DeleteState>;
}) {
  const [confirming, setConfirming] = useState(false);
  const [state, action, pending] = useActionState<DeleteState, FormData>(deleteAction, {});
  if (!confirming) {
    return (
      <button type="button" className="btn btn--danger-outline btn--small" onClick={() => setConfirming(true)} aria-label={label}>
        Delete
      </button>
    );
  }
  return (
    <form action={action} className="confirm">
      <span className="confirm__text" role={state.error ? 'alert' : undefined}>
        {state.error ?? question}
      </span>
      <button type="submit" className="btn btn--danger btn--small" disabled={pending}>
        {pending ? 'Deleting…' : 'Confirm delete'}
      </button>
      <button type="button" className="btn btn--ghost btn--small" onClick={() => setConfirming(false)} disabled={pending}>
        Cancel
      </button>
    </form>
  );
}
