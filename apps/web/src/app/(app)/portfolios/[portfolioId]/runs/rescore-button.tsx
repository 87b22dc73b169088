'use client';
import { useActionState } from 'react';
import { initialFormState } from '../../../../../lib/form-state.ts';
import { rescoreAction } from './actions.ts';

export function RescoreButton({ portfolioId }: { portfolioId: string }) {
  const [state, action, pending] = useActionState(rescoreAction.bind(null, portfolioId), initialFormState);
  return (
    <form action={action} className="inline-form">
      <button type="submit" className="btn btn--primary btn--small" disabled={pending}>
        {pending ? 'Queuing…' : 'Re-score now'}
      </button>
      {state.message ? (
        <span className={state.status === 'error' ? 'field__error' : 'muted'} role={state.status === 'error' ? 'alert' : 'status'}>
          {' '}
          {state.message}
        </span>
      ) : null}
    </form>
  );
}
