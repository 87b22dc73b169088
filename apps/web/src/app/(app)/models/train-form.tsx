'use client';
// Training a version: model, dataset and kind with sensible defaults; the advanced options (split,
// class weights, calibration, monotone constraints, warm start...) are folded away.
import { useActionState } from 'react';
import { trainModelAction, type ActionState } from './actions.ts';

const ADVANCED = [
  'target',
  'split',
  'idColumn',
  'classWeight',
  'calibration',
  'encoding',
  'monotone',
  'epochs',
  'trees',
  'warmStartVersionId',
];

export function TrainForm({
  modelId,
  datasets,
  kinds,
}: {
  modelId?: string;
  datasets: { id: string; name: string; targetColumn?: string | null }[];
  kinds: string[];
}) {
  const [state, action, pending] = useActionState<ActionState, FormData>(trainModelAction, {});
  // After a refusal the form comes back as it was sent (a new key re-reads these defaults).
  const sent = (name: string, fallback = '') => state.values?.[name] ?? fallback;
  const advancedSent = ADVANCED.some((name) => sent(name) !== '');
  return (
    <form action={action} className="card" data-testid="train-form" key={`attempt-${state.attempt ?? 0}`}>
      <div className="card__header">
        <h2>Train a version</h2>
        <span className="card__subtitle">Runs on a worker; progress shows on the model's page.</span>
      </div>
      <div className="card__body stack">
        {modelId ? (
          <input type="hidden" name="modelId" value={modelId} />
        ) : (
          <label className="field">
            <span className="field__label">New model name</span>
            <input className="input" name="newModelName" required data-testid="new-model-name" defaultValue={sent('newModelName')} />
          </label>
        )}
        <label className="field">
          <span className="field__label">Dataset</span>
          <select className="input" name="datasetId" required data-testid="train-dataset" defaultValue={sent('datasetId')}>
            {datasets.map((d) => (
              <option key={d.id} value={d.id}>
                {d.name} {d.targetColumn ? `(target ${d.targetColumn})` : ''}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span className="field__label">Model kind</span>
          <select className="input" name="kind" defaultValue={sent('kind', 'logistic')} data-testid="train-kind">
            {kinds.map((k) => (
              <option key={k} value={k}>
                {k}
              </option>
            ))}
          </select>
        </label>
        <details open={advancedSent}>
          <summary>Advanced options</summary>
          <div className="stack">
            <label className="field">
              <span className="field__label">Target column (default: the dataset's)</span>
              <input className="input" name="target" defaultValue={sent('target')} />
            </label>
            <label className="field">
              <span className="field__label">Split (mod5 or random:SEED:FRACTION)</span>
              <input className="input" name="split" placeholder="mod5" defaultValue={sent('split')} />
            </label>
            <label className="field">
              <span className="field__label">Id column</span>
              <input className="input" name="idColumn" defaultValue={sent('idColumn')} />
            </label>
            <label className="field">
              <span className="field__label">Class weight (balanced or a number)</span>
              <input className="input" name="classWeight" defaultValue={sent('classWeight')} />
            </label>
            <label className="field">
              <span className="field__label">Calibration</span>
              <select className="input" name="calibration" defaultValue={sent('calibration')}>
                <option value="">default</option>
                <option value="platt">platt</option>
                <option value="isotonic">isotonic</option>
              </select>
            </label>
            <label className="field">
              <span className="field__label">Encoding (default hybrid; woe = monotone bins)</span>
              <select className="input" name="encoding" defaultValue={sent('encoding')}>
                <option value="">default</option>
                <option value="bins">bins</option>
                <option value="woe">woe</option>
                <option value="linear">linear</option>
                <option value="hybrid">hybrid (woe bin + scaled value)</option>
              </select>
            </label>
            <label className="field">
              <span className="field__label">Monotone constraints for trees (COL=+1,COL=-1)</span>
              <input className="input" name="monotone" defaultValue={sent('monotone')} />
            </label>
            <label className="field">
              <span className="field__label">Epochs (deep, fusion) / trees (gbdt)</span>
              <span style={{ display: 'flex', gap: 8 }}>
                <input className="input" name="epochs" type="number" min={1} placeholder="epochs" defaultValue={sent('epochs')} />
                <input className="input" name="trees" type="number" min={1} placeholder="trees" defaultValue={sent('trees')} />
              </span>
            </label>
            <label className="field">
              <span className="field__label">Warm start from version id (transfer learning of the deep model)</span>
              <input className="input" name="warmStartVersionId" defaultValue={sent('warmStartVersionId')} />
            </label>
          </div>
        </details>
        {state.error ? (
          <p className="alert alert--error" role="alert">
            {state.error}
          </p>
        ) : null}
        <button type="submit" className="btn btn--primary" disabled={pending} data-testid="train-submit">
          {pending ? 'Queuing…' : 'Train'}
        </button>
      </div>
    </form>
  );
}
