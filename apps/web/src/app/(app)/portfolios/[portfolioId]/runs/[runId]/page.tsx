// One scoring run: counts, timings and backend (live while it runs), then its monitoring: PSI of the
// PDs and CSI per input against the model version's training population with traffic lights, and the
// grade migration against the previous run, each exportable (CSV, and PNG for the charts).
import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { query } from '../../../../../../api/load.ts';
import { SCORING_RUN_DETAIL } from '../../../../../../api/documents/monitoring.ts';
import { AutoRefresh } from '../../../../../../components/ui/auto-refresh.tsx';
import { KpiCard } from '../../../../../../components/ui/kpi-card.tsx';
import { EmptyState } from '../../../../../../components/ui/states.tsx';
import { LightBadge, RunStatusBadge } from '../../../../../../components/monitoring/light-badge.tsx';
import { ExportCard } from '../../../../../../components/risk/export-card.tsx';
import { ValueBarChart } from '../../../../../../components/risk/value-bar-chart.tsx';
import { BacktestCard } from '../../../../../../components/monitoring/backtest-card.tsx';
import { ChallengerCard } from '../../../../../../components/monitoring/challenger-card.tsx';
import { formatDate, formatDateTime, formatInteger } from '../../../../../../lib/format.ts';
import { formatDuration, formatMs, runProgress } from '../../../../../../lib/run-format.ts';

type Props = { params: Promise<{ portfolioId: string; runId: string }> };

export const metadata: Metadata = { title: 'Scoring run' };

const REFERENCE: Record<string, string> = {
  'training-population': "the model version's training population",
  'validation-report-stability': "the training PDs' deciles of the validation report (no input distributions stored: no CSI)",
  none: 'nothing: this version stores no training distribution',
};

const pct = (share: number) => Math.round(share * 10_000) / 100;

export default async function RunDetailPage({ params }: Props) {
  const { portfolioId, runId } = await params;
  const { scoringRun: run } = await query(SCORING_RUN_DETAIL, { id: runId });
  // A run of another portfolio is not this portfolio's run: its figures would show under this header.
  if (!run || run.portfolioId !== portfolioId) notFound();
  const active = run.status === 'QUEUED' || run.status === 'RUNNING';
  const m = run.monitoring;
  const base = `/portfolios/${portfolioId}/runs`;
  const file = `scoring-run-${run.asOf}-${run.id.slice(0, 8)}`;
  return (
    <div className="stack" data-testid="run-detail" data-status={run.status}>
      <AutoRefresh active={active || (run.status === 'SUCCEEDED' && !m)} seconds={2} />
      <p>
        <Link href={base}>← All runs</Link> · <RunStatusBadge status={run.status} /> · {run.trigger} run · data as of {formatDate(run.asOf)}{' '}
        · model version <Link href={`/model-versions/${run.modelVersionId}`}>{run.modelVersionId.slice(0, 8)}</Link>
        {run.error ? <span className="alert alert--error">{run.error}</span> : null}
      </p>
      <section className="kpi-grid" aria-label="Run figures">
        <KpiCard
          testId="kpi-run-scored"
          label="Scored"
          value={formatInteger(run.scoredCount)}
          detail={`of ${formatInteger(run.exposureCount)} exposures · ${formatInteger(run.skippedCount)} without features`}
          meter={runProgress(run)}
        />
        <KpiCard
          label="Batches"
          value={`${formatInteger(run.batchesDone)} / ${formatInteger(run.batchCount)}`}
          detail={`started ${formatDateTime(run.startedAt ?? run.createdAt)}`}
        />
        <KpiCard
          label="Duration"
          value={formatDuration(run.startedAt, run.finishedAt)}
          detail={`read ${formatMs(run.readMs)} · score ${formatMs(run.scoreMs)} · write ${formatMs(run.writeMs)}`}
        />
        <KpiCard
          label="Backend"
          value={run.backend ?? '—'}
          detail={run.finishedAt ? `finished ${formatDateTime(run.finishedAt)}` : 'not finished'}
        />
      </section>

      {!m ? (
        <div className="card">
          <EmptyState title={active ? 'Monitoring follows when the run finishes' : 'No monitoring for this run'}>
            <p>PSI, CSI and the grade migration are computed once the last batch is written.</p>
          </EmptyState>
        </div>
      ) : (
        <>
          <p className="muted" data-testid="monitoring-reference">
            Compared with {REFERENCE[m.reference] ?? m.reference}. Traffic lights: below 0.1 stable, 0.1 to 0.25 watch, 0.25 and above
            shifted.
          </p>
          <div className="grid-2">
            {m.psi ? (
              <ExportCard
                title="Population stability of the PDs"
                subtitle="share of exposures per training PD bin"
                filename={`${file}-psi`}
                testId="psi-card"
                actions={<LightBadge light={m.psi.light} value={m.psi.value} />}
                csv={{
                  headers: ['bin', 'training share', 'run share', 'contribution'],
                  rows: m.psi.bins.map((b) => [b.label, b.expectedShare, b.actualShare, b.contribution]),
                }}
              >
                <ValueBarChart
                  data={m.psi.bins.map((b) => ({ label: b.label, training: pct(b.expectedShare), run: pct(b.actualShare) }))}
                  series={[
                    { key: 'training', name: 'Training' },
                    { key: 'run', name: 'This run' },
                  ]}
                  unit="% of exposures"
                  ariaLabel="PD distribution of the run against the training population"
                />
              </ExportCard>
            ) : (
              <div className="card">
                <EmptyState title="No PSI">
                  <p>This model version stores no training PD distribution.</p>
                </EmptyState>
              </div>
            )}
            {m.csi ? (
              <ExportCard
                title="Characteristic stability (CSI)"
                subtitle="per input, largest first"
                filename={`${file}-csi`}
                testId="csi-card"
                csv={{ headers: ['feature', 'csi', 'light'], rows: m.csi.map((c) => [c.feature ?? '', c.value, c.light]) }}
              >
                <ValueBarChart
                  data={m.csi.slice(0, 20).map((c) => ({ label: c.feature ?? '', csi: c.value }))}
                  series={[{ key: 'csi', name: 'CSI' }]}
                  unit="CSI"
                  ariaLabel="CSI per input"
                />
                <table className="table" data-testid="csi-table">
                  <thead>
                    <tr>
                      <th>Input</th>
                      <th>CSI</th>
                    </tr>
                  </thead>
                  <tbody>
                    {m.csi.map((c) => (
                      <tr key={c.feature}>
                        <td>{c.feature}</td>
                        <td>
                          <LightBadge light={c.light} value={c.value} />
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </ExportCard>
            ) : (
              <div className="card">
                <EmptyState title="No CSI">
                  <p>This model version was trained before input distributions were stored; retrain it to monitor its inputs.</p>
                </EmptyState>
              </div>
            )}
          </div>
          {m.migration ? (
            <ExportCard
              title="Grade migration"
              subtitle={`previous run (rows) to this run (columns) · ${formatInteger(m.migration.upgrades)} up, ${formatInteger(m.migration.stable)} stable, ${formatInteger(m.migration.downgrades)} down (${formatInteger(m.migration.downgradesTwoPlus)} by two grades or more), ${formatInteger(m.migration.newExposures)} new`}
              filename={`${file}-migration`}
              testId="migration-card"
              png={false}
              csv={{
                headers: ['from \\ to', ...m.migration.grades],
                rows: m.migration.grades.map((g, i) => [g, ...m.migration!.counts[i]!]),
              }}
            >
              <div className="table-wrap">
                <table className="table migration-matrix" data-testid="migration-matrix">
                  <thead>
                    <tr>
                      <th>{m.previousRunId ? <Link href={`${base}/${m.previousRunId}`}>Previous run</Link> : 'Previous'} \ now</th>
                      {m.migration.grades.map((g) => (
                        <th key={g} className="num">
                          {g}
                        </th>
                      ))}
                    </tr>
                  </thead>
                  <tbody>
                    {m.migration.grades.map((g, i) => (
                      <tr key={g}>
                        <th scope="row">{g}</th>
                        {m.migration!.counts[i]!.map((c, j) => (
                          <td
                            key={j}
                            className={`num${i === j ? ' migration-matrix__stable' : j > i ? ' migration-matrix__down' : c ? ' migration-matrix__up' : ''}`}
                          >
                            {c ? formatInteger(c) : ''}
                          </td>
                        ))}
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </ExportCard>
          ) : (
            <div className="card">
              <EmptyState title="No migration">
                <p>This is the portfolio&apos;s first succeeded run: there is no previous run to compare grades with.</p>
              </EmptyState>
            </div>
          )}
        </>
      )}
      {run.backtest ? <BacktestCard backtest={run.backtest} filename={`${file}-backtest`} /> : null}
      {run.challenger && run.challengerVersionId ? (
        <ChallengerCard c={run.challenger} challengerVersionId={run.challengerVersionId} filename={`${file}-challenger`} />
      ) : null}
    </div>
  );
}
