'use client';
// Starts a simulate-portfolio run. Until scoring runs exist the PDs come from here: flat, or per
// segment (the more specific wins); exposures left without one are excluded and listed on the run.
import { useActionState } from 'react';
import { initialFormState } from '../../../../../lib/form-state.ts';
import { TextField } from '../../../../../components/ui/fields.tsx';
import { runSimulationAction } from './actions.ts';
import { FormMessage } from '../../../../../components/ui/form-message.tsx';

export function RunSimulationForm({ portfolioId, scenarios }: { portfolioId: string; scenarios: { id: string; name: string }[] }) {
  const [state, action, pending] = useActionState(runSimulationAction.bind(null, portfolioId), initialFormState);
  const value = (name: string, fallback = '') => (state.status === 'error' ? (state.values[name] ?? '') : fallback);
  const errors = state.fieldErrors;
  return (
    <form action={action} noValidate data-testid="run-simulation-form">
      <FormMessage state={state} />
      <div className="form-grid form-grid--spaced">
        <TextField
          label="Flat PD"
          name="flatPd"
          numeric
          inputMode="decimal"
          defaultValue={value('flatPd', '0.02')}
          error={errors.flatPd}
          hint="0.02 = 2%; for exposures without a more specific PD"
        />
        <TextField label="PD retail" name="pdRETAIL" numeric inputMode="decimal" defaultValue={value('pdRETAIL')} error={errors.pdRETAIL} />
        <TextField label="PD SME" name="pdSME" numeric inputMode="decimal" defaultValue={value('pdSME')} error={errors.pdSME} />
        <TextField
          label="PD corporate"
          name="pdCORPORATE"
          numeric
          inputMode="decimal"
          defaultValue={value('pdCORPORATE')}
          error={errors.pdCORPORATE}
        />
        <label className="field">
          <span className="field__label">Stress scenario</span>
          {/* Keyed by what it shows (see limit-form.tsx): a refused run keeps its scenario. */}
          <select className="select" name="scenarioId" defaultValue={value('scenarioId')} key={`scenario-${value('scenarioId')}`}>
            <option value="">None (base only)</option>
            {scenarios.map((scenario) => (
              <option key={scenario.id} value={scenario.id}>
                {scenario.name}
              </option>
            ))}
          </select>
        </label>
        <TextField
          label="Target relative error"
          name="targetRelativeError"
          numeric
          inputMode="decimal"
          defaultValue={value('targetRelativeError', '0.01')}
          error={errors.targetRelativeError}
        />
        <TextField label="Seed" name="seed" numeric inputMode="numeric" defaultValue={value('seed', '1')} error={errors.seed} />
        <TextField label="As of" name="asOf" type="date" defaultValue={value('asOf')} error={errors.asOf} hint="Default today" />
      </div>
      <button type="submit" className="btn btn--primary" disabled={pending}>
        {pending ? 'Starting…' : 'Run simulation'}
      </button>
    </form>
  );
}
