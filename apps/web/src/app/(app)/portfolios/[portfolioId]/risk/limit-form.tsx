'use client';
// Sets a concentration limit: per sector, or per single name (an obligor's external id, or * for all).
import { useActionState } from 'react';
import { initialFormState } from '../../../../../lib/form-state.ts';
import { TextField } from '../../../../../components/ui/fields.tsx';
import { setLimitAction } from './actions.ts';
import { FormMessage } from '../../../../../components/ui/form-message.tsx';

export function LimitForm({ portfolioId }: { portfolioId: string }) {
  const [state, action, pending] = useActionState(setLimitAction.bind(null, portfolioId), initialFormState);
  const value = (name: string) => (state.status === 'error' ? (state.values[name] ?? '') : '');
  return (
    <form action={action} noValidate data-testid="limit-form">
      <FormMessage state={state} />
      <div className="form-grid form-grid--spaced">
        <label className="field">
          <span className="field__label">Kind</span>
          {/* Keyed by what it shows: React applies a select's defaultValue only when it mounts, and resets
              the form after each action, so a refused sector limit would come back as a single name. */}
          <select
            className="select"
            name="kind"
            defaultValue={value('kind') || 'SINGLE_NAME'}
            key={`kind-${value('kind') || 'SINGLE_NAME'}`}
          >
            <option value="SINGLE_NAME">Single name</option>
            <option value="SECTOR">Sector</option>
          </select>
        </label>
        <TextField
          label="Sector or obligor id"
          name="key"
          defaultValue={value('key')}
          error={state.fieldErrors.key}
          hint="* for every obligor"
        />
        <TextField
          label="Max share of EAD"
          name="maxShare"
          numeric
          inputMode="decimal"
          defaultValue={value('maxShare')}
          error={state.fieldErrors.maxShare}
          hint="0.02 = 2%"
        />
        <TextField
          label="Max EAD"
          name="maxEad"
          numeric
          inputMode="decimal"
          defaultValue={value('maxEad')}
          error={state.fieldErrors.maxEad}
        />
      </div>
      <button type="submit" className="btn btn--secondary" disabled={pending}>
        {pending ? 'Saving…' : 'Set limit'}
      </button>
    </form>
  );
}
