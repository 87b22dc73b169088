'use client';
// Creates or edits a stress scenario: sector factor shocks (in standard deviations), PD multipliers
// (all, per segment) and an LGD add-on. The API checks it against the factor model.
import { useActionState } from 'react';
import type { StressScenario } from '../../../../../api/documents/risk.ts';
import { initialFormState } from '../../../../../lib/form-state.ts';
import { TextField } from '../../../../../components/ui/fields.tsx';
import { saveScenarioAction } from './actions.ts';
import { FormMessage } from '../../../../../components/ui/form-message.tsx';

const SEGMENTS = ['RETAIL', 'SME', 'CORPORATE'] as const;

export function ScenarioEditor({
  portfolioId,
  sectors,
  scenario,
}: {
  portfolioId: string;
  sectors: string[];
  scenario: StressScenario | null;
}) {
  const [state, action, pending] = useActionState(
    saveScenarioAction.bind(null, { portfolioId, scenarioId: scenario?.id ?? null, sectors }),
    initialFormState,
  );
  const stored = (name: string): string => {
    if (!scenario) return '';
    if (name === 'name') return scenario.name;
    if (name === 'description') return scenario.description ?? '';
    if (name === 'pdAll') return scenario.pdMultipliers.all?.toString() ?? '';
    if (name === 'lgdAll') return scenario.lgdAddOns.all?.toString() ?? '';
    const segment = /^pd(RETAIL|SME|CORPORATE)$/.exec(name);
    if (segment) return scenario.pdMultipliers.bySegment.find((e) => e.key === segment[1])?.value.toString() ?? '';
    const shock = /^shock(\d+)$/.exec(name);
    if (shock) return scenario.factorShocks.find((e) => e.key === sectors[Number(shock[1])])?.value.toString() ?? '';
    return '';
  };
  const value = (name: string) => (state.status === 'error' ? (state.values[name] ?? '') : stored(name));
  const errors = state.fieldErrors;
  const key = `${scenario?.id ?? 'new'}-${scenario?.version ?? 0}-${state.status}`;
  return (
    <form action={action} noValidate data-testid="scenario-editor" key={key}>
      <FormMessage state={state} />
      {scenario ? <input type="hidden" name="expectedVersion" value={scenario.version} /> : null}
      <div className="form-grid form-grid--spaced">
        <TextField className="span-2" label="Name" name="name" defaultValue={value('name')} error={errors.name} maxLength={120} />
        <TextField className="span-2" label="Description" name="description" defaultValue={value('description')} maxLength={400} />
      </div>
      <h3 className="form-section">Sector factor shocks (standard deviations; −2 is a 1-in-44-years downturn)</h3>
      <div className="form-grid form-grid--spaced">
        {sectors.map((sector, i) => (
          <TextField
            key={sector}
            label={sector}
            name={`shock${i}`}
            numeric
            inputMode="decimal"
            defaultValue={value(`shock${i}`)}
            error={errors[`shock${i}`]}
          />
        ))}
      </div>
      <label className="checkbox">
        <input
          type="checkbox"
          name="propagate"
          defaultChecked={state.status === 'error' ? state.values.propagate === 'on' : (scenario?.propagate ?? true)}
        />{' '}
        Other sectors follow through their correlation
      </label>
      <h3 className="form-section">PD multipliers and LGD add-on</h3>
      <div className="form-grid form-grid--spaced">
        <TextField label="PD × (all)" name="pdAll" numeric inputMode="decimal" defaultValue={value('pdAll')} error={errors.pdAll} />
        {SEGMENTS.map((segment) => (
          <TextField
            key={segment}
            label={`PD × ${segment.toLowerCase()}`}
            name={`pd${segment}`}
            numeric
            inputMode="decimal"
            defaultValue={value(`pd${segment}`)}
            error={errors[`pd${segment}`]}
          />
        ))}
        <TextField
          label="LGD add-on (all)"
          name="lgdAll"
          numeric
          inputMode="decimal"
          defaultValue={value('lgdAll')}
          error={errors.lgdAll}
          hint="0.05 = +5 points"
        />
      </div>
      <button type="submit" className="btn btn--primary" disabled={pending}>
        {pending ? 'Saving…' : scenario ? 'Save changes' : 'Create scenario'}
      </button>
    </form>
  );
}
