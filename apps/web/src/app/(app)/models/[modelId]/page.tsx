import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { query, viewer } from '../../../../api/load.ts';
import { MODEL } from '../../../../api/documents/models.ts';
import { PageHeader } from '../../../../components/ui/page-header.tsx';
import { AutoRefresh } from '../../../../components/ui/auto-refresh.tsx';
import { formatDateTime } from '../../../../lib/format.ts';
import { TrainForm } from '../train-form.tsx';
import { CancelButton } from './cancel-button.tsx';
import { ChallengerButton } from './challenger-button.tsx';

export const metadata: Metadata = { title: 'Model' };

const fmt = (x: number | null | undefined, digits = 3) => (x === null || x === undefined ? '—' : x.toFixed(digits));
const duration = (s: number | null | undefined) =>
  s === null || s === undefined ? '—' : s < 90 ? `${Math.round(s)} s` : `${(s / 60).toFixed(1)} min`;

export default async function ModelPage({ params }: { params: Promise<{ modelId: string }> }) {
  const [data, me] = await Promise.all([query(MODEL, { id: (await params).modelId }), viewer()]);
  const model = data.model;
  if (!model) notFound();
  const running = model.trainingJobs.some((j) => j.status === 'QUEUED' || j.status === 'RUNNING');
  const champion = model.versions.find((v) => v.status === 'CHAMPION');
  const challengerId = model.challenger?.id ?? null;
  const canDesignate = me.permissions.includes('scoring:manage');
  return (
    <>
      <AutoRefresh active={running} />
      <PageHeader
        title={model.name}
        crumbs={[{ label: 'Models', href: '/models' }, { label: model.name }]}
        description={model.description ?? undefined}
      />
      <div className="stack">
        <section className="card">
          <div className="card__header">
            <h2>Training</h2>
            <span className="card__subtitle">{running ? 'Live: refreshes every 2 s' : 'No job running'}</span>
          </div>
          <div className="card__body card__body--flush table-wrap">
            <table className="table" data-testid="training-jobs">
              <thead>
                <tr>
                  <th scope="col">Requested</th>
                  <th scope="col">Kind</th>
                  <th scope="col">Status</th>
                  <th scope="col">Progress</th>
                  <th scope="col">Elapsed / ETA</th>
                  <th scope="col">Version</th>
                  <th scope="col" />
                </tr>
              </thead>
              <tbody>
                {model.trainingJobs.map((j) => {
                  const p = j.progress;
                  const share = p?.step && p.steps ? p.step / p.steps : null;
                  return (
                    <tr key={j.id} data-status={j.status}>
                      <td>{formatDateTime(j.createdAt)}</td>
                      <td>{j.kind}</td>
                      <td>
                        {j.status}
                        {j.attempts > 1 ? <div className="cell-sub">attempt {j.attempts}</div> : null}
                        {j.error && j.status !== 'SUCCEEDED' ? <div className="cell-sub">{j.error.slice(0, 200)}</div> : null}
                      </td>
                      <td style={{ minWidth: 220 }}>
                        {p && (j.status === 'RUNNING' || j.status === 'QUEUED') ? (
                          <>
                            <div>{p.stage}</div>
                            {share !== null ? <progress max={1} value={share} style={{ width: '100%' }} /> : null}
                            <div className="cell-sub">
                              {p.unit && p.step ? `${p.unit} ${p.step}${p.steps ? ` of ${p.steps}` : ''}` : ''}
                              {p.loss !== null && p.loss !== undefined ? ` · loss ${p.loss.toFixed(4)}` : ''}
                              {p.validationAuc !== null && p.validationAuc !== undefined ? ` · val AUC ${p.validationAuc.toFixed(3)}` : ''}
                            </div>
                          </>
                        ) : (
                          '—'
                        )}
                      </td>
                      <td>
                        {duration(p?.elapsedSeconds)} / {duration(p?.etaSeconds)}
                      </td>
                      <td>{j.version ? <Link href={`/model-versions/${j.version.id}`}>v{j.version.version}</Link> : '—'}</td>
                      <td>
                        {(j.status === 'RUNNING' || j.status === 'QUEUED') && me.permissions.includes('model:train') ? (
                          <CancelButton jobId={j.id} modelId={model.id} />
                        ) : null}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        </section>
        <section className="card">
          <div className="card__header">
            <h2>Versions</h2>
            <span className="card__subtitle">
              Compare a version with the champion in one click; an approved version can score in shadow as the challenger.
            </span>
          </div>
          <div className="card__body card__body--flush table-wrap">
            <table className="table" data-testid="version-table">
              <thead>
                <tr>
                  <th scope="col">Version</th>
                  <th scope="col">Status</th>
                  <th scope="col">Kind</th>
                  <th scope="col">Test AUC (95% CI)</th>
                  <th scope="col">Gini</th>
                  <th scope="col">KS</th>
                  <th scope="col">Brier</th>
                  <th scope="col">Trained</th>
                  <th scope="col">Approved by</th>
                  <th scope="col" />
                </tr>
              </thead>
              <tbody>
                {model.versions.map((v) => (
                  <tr key={v.id} data-status={v.status} data-testid="version-row">
                    <td className="cell-title">
                      <Link href={`/model-versions/${v.id}`}>v{v.version}</Link>
                    </td>
                    <td>
                      {v.status}
                      {v.id === challengerId ? (
                        <div className="cell-sub" data-testid="challenger-badge">
                          Challenger: scores in shadow
                        </div>
                      ) : null}
                    </td>
                    <td>
                      {v.kind}
                      <div className="cell-sub">
                        {v.backend ?? ''} {v.machine ? `on ${v.machine}` : ''}
                      </div>
                    </td>
                    <td>
                      {fmt(v.metrics.testAuc)} ({fmt(v.metrics.testAucLower)}–{fmt(v.metrics.testAucUpper)})
                    </td>
                    <td>{fmt(v.metrics.gini)}</td>
                    <td>{fmt(v.metrics.ks)}</td>
                    <td>{fmt(v.metrics.brier, 4)}</td>
                    <td>
                      {formatDateTime(v.createdAt)}
                      <div className="cell-sub">
                        by {v.trainedBy.name} on {v.dataset.name}
                      </div>
                    </td>
                    <td>{v.approvedBy?.name ?? '—'}</td>
                    <td>
                      {champion && champion.id !== v.id ? (
                        <Link href={`/models/compare?a=${champion.id}&b=${v.id}`}>Compare with champion</Link>
                      ) : null}
                      {canDesignate && (v.status === 'APPROVED' || v.id === challengerId) ? (
                        <div>
                          <ChallengerButton modelId={model.id} versionId={v.id} isChallenger={v.id === challengerId} />
                        </div>
                      ) : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
        {me.permissions.includes('model:train') ? (
          <TrainForm modelId={model.id} datasets={data.datasets.nodes} kinds={data.modelKinds} />
        ) : null}
      </div>
    </>
  );
}
