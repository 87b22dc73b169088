'use client';
import { useActionState } from 'react';
import { updateMasterScaleAction, type ScaleState } from './actions.ts';

/** `initial`: the scale in force, one grade per line; `version`: its version, sent back with the save. */
export function ScaleForm({ initial, version }: { initial: string; version: number }) {
  const [state, action, pending] = useActionState<ScaleState, FormData>(updateMasterScaleAction, {});
  // A new key re-reads the defaults: what was typed after a mistake, else the version in force.
  const key = `${version}-${state.error ?? ''}-${state.saved ?? ''}`;
  return (
    <form action={action} className="card" data-testid="scale-form">
      <div className="card__header">
        <h2>Edit</h2>
        <span className="card__subtitle">
          One grade per line, best first: the grade and its highest PD in percent; the last grade reaches 100.
        </span>
      </div>
      <div className="card__body stack">
        <input type="hidden" name="expectedVersion" value={version} />
        <textarea
          key={`grades-${key}`}
          className="input"
          name="grades"
          aria-label="Grades"
          rows={12}
          defaultValue={state.typed?.grades ?? initial}
          style={{ fontFamily: 'monospace' }}
        />
        <input
          key={`comment-${key}`}
          className="input"
          name="comment"
          placeholder="Why the change"
          defaultValue={state.typed?.comment ?? ''}
        />
        {state.error ? (
          <p className="alert alert--error" role="alert">
            {state.error}
          </p>
        ) : null}
        {state.saved ? <p className="alert alert--success">Saved as version {state.saved}.</p> : null}
        <button type="submit" className="btn btn--primary" disabled={pending}>
          {pending ? 'Saving…' : 'Save as a new version'}
        </button>
      </div>
    </form>
  );
}
