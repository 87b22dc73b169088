// A portfolio's risk page: run a simulation (progress live), see every view of the selected run,
// edit stress scenarios and limits. ?run=<id> selects a run (default the newest), ?scenario=<id> the
// scenario in the editor, and ?stale=<version> says its save (with &refused=delete, its delete) was
// refused: it was saved since that version. ?limit=<id> opens a limit in the limit form.
import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { query, viewer } from '../../../../../api/load.ts';
import { RISK_PAGE, RISK_SIMULATION } from '../../../../../api/documents/risk.ts';
import { EmptyState } from '../../../../../components/ui/states.tsx';
import { SimulationProgress } from '../../../../../components/risk/simulation-progress.tsx';
import { formatDate, formatDateTime, formatInteger, formatPercent } from '../../../../../lib/format.ts';
import { formatPd, limitKindLabel } from '../../../../../lib/risk-format.ts';
import { ResultViews } from './result-views.tsx';
import { RunSimulationForm } from './run-simulation-form.tsx';
import { ScenarioEditor } from './scenario-editor.tsx';
import { LimitForm } from './limit-form.tsx';
import { DeleteButton } from './delete-button.tsx';
import { deleteLimitAction, deleteScenarioAction } from './actions.ts';

type Props = {
  params: Promise<{ portfolioId: string }>;
  searchParams: Promise<{ run?: string; scenario?: string; stale?: string; refused?: string; limit?: string }>;
};

export const metadata: Metadata = { title: 'Risk' };

const STATUS_BADGE: Record<string, string> = {
  QUEUED: 'badge',
  RUNNING: 'badge badge--brand',
  COMPLETED: 'badge badge--success',
  FAILED: 'badge badge--danger',
};

export default async function RiskPage({ params, searchParams }: Props) {
  const { portfolioId } = await params;
  const { run: runId, scenario: scenarioParam, stale, refused, limit: limitParam } = await searchParams;
  // A run named in the URL is asked for beside the page; the default (the newest) needs the page first.
  const [page, me, named] = await Promise.all([
    query(RISK_PAGE, { id: portfolioId }),
    viewer(),
    runId ? query(RISK_SIMULATION, { id: runId }) : null,
  ]);
  const portfolio = page.portfolio;
  if (!portfolio) notFound();
  const canWrite = me.permissions.includes('portfolio:write');
  const newestId = portfolio.riskSimulations[0]?.id;
  const found = (named ?? (newestId ? await query(RISK_SIMULATION, { id: newestId }) : null))?.riskSimulation ?? null;
  // Another portfolio's run is not selected here: its results would show under this portfolio's name.
  const run = found?.portfolioId === portfolio.id ? found : null;
  const scenario = page.stressScenarios.find((s) => s.id === scenarioParam) ?? null;
  const base = `/portfolios/${portfolio.id}/risk`;
  const editedLimit = page.riskLimits.find((l) => l.id === limitParam) ?? null;
  const limitsHref = (limitId?: string) =>
    `${base}?${new URLSearchParams({ ...(run ? { run: run.id } : {}), ...(limitId ? { limit: limitId } : {}) })}#limits`;
  const file = `${portfolio.name.replace(/[^A-Za-z0-9]+/g, '-').toLowerCase()}-${run?.asOf ?? ''}`;

  return (
    <div className="stack">
      <div className="grid-2">
        {canWrite ? (
          <section className="card">
            <div className="card__header">
              <h2>Run a simulation</h2>
              <span className="card__subtitle">
                <Link href="/risk-model">
                  factor model v{page.riskFactorModel.version}
                  {page.riskFactorModel.isDefault ? ' (default)' : ''}
                </Link>{' '}
                · {page.riskFactorModel.sectors.length} sectors
              </span>
            </div>
            <div className="card__body">
              <RunSimulationForm portfolioId={portfolio.id} scenarios={page.stressScenarios.map((s) => ({ id: s.id, name: s.name }))} />
            </div>
          </section>
        ) : null}
        <section className="card">
          <div className="card__header">
            <h2>Simulations</h2>
            <span className="card__subtitle">newest first</span>
          </div>
          <div className="card__body card__body--flush">
            {portfolio.riskSimulations.length === 0 ? (
              <EmptyState title="No simulation yet">
                {canWrite ? <p>Run one to see EL, VaR, ES, capital and stress figures.</p> : null}
              </EmptyState>
            ) : (
              <table className="table" data-testid="simulation-list">
                <thead>
                  <tr>
                    <th>As of</th>
                    <th>Scenario</th>
                    <th>Status</th>
                    <th className="num">Exposures</th>
                    <th>Requested</th>
                  </tr>
                </thead>
                <tbody>
                  {portfolio.riskSimulations.map((s) => (
                    <tr key={s.id} aria-current={s.id === run?.id ? 'true' : undefined}>
                      <td>
                        <Link href={`${base}?run=${s.id}`}>{formatDate(s.asOf)}</Link>
                      </td>
                      <td>{s.scenario?.name ?? 'Base only'}</td>
                      <td>
                        <span className={STATUS_BADGE[s.status] ?? 'badge'}>{s.status.toLowerCase()}</span>
                      </td>
                      <td className="num">{formatInteger(s.exposureCount)}</td>
                      <td>{formatDateTime(s.createdAt)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </div>
        </section>
      </div>

      {run ? (
        <section className="stack" aria-label="Selected simulation" data-testid="selected-simulation" data-status={run.status}>
          <p className="lineage" data-testid="lineage">
            <strong>Run of {formatDate(run.asOf)}</strong> · PDs:{' '}
            {run.pdSource.kind === 'REQUEST'
              ? [
                  run.pdSource.flat === null || run.pdSource.flat === undefined ? null : `flat ${formatPd(run.pdSource.flat)}`,
                  ...run.pdSource.bySegment.map((e) => `${e.key.toLowerCase()} ${formatPd(e.value)}`),
                  ...run.pdSource.bySector.map((e) => `${e.key} ${formatPd(e.value)}`),
                  run.pdSource.byExposureCount ? `${run.pdSource.byExposureCount} per exposure` : null,
                ]
                  .filter(Boolean)
                  .join(', ') + ' (supplied with the request; no scoring run yet)'
              : 'latest scoring run'}{' '}
            · factor model v{run.factorModelVersion} ·{' '}
            {run.scenario ? `scenario "${run.scenario.name}" v${run.scenario.version}` : 'no scenario'} · seed {run.parameters.seed} ·
            target {formatPercent(run.parameters.targetRelativeError, 2)} · {formatInteger(run.exposureCount)} exposures
            {run.excludedCount > 0 ? `, ${formatInteger(run.excludedCount)} excluded` : ''}
          </p>
          {run.excludedCount > 0 ? (
            <details className="card">
              <summary className="card__body">Excluded exposures ({formatInteger(run.excludedCount)})</summary>
              <ul className="notes">
                {run.excluded.map((e) => (
                  <li key={e.externalId}>
                    <span className="mono">{e.externalId}</span>: {e.reason}
                  </li>
                ))}
                {run.excludedCount > run.excluded.length ? (
                  <li>… and {formatInteger(run.excludedCount - run.excluded.length)} more</li>
                ) : null}
              </ul>
            </details>
          ) : null}
          {run.status === 'FAILED' ? (
            <div className="alert alert--error" role="alert">
              The simulation failed: {run.error}
            </div>
          ) : null}
          {run.status === 'QUEUED' || run.status === 'RUNNING' ? <SimulationProgress status={run.status} progress={run.progress} /> : null}
          {run.status === 'COMPLETED' && run.result ? (
            <ResultViews result={run.result} currency={portfolio.baseCurrency} file={file} />
          ) : null}
        </section>
      ) : null}

      <section className="card" id="scenarios" data-testid="scenarios">
        <div className="card__header">
          <h2>Stress scenarios</h2>
          <span className="card__subtitle">stored per organization; every change is audited</span>
        </div>
        <div className="card__body">
          <ul className="chip-list">
            {page.stressScenarios.map((s) => (
              <li key={s.id}>
                <Link
                  className={`chip ${s.id === scenario?.id ? 'chip--active' : ''}`}
                  href={`${base}?${run ? `run=${run.id}&` : ''}scenario=${s.id}#scenarios`}
                >
                  {s.name} <span className="muted">v{s.version}</span>
                </Link>
              </li>
            ))}
            {canWrite ? (
              <li>
                <Link className="chip" href={`${base}${run ? `?run=${run.id}` : ''}#scenarios`}>
                  + New scenario
                </Link>
              </li>
            ) : null}
          </ul>
          {canWrite && scenario ? (
            <div className="toolbar" data-testid="scenario-delete">
              <span>
                Editing <strong>{scenario.name}</strong> v{scenario.version}
              </span>
              <DeleteButton
                label={`Delete scenario ${scenario.name}`}
                question={`Delete "${scenario.name}"? Past simulations keep their figures.`}
                action={deleteScenarioAction.bind(null, {
                  portfolioId: portfolio.id,
                  scenarioId: scenario.id,
                  runId: run?.id ?? null,
                  version: scenario.version,
                })}
              />
            </div>
          ) : null}
          {canWrite && scenario && stale && Number(stale) !== scenario.version ? (
            <div className="alert alert--error" role="alert" data-testid="scenario-stale">
              Someone saved this scenario after you opened version {stale}; it is now at version {scenario.version}.{' '}
              {refused === 'delete'
                ? 'Nothing was deleted: the editor shows the stored scenario; delete it again if you still mean to.'
                : 'Nothing was saved: the editor shows the stored scenario; apply your change again.'}
            </div>
          ) : null}
          {canWrite ? <ScenarioEditor portfolioId={portfolio.id} sectors={page.riskFactorModel.sectors} scenario={scenario} /> : null}
          {scenario && scenario.history.length > 0 ? (
            <div data-testid="scenario-history">
              <h3 className="form-section">History</h3>
              <ul className="notes">
                {scenario.history.map((entry) => (
                  <li key={entry.id}>
                    {formatDateTime(entry.createdAt)} · {entry.action.replace('stressScenario.', '')} by {entry.actor.name}
                  </li>
                ))}
              </ul>
            </div>
          ) : null}
        </div>
      </section>

      <section className="card" data-testid="limits" id="limits">
        <div className="card__header">
          <h2>Limits</h2>
          <span className="card__subtitle">checked by every simulation</span>
        </div>
        <div className="card__body">
          {page.riskLimits.length === 0 ? (
            <p className="muted">No limits set.</p>
          ) : (
            <table className="table">
              <thead>
                <tr>
                  <th>Kind</th>
                  <th>Key</th>
                  <th className="num">Max share</th>
                  <th className="num">Max EAD</th>
                  {canWrite ? (
                    <th>
                      <span className="visually-hidden">Actions</span>
                    </th>
                  ) : null}
                </tr>
              </thead>
              <tbody>
                {page.riskLimits.map((l) => (
                  <tr key={l.id}>
                    <td>{limitKindLabel(l.kind)}</td>
                    <td>{l.key}</td>
                    <td className="num">{l.maxShare === null || l.maxShare === undefined ? '–' : formatPercent(l.maxShare, 2)}</td>
                    <td className="num">{l.maxEad ?? '–'}</td>
                    {canWrite ? (
                      <td>
                        <div className="row-actions">
                          <Link className="btn btn--ghost btn--small" href={limitsHref(l.id)} aria-label={`Edit limit ${l.key}`}>
                            Edit
                          </Link>
                          <DeleteButton
                            label={`Delete limit ${l.key}`}
                            question="Delete this limit? Later simulations stop checking it."
                            action={deleteLimitAction.bind(null, { portfolioId: portfolio.id, limitId: l.id, version: l.version })}
                          />
                        </div>
                      </td>
                    ) : null}
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {canWrite ? <LimitForm portfolioId={portfolio.id} limit={editedLimit} cancelHref={limitsHref()} /> : null}
        </div>
      </section>
    </div>
  );
}
