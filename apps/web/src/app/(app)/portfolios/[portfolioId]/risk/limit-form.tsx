'use client';
// Sets a concentration limit: per sector, or per single name (an obligor's external id, or * for all).
// Opened on a stored limit (the table's Edit), it changes that limit's amounts and sends the version it
// showed; a new limit sends version 0, so it never replaces a limit its author did not see.
import { useActionState } from 'react';
import Link from 'next/link';
import type { RiskPageQuery } from '../../../../../api/documents/risk.ts';
import { initialFormState } from '../../../../../lib/form-state.ts';
import { limitKindLabel } from '../../../../../lib/risk-format.ts';
import { TextField } from '../../../../../components/ui/fields.tsx';
import { setLimitAction } from './actions.ts';
import { FormMessage } from '../../../../../components/ui/form-message.tsx';

export type StoredLimit = RiskPageQuery['riskLimits'][number];

/** "0.250000" → "0.25", "1000.00" → "1000": the stored decimals, as someone would type them. */
const withoutTrailingZeros = (decimal: string | null | undefined) =>
  decimal?.includes('.') ? decimal.replace(/\.?0+$/, '') : (decimal ?? '');

export function LimitForm({ portfolioId, limit, cancelHref }: { portfolioId: string; limit: StoredLimit | null; cancelHref: string }) {
  const [state, action, pending] = useActionState(setLimitAction.bind(null, { portfolioId, limitId: limit?.id ?? null }), initialFormState);
  const stored = (name: string): string => {
    if (name === 'maxShare') return withoutTrailingZeros(limit?.maxShare);
    if (name === 'maxEad') return withoutTrailingZeros(limit?.maxEad);
    return '';
  };
  // A refused edit that kept no values (the limit changed since) shows the stored amounts.
  const typed = state.status === 'error' && Object.keys(state.values).length > 0;
  const value = (name: string) => (typed ? (state.values[name] ?? '') : stored(name));
  // Keyed by the limit and its version: the fields show the stored amounts again after each save.
  const formKey = `${limit?.id ?? 'new'}-${limit?.version ?? 0}-${state.status}`;
  return (
    <form action={action} noValidate data-testid="limit-form" key={formKey}>
      <FormMessage state={state} />
      <input type="hidden" name="expectedVersion" value={limit?.version ?? 0} />
      {limit ? (
        <div className="toolbar" data-testid="limit-editing">
          <span>
            Editing {limitKindLabel(limit.kind).toLowerCase()} limit <strong>{limit.key}</strong> v{limit.version}
          </span>
          <input type="hidden" name="kind" value={limit.kind} />
          <input type="hidden" name="key" value={limit.key} />
          <Link href={cancelHref} className="btn btn--ghost btn--small">
            New limit instead
          </Link>
        </div>
      ) : null}
      <div className="form-grid form-grid--spaced">
        {limit ? null : (
          <>
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
          </>
        )}
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
        {pending ? 'Saving…' : limit ? 'Save limit' : 'Set limit'}
      </button>
    </form>
  );
}
