// A portfolio's scoring runs, newest first: status, progress while a run is queued or running (the
// page re-renders every two seconds until none is), counts, timings, backend and the PSI light.
import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { query, viewer } from '../../../../../api/load.ts';
import { SCORING_RUNS } from '../../../../../api/documents/monitoring.ts';
import { AutoRefresh } from '../../../../../components/ui/auto-refresh.tsx';
import { EmptyState } from '../../../../../components/ui/states.tsx';
import { LightBadge, RunStatusBadge } from '../../../../../components/monitoring/light-badge.tsx';
import { formatDate, formatDateTime, formatInteger } from '../../../../../lib/format.ts';
import { formatDuration, formatMs, runProgress } from '../../../../../lib/run-format.ts';
import { RescoreButton } from './rescore-button.tsx';

type Props = { params: Promise<{ portfolioId: string }> };

export const metadata: Metadata = { title: 'Scoring runs' };

export default async function RunsPage({ params }: Props) {
  const { portfolioId } = await params;
  const [{ portfolio }, me] = await Promise.all([query(SCORING_RUNS, { id: portfolioId }), viewer()]);
  if (!portfolio) notFound();
  const runs = portfolio.scoringRuns;
  const active = runs.some((r) => r.status === 'QUEUED' || r.status === 'RUNNING');
  const base = `/portfolios/${portfolio.id}/runs`;
  return (
    <section className="card" data-testid="scoring-runs">
      <AutoRefresh active={active} seconds={2} />
      <div className="card__header">
        <h2>Scoring runs</h2>
        <span className="card__subtitle">
          {portfolio.scoringModel
            ? `schedule ${portfolio.scoringModel.cron} (${portfolio.scoringModel.timeZone})${active ? ' · updating live' : ''}`
            : 'no model linked'}
        </span>
        {portfolio.scoringModel && me.permissions.includes('scoring:manage') ? <RescoreButton portfolioId={portfolio.id} /> : null}
      </div>
      {runs.length === 0 ? (
        <EmptyState title="No scoring run yet">
          <p>Runs appear here once a model is linked to this portfolio and its schedule (or a re-score) starts one.</p>
        </EmptyState>
      ) : (
        <div className="table-wrap">
          <table className="table">
            <thead>
              <tr>
                <th>Started</th>
                <th>Status</th>
                <th>Trigger</th>
                <th>Data as of</th>
                <th>Progress</th>
                <th className="num">Exposures</th>
                <th className="num">Scored</th>
                <th className="num">Skipped</th>
                <th className="num">Duration</th>
                <th className="num">Read / score / write</th>
                <th>Backend</th>
                <th>PSI</th>
              </tr>
            </thead>
            <tbody>
              {runs.map((run) => (
                <tr key={run.id} data-testid="run-row" data-run-id={run.id}>
                  <td>
                    <Link href={`${base}/${run.id}`}>{formatDateTime(run.startedAt ?? run.createdAt)}</Link>
                  </td>
                  <td>
                    <RunStatusBadge status={run.status} />
                    {run.error ? <div className="muted">{run.error}</div> : null}
                  </td>
                  <td>{run.trigger}</td>
                  <td>{formatDate(run.asOf)}</td>
                  <td>
                    <div
                      className="meter"
                      role="progressbar"
                      aria-label="Batches done"
                      aria-valuemin={0}
                      aria-valuemax={100}
                      aria-valuenow={Math.round(runProgress(run) * 100)}
                    >
                      <div className="meter__fill" style={{ width: `${runProgress(run) * 100}%` }} />
                    </div>
                    <span className="muted">
                      {formatInteger(run.batchesDone)} / {formatInteger(run.batchCount)} batches
                    </span>
                  </td>
                  <td className="num">{formatInteger(run.exposureCount)}</td>
                  <td className="num" data-testid="run-scored">
                    {formatInteger(run.scoredCount)}
                  </td>
                  <td className="num">{formatInteger(run.skippedCount)}</td>
                  <td className="num">{formatDuration(run.startedAt, run.finishedAt)}</td>
                  <td className="num">
                    {formatMs(run.readMs)} / {formatMs(run.scoreMs)} / {formatMs(run.writeMs)}
                  </td>
                  <td>{run.backend ?? '—'}</td>
                  <td>{run.monitoring?.psi ? <LightBadge light={run.monitoring.psi.light} value={run.monitoring.psi.value} /> : '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
