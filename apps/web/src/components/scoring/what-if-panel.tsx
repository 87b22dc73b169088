'use client';
// The what-if form: the model's inputs prefilled with the obligor's current values (the largest
// contributors first, the rest folded away); changing any and running shows the current and the new
// PD, grade and explanation side by side, with the counterfactual sentences; a risk officer can save it
// under a name. Nothing is stored until then.
import { useState, useTransition } from 'react';
import type { OnDemandScoreFieldsFragment, WhatIfQuery } from '../../api/generated/graphql.ts';
import { formatPd } from '../../lib/risk-format.ts';
import { waterfallSteps } from '../../lib/waterfall.ts';
import { WaterfallChart } from './waterfall-chart.tsx';

type Change = { feature: string; value: number | null; text: string | null };
type Result = { ok: true; data: WhatIfQuery } | { ok: false; message: string; field?: string };
type Saved = { ok: true; data: unknown } | { ok: false; message: string; field?: string };

const SHOWN = 8;

function currentText(input: OnDemandScoreFieldsFragment['inputs'][number]): string {
  return input.text ?? (input.value === null ? '' : String(input.value));
}

/** The fields whose text differs from the current value, as changes (empty: missing). */
export function changesFrom(
  values: Record<string, string>,
  score: OnDemandScoreFieldsFragment,
): Change[] | { error: string; feature: string } {
  const changes: Change[] = [];
  for (const input of score.inputs) {
    const typed = (values[input.name] ?? currentText(input)).trim();
    if (typed === currentText(input)) continue;
    if (typed === '') changes.push({ feature: input.name, value: null, text: null });
    else if (input.text !== null || !Number.isFinite(Number(typed))) {
      if (input.text === null) return { error: 'Must be a number', feature: input.name };
      changes.push({ feature: input.name, value: null, text: typed });
    } else changes.push({ feature: input.name, value: Number(typed), text: null });
  }
  return changes;
}

function Side({ title, score, testId }: { title: string; score: OnDemandScoreFieldsFragment; testId: string }) {
  return (
    <div className="stack" data-testid={testId}>
      <h3>{title}</h3>
      <p>
        PD <strong data-testid={`${testId}-pd`}>{formatPd(score.pd)}</strong> · grade{' '}
        <strong data-testid={`${testId}-grade`}>{score.grade}</strong>
      </p>
      <WaterfallChart steps={waterfallSteps(score, 6)} ariaLabel={`${title}: explanation from the baseline to the PD`} />
      <ul className="list">
        {score.reasons.map((r) => (
          <li key={r.feature}>{r.text}</li>
        ))}
      </ul>
    </div>
  );
}

export function WhatIfPanel({
  score,
  canSave,
  run,
  save,
}: {
  score: OnDemandScoreFieldsFragment;
  canSave: boolean;
  run: (changes: Change[]) => Promise<Result>;
  save: (name: string, changes: Change[]) => Promise<Saved>;
}) {
  const [values, setValues] = useState<Record<string, string>>({});
  const [result, setResult] = useState<{ changes: Change[]; data: WhatIfQuery } | null>(null);
  const [error, setError] = useState<{ message: string; feature?: string } | null>(null);
  const [name, setName] = useState('');
  const [saved, setSaved] = useState<string | null>(null);
  const [pending, start] = useTransition();
  const ranked = [...score.inputs].sort((a, b) => {
    const weight = (n: string) => Math.abs(score.contributions.find((c) => c.feature === n)?.contribution ?? 0);
    return weight(b.name) - weight(a.name);
  });
  const field = (input: OnDemandScoreFieldsFragment['inputs'][number]) => (
    <label className="field" key={input.name}>
      <span className="field__label">{input.name}</span>
      <input
        className={`input ${input.text === null ? 'input--num' : ''}`}
        name={input.name}
        data-testid={`what-if-input-${input.name}`}
        value={values[input.name] ?? currentText(input)}
        onChange={(e) => setValues({ ...values, [input.name]: e.target.value })}
        aria-invalid={error?.feature === input.name ? true : undefined}
      />
      {error?.feature === input.name ? <span className="field__error">{error.message}</span> : null}
    </label>
  );
  const submit = () => {
    setSaved(null);
    const changes = changesFrom(values, score);
    if ('error' in changes) {
      setError({ message: changes.error, feature: changes.feature });
      return;
    }
    start(async () => {
      const answer = await run(changes);
      if (answer.ok) {
        setError(null);
        setResult({ changes, data: answer.data });
      } else {
        const feature = /^changes\[(\d+)\]/.exec(answer.field ?? '')?.[1];
        setError({ message: answer.message, ...(feature !== undefined ? { feature: changes[Number(feature)]?.feature } : {}) });
      }
    });
  };
  const saveScenario = () => {
    if (!result) return;
    start(async () => {
      const answer = await save(name, result.changes);
      if (answer.ok) {
        setSaved(`Saved as "${name}".`);
        setName('');
        setError(null);
      } else setError({ message: answer.message });
    });
  };
  const exposure = result?.data.whatIf.exposures.find((e) => e.current.exposureId === score.exposureId) ?? result?.data.whatIf.exposures[0];
  return (
    <div className="stack" data-testid="what-if">
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        {error && !error.feature ? (
          <div className="alert alert--error" role="alert">
            {error.message}
          </div>
        ) : null}
        <div className="form-grid form-grid--spaced">{ranked.slice(0, SHOWN).map(field)}</div>
        {ranked.length > SHOWN ? (
          <details>
            <summary>All {ranked.length} features</summary>
            <div className="form-grid form-grid--spaced">{ranked.slice(SHOWN).map(field)}</div>
          </details>
        ) : null}
        <button type="submit" className="btn btn--primary" disabled={pending}>
          {pending ? 'Scoring…' : 'Run what-if'}
        </button>
      </form>
      {exposure ? (
        <div className="stack" data-testid="what-if-result">
          <div className="form-grid">
            <Side title="Current" score={exposure.current} testId="what-if-current" />
            <Side title="What-if" score={exposure.scenario} testId="what-if-scenario" />
          </div>
          {exposure.targetGrade === null ? (
            <p data-testid="what-if-counterfactual">Already in the best grade.</p>
          ) : exposure.counterfactuals.length === 0 ? (
            <p data-testid="what-if-counterfactual">No single one of the top features reaches grade {exposure.targetGrade} alone.</p>
          ) : (
            <ul className="list" data-testid="what-if-counterfactual">
              {exposure.counterfactuals.map((c) => (
                <li key={c.feature}>
                  {c.sentence} (PD {formatPd(c.pd)}; now {c.from ?? 'missing'})
                </li>
              ))}
            </ul>
          )}
          {canSave ? (
            <form
              className="form-grid"
              noValidate
              onSubmit={(e) => {
                e.preventDefault();
                saveScenario();
              }}
            >
              <label className="field">
                <span className="field__label">Scenario name</span>
                <input className="input" name="scenarioName" value={name} onChange={(e) => setName(e.target.value)} maxLength={120} />
              </label>
              <button type="submit" className="btn" disabled={pending || name.trim() === '' || result?.changes.length === 0}>
                Save as scenario
              </button>
            </form>
          ) : null}
          {saved ? (
            <div className="alert alert--success" role="status">
              {saved}
            </div>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}
