'use client';
// Validate, approve, reject, promote: one comment box and the actions the version's status allows.
// The API enforces four-eyes and the comment rule; its refusal is shown here as it comes.
import { useActionState } from 'react';
import { transitionAction, type ActionState } from '../../models/actions.ts';

const NEXT: Record<string, string[]> = {
  DRAFT: ['VALIDATE', 'REJECT'],
  VALIDATED: ['APPROVE', 'REJECT'],
  APPROVED: ['PROMOTE', 'REJECT', 'RETIRE'],
  CHAMPION: ['RETIRE'],
};

export function GovernanceForm({ versionId, status }: { versionId: string; status: string }) {
  const [state, action, pending] = useActionState<ActionState, FormData>(transitionAction.bind(null, versionId), {});
  const actions = NEXT[status] ?? [];
  if (actions.length === 0) return null;
  return (
    <form action={action} className="card" data-testid="governance-form">
      <div className="card__header">
        <h2>Review</h2>
        <span className="card__subtitle">
          Approve and reject need a comment; approval must come from someone other than the trainer and the submitter.
        </span>
      </div>
      <div className="card__body stack">
        <label className="field">
          <span className="field__label">Comment</span>
          <textarea
            key={`comment-${state.attempt ?? 0}`}
            className="input"
            name="comment"
            rows={3}
            data-testid="governance-comment"
            defaultValue={state.values?.comment ?? ''}
          />
        </label>
        <div style={{ display: 'flex', gap: 8 }}>
          {actions.map((a) => (
            <button
              key={a}
              type="submit"
              name="action"
              value={a}
              className={a === 'REJECT' ? 'btn btn--danger-outline' : 'btn btn--primary'}
              disabled={pending}
            >
              {a.charAt(0) + a.slice(1).toLowerCase()}
            </button>
          ))}
        </div>
        {state.error ? (
          <p className="alert alert--error" role="alert" data-testid="governance-error">
            {state.error}
          </p>
        ) : null}
      </div>
    </form>
  );
}
