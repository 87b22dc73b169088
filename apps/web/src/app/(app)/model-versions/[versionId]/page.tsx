import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { query, viewer } from '../../../../api/load.ts';
import { MODEL_VERSION } from '../../../../api/documents/models.ts';
import { PageHeader } from '../../../../components/ui/page-header.tsx';
import { ValidationCharts, type ChartData } from '../../../../components/charts/validation-charts.tsx';
import { formatDateTime } from '../../../../lib/format.ts';
import { GovernanceForm } from './governance-form.tsx';
import { MODEL_VERSION_BACKTESTS } from '../../../../api/documents/monitoring.ts';
import { VersionBacktests } from '../../../../components/monitoring/version-backtests.tsx';

export const metadata: Metadata = { title: 'Model version' };

interface Grade {
  grade: string;
  count: number;
  defaults: number;
  meanPd: number;
  observedRate: number;
  binomial: { pValue: number; reject: boolean };
  jeffreys: { pValue: number; reject: boolean };
}
interface Report {
  calibration?: {
    byGrade?: Grade[] | null;
    hosmerLemeshow?: { statistic: number; df: number; pValue: number } | null;
    masterScale?: { version: number | null };
  };
  stability?: { psi: number } | null;
  topFeatures?: { feature: string; informationValue: number }[];
  charts?: ChartData | null;
  description?: string;
}

const fmt = (x: number | null | undefined, digits = 3) => (x === null || x === undefined ? '—' : x.toFixed(digits));
const pct = (x: number) => `${(x * 100).toFixed(2)}%`;

export default async function ModelVersionPage({ params }: { params: Promise<{ versionId: string }> }) {
  const { versionId } = await params;
  const [{ modelVersion: v }, me, { modelVersion: tested }] = await Promise.all([
    query(MODEL_VERSION, { id: versionId }),
    viewer(),
    query(MODEL_VERSION_BACKTESTS, { id: versionId }),
  ]);
  if (!v) notFound();
  const report = (v.validationReport ?? {}) as Report;
  const grades = report.calibration?.byGrade ?? [];
  const m = v.metrics;
  const who: [string, string | null | undefined, string | null | undefined, string | null | undefined][] = [
    ['Trained', v.trainedBy.name, v.createdAt, null],
    ['Validated and submitted', v.submittedBy?.name, v.submittedAt, null],
    ['Approved', v.approvedBy?.name, v.approvedAt, v.approvalComment],
    ['Rejected', v.rejectedBy?.name, v.rejectedAt, v.rejectionComment],
    ['Promoted to champion', v.promotedBy?.name, v.promotedAt, null],
    ['Retired', null, v.retiredAt, null],
  ];
  return (
    <>
      <PageHeader
        title={`${v.model.name} v${v.version}`}
        crumbs={[{ label: 'Models', href: '/models' }, { label: v.model.name, href: `/models/${v.model.id}` }, { label: `v${v.version}` }]}
        description={report.description}
      />
      <div className="stack">
        <section className="card">
          <div className="card__header">
            <h2>
              Status: <span data-testid="version-status">{v.status}</span>
            </h2>
            <span className="card__subtitle">
              {v.kind} on <Link href={`/datasets/${v.dataset.id}`}>{v.dataset.name}</Link>, target {v.target}; trained with{' '}
              {v.backend ?? '—'} on {v.machine ?? '—'} in {v.trainingMs ? `${(v.trainingMs / 1000).toFixed(1)} s` : '—'}
            </span>
          </div>
          <div className="card__body">
            <table className="table">
              <tbody>
                {who
                  .filter(([, , at]) => at)
                  .map(([what, name, at, comment]) => (
                    <tr key={what}>
                      <th scope="row">{what}</th>
                      <td>{name ?? ''}</td>
                      <td>{formatDateTime(at)}</td>
                      <td>{comment ?? ''}</td>
                    </tr>
                  ))}
              </tbody>
            </table>
          </div>
        </section>
        {me.permissions.includes('model:govern') ? <GovernanceForm versionId={v.id} status={v.status} /> : null}
        <section className="card">
          <div className="card__header">
            <h2>Validation report</h2>
            <span className="card__subtitle">Test rows; master scale v{report.calibration?.masterScale?.version ?? '—'}</span>
          </div>
          <div className="card__body stack">
            <table className="table" data-testid="version-metrics">
              <tbody>
                <tr>
                  <th scope="row">Test AUC (95% CI)</th>
                  <td>
                    {fmt(m.testAuc)} ({fmt(m.testAucLower)}–{fmt(m.testAucUpper)})
                  </td>
                  <th scope="row">Gini</th>
                  <td>{fmt(m.gini)}</td>
                  <th scope="row">KS</th>
                  <td>{fmt(m.ks)}</td>
                </tr>
                <tr>
                  <th scope="row">Brier</th>
                  <td>{fmt(m.brier, 4)}</td>
                  <th scope="row">Log loss</th>
                  <td>{fmt(m.logLoss, 4)}</td>
                  <th scope="row">PSI test vs train</th>
                  <td>{fmt(m.psi, 4)}</td>
                </tr>
                <tr>
                  <th scope="row">Hosmer-Lemeshow</th>
                  <td>
                    {report.calibration?.hosmerLemeshow
                      ? `χ² ${fmt(report.calibration.hosmerLemeshow.statistic, 2)} (df ${report.calibration.hosmerLemeshow.df}), p ${fmt(report.calibration.hosmerLemeshow.pValue, 3)}`
                      : '—'}
                  </td>
                  <th scope="row">Validation AUC</th>
                  <td>{fmt(m.validationAuc)}</td>
                  <th scope="row">Model file</th>
                  <td>
                    <code>{v.modelFileSha256.slice(0, 12)}…</code>
                  </td>
                </tr>
              </tbody>
            </table>
            <ValidationCharts charts={report.charts ?? null} grades={grades} />
            <h3>Calibration by grade</h3>
            <table className="table" data-testid="calibration-by-grade">
              <thead>
                <tr>
                  <th scope="col">Grade</th>
                  <th scope="col">Rows</th>
                  <th scope="col">Defaults</th>
                  <th scope="col">Mean PD</th>
                  <th scope="col">Observed</th>
                  <th scope="col">Binomial p</th>
                  <th scope="col">Jeffreys p</th>
                </tr>
              </thead>
              <tbody>
                {grades.map((g) => (
                  <tr key={g.grade}>
                    <td>{g.grade}</td>
                    <td>{g.count}</td>
                    <td>{g.defaults}</td>
                    <td>{pct(g.meanPd)}</td>
                    <td>{pct(g.observedRate)}</td>
                    <td className={g.binomial.reject ? 'text-danger' : undefined}>{fmt(g.binomial.pValue, 3)}</td>
                    <td className={g.jeffreys.reject ? 'text-danger' : undefined}>{fmt(g.jeffreys.pValue, 3)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <h3>Top features (information value)</h3>
            <ol>
              {(report.topFeatures ?? []).map((f) => (
                <li key={f.feature}>
                  {f.feature}: {f.informationValue.toFixed(3)}
                </li>
              ))}
            </ol>
          </div>
        </section>
      </div>
      <VersionBacktests backtests={tested?.backtests ?? []} versionId={v.id} />
    </>
  );
}
