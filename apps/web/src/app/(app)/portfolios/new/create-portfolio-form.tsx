'use client';
import { useActionState } from 'react';
import Link from 'next/link';
import { TEXT_LIMITS } from '@probity/db/limits';
import { createPortfolioAction } from './actions.ts';
import { initialFormState } from '../../../../lib/form-state.ts';
import { TextField } from '../../../../components/ui/fields.tsx';
import { FormMessage } from '../../../../components/ui/form-message.tsx';

const CURRENCIES = ['EUR', 'USD', 'GBP', 'CHF', 'JPY', 'TWD', 'SGD', 'HKD'];

export function CreatePortfolioForm() {
  const [state, action, pending] = useActionState(createPortfolioAction, initialFormState);
  return (
    <form action={action} className="card card__body" noValidate>
      <FormMessage state={state} errorsOnly />
      <div className="form-grid">
        <TextField
          className="span-2"
          label="Name"
          name="name"
          required
          maxLength={TEXT_LIMITS.portfolioName}
          defaultValue={state.values.name}
          error={state.fieldErrors.name}
          hint="Unique within your organization."
        />
        <label className="field span-2">
          <span className="field__label">Description</span>
          <textarea
            className="textarea"
            name="description"
            maxLength={TEXT_LIMITS.portfolioDescription}
            defaultValue={state.values.description}
            aria-invalid={state.fieldErrors.description ? true : undefined}
          />
          {state.fieldErrors.description ? <span className="field__error">{state.fieldErrors.description}</span> : null}
        </label>
        <label className="field">
          <span className="field__label">Reporting currency</span>
          <select
            className="select"
            name="baseCurrency"
            defaultValue={state.values.baseCurrency || 'EUR'}
            // Keyed by what it shows (a select's default applies when it mounts): a refused form keeps its currency.
            key={`currency-${state.values.baseCurrency || 'EUR'}`}
            aria-invalid={state.fieldErrors.baseCurrency ? true : undefined}
          >
            {CURRENCIES.map((code) => (
              <option key={code} value={code}>
                {code}
              </option>
            ))}
          </select>
          {state.fieldErrors.baseCurrency ? (
            <span className="field__error">{state.fieldErrors.baseCurrency}</span>
          ) : (
            <span className="field__hint">Totals are reported in this ISO 4217 currency.</span>
          )}
        </label>
      </div>
      <div className="form-actions">
        <button type="submit" className="btn btn--primary" disabled={pending}>
          {pending ? 'Creating…' : 'Create portfolio'}
        </button>
        <Link href="/portfolios" className="btn btn--ghost">
          Cancel
        </Link>
      </div>
    </form>
  );
}
