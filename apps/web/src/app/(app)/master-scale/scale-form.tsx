'use client';
import { useActionState } from 'react';
import { updateMasterScaleAction, type ScaleState } from './actions.ts';

export function ScaleForm({ initial }: { initial: string }) {
  const [state, action, pending] = useActionState<ScaleState, FormData>(updateMasterScaleAction, {});
  return (
    <form action={action} className="card" data-testid="scale-form">
      <div className="card__header">
        <h2>Edit</h2>
        <span className="card__subtitle">
          One grade per line, best first: the grade and its highest PD in percent; the last grade reaches 100.
        </span>
      </div>
      <div className="card__body stack">
        <textarea className="input" name="grades" rows={12} defaultValue={initial} style={{ fontFamily: 'monospace' }} />
        <input className="input" name="comment" placeholder="Why the change" />
        {state.error ? <p className="alert alert--error">{state.error}</p> : null}
        {state.saved ? <p className="alert alert--success">Saved as version {state.saved}.</p> : null}
        <button type="submit" className="btn btn--primary" disabled={pending}>
          {pending ? 'Saving…' : 'Save as a new version'}
        </button>
      </div>
    </form>
  );
}
