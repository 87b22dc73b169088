'use client';
// The factor model: the sector correlation matrix and each sector's asset correlation (loading
// sqrt(R)). Risk officers edit the entries above the diagonal, the mirrored entries below follow as
// they type; saving makes the next version. Others see the same table read-only.
import { useActionState, useState } from 'react';
import type { RiskFactorModel } from '../../../api/documents/risk-model.ts';
import { initialFormState } from '../../../lib/form-state.ts';
import { MATRIX_FIELD, assetCorrelationName, cellName, formatCorrelation } from '../../../lib/risk-model-form.ts';
import { saveRiskModelAction } from './actions.ts';
import { FormMessage } from '../../../components/ui/form-message.tsx';

export function ModelEditor({ model, editable }: { model: RiskFactorModel; editable: boolean }) {
  const [state, action, pending] = useActionState(saveRiskModelAction.bind(null, model.sectors), initialFormState);
  const stored = (name: string): string => {
    const cell = /^c_(\d+)_(\d+)$/.exec(name);
    if (cell) return formatCorrelation(model.correlation[Number(cell[1])]![Number(cell[2])]!);
    const asset = /^r_(\d+)$/.exec(name);
    if (asset) {
      const r = model.sectorAssetCorrelations.find((e) => e.sector === model.sectors[Number(asset[1])]);
      return r ? formatCorrelation(r.assetCorrelation) : '';
    }
    return '';
  };
  const value = (name: string) => (state.status === 'error' ? (state.values[name] ?? '') : stored(name));
  // What each input shows now, so the mirrored entry below the diagonal and the loading follow typing.
  const [typed, setTyped] = useState<Record<string, string>>({});
  const current = (name: string) => typed[name] ?? value(name);
  const errors = state.fieldErrors;
  const key = `${model.version}-${state.status}`;

  const loading = (i: number) => {
    const r = Number(current(assetCorrelationName(i)));
    return current(assetCorrelationName(i)).trim() === ''
      ? 'Basel IRB formula'
      : Number.isFinite(r) && r >= 0
        ? Math.sqrt(r).toFixed(4)
        : '–';
  };

  const matrix = (
    <div className="table-wrap">
      <table className="table correlation-matrix" data-testid="correlation-matrix">
        <thead>
          <tr>
            <th scope="col">
              <span className="visually-hidden">Sector</span>
            </th>
            {model.sectors.map((sector) => (
              <th key={sector} scope="col" className="num">
                {sector}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {model.sectors.map((rowSector, i) => (
            <tr key={rowSector}>
              <th scope="row">{rowSector}</th>
              {model.sectors.map((colSector, j) => {
                const name = cellName(i, j);
                if (i === j || !editable || i > j) {
                  const shown = i === j ? '1' : editable ? current(name) : formatCorrelation(model.correlation[i]![j]!);
                  return (
                    <td key={colSector} className={`num ${i > j && editable ? 'muted' : ''}`} data-cell={`${i}-${j}`}>
                      {shown}
                    </td>
                  );
                }
                return (
                  <td key={colSector} className="num">
                    <input
                      className="input input--num input--small"
                      name={name}
                      inputMode="decimal"
                      aria-label={`Correlation ${rowSector} – ${colSector}`}
                      aria-invalid={errors[name] ? true : undefined}
                      defaultValue={value(name)}
                      size={6}
                      onChange={(event) => setTyped((t) => ({ ...t, [name]: event.target.value }))}
                    />
                    {errors[name] ? (
                      <span className="field__error" data-field-error={name}>
                        {errors[name]}
                      </span>
                    ) : null}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
      {errors[MATRIX_FIELD] ? (
        <p className="field__error" role="alert" data-field-error={MATRIX_FIELD}>
          {errors[MATRIX_FIELD]}
        </p>
      ) : null}
    </div>
  );

  const loadings = (
    <table className="table" data-testid="sector-loadings">
      <thead>
        <tr>
          <th scope="col">Sector</th>
          <th scope="col" className="num">
            Asset correlation R
          </th>
          <th scope="col" className="num">
            Loading √R
          </th>
        </tr>
      </thead>
      <tbody>
        {model.sectors.map((sector, i) => {
          const name = assetCorrelationName(i);
          return (
            <tr key={sector}>
              <td>{sector}</td>
              <td className="num">
                {editable ? (
                  <>
                    <input
                      className="input input--num input--small"
                      name={name}
                      inputMode="decimal"
                      aria-label={`Asset correlation ${sector}`}
                      aria-invalid={errors[name] ? true : undefined}
                      placeholder="Basel"
                      defaultValue={value(name)}
                      size={6}
                      onChange={(event) => setTyped((t) => ({ ...t, [name]: event.target.value }))}
                    />
                    {errors[name] ? (
                      <span className="field__error" data-field-error={name}>
                        {errors[name]}
                      </span>
                    ) : null}
                  </>
                ) : (
                  stored(name) || 'Basel IRB formula'
                )}
              </td>
              <td className="num">{loading(i)}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );

  if (!editable) {
    return (
      <div className="stack" data-testid="risk-model-view">
        <h3 className="form-section">Sector factor correlations</h3>
        {matrix}
        <h3 className="form-section">Asset correlations and loadings per sector</h3>
        {loadings}
      </div>
    );
  }
  return (
    <form action={action} noValidate data-testid="risk-model-editor" key={key} className="stack">
      <FormMessage state={state} />
      <input type="hidden" name="expectedVersion" value={model.version} />
      <h3 className="form-section">Sector factor correlations (symmetric, unit diagonal, positive semi-definite)</h3>
      {matrix}
      <h3 className="form-section">Asset correlations and loadings per sector (empty: Basel IRB formula by asset class and PD)</h3>
      {loadings}
      <label className="field">
        <span className="field__label">Note</span>
        <input className="input" name="note" maxLength={400} defaultValue={state.status === 'error' ? (state.values.note ?? '') : ''} />
        <span className="field__hint">Why this version (kept with it)</span>
      </label>
      <div className="form-actions">
        <button type="submit" className="btn btn--primary" disabled={pending}>
          {pending ? 'Saving…' : `Save as version ${model.version + 1}`}
        </button>
      </div>
    </form>
  );
}
