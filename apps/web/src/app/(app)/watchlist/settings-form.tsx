'use client';
// When obligors go on the watchlist: the PD threshold (in percent) and the grade drop. RISK_OFFICER+.
import { useActionState } from 'react';
import { initialFormState } from '../../../lib/form-state.ts';
import { TextField } from '../../../components/ui/fields.tsx';
import { setWatchlistSettingsAction } from './actions.ts';
import { FormMessage } from '../../../components/ui/form-message.tsx';

export function WatchlistSettingsForm({ threshold, gradeDrop, version }: { threshold: number; gradeDrop: number; version: number }) {
  const [state, action, pending] = useActionState(setWatchlistSettingsAction, initialFormState);
  const value = (name: string, fallback: string) => (state.status === 'error' ? (state.values[name] ?? fallback) : fallback);
  return (
    <form action={action} noValidate data-testid="watchlist-settings">
      <FormMessage state={state} />
      {/* The version shown: a save made since by someone else is refused, not undone. */}
      <input type="hidden" name="expectedVersion" value={version} />
      <div className="form-grid form-grid--spaced">
        <TextField
          label="PD threshold (%)"
          name="watchlistPdThreshold"
          numeric
          inputMode="decimal"
          defaultValue={value('watchlistPdThreshold', String(Math.round(threshold * 1e6) / 1e4))}
          error={state.fieldErrors.watchlistPdThreshold}
          hint="on the list when the PD reaches it"
        />
        <TextField
          label="Grade drop"
          name="watchlistGradeDrop"
          numeric
          inputMode="numeric"
          defaultValue={value('watchlistGradeDrop', String(gradeDrop))}
          error={state.fieldErrors.watchlistGradeDrop}
          hint="grades fallen since the previous run"
        />
      </div>
      <button type="submit" className="btn btn--secondary" disabled={pending}>
        {pending ? 'Saving…' : 'Save settings'}
      </button>
    </form>
  );
}
