// The organization's risk factor model: the version in force (or one picked from the history with
// ?version=n), its sector correlations and per-sector loadings, who saved it and when. Risk officers
// and admins edit it here; every save is a new version, and simulations record the one they used.
// ?stale=n: a save from version n was refused, another version having been saved since.
import type { Metadata } from 'next';
import Link from 'next/link';
import { query, viewer } from '../../../api/load.ts';
import { RISK_MODEL } from '../../../api/documents/risk-model.ts';
import { PageHeader } from '../../../components/ui/page-header.tsx';
import { formatDateTime } from '../../../lib/format.ts';
import { ModelEditor } from './model-editor.tsx';

export const metadata: Metadata = { title: 'Risk factor model' };

type Props = { searchParams: Promise<{ version?: string; saved?: string; stale?: string }> };

export default async function RiskModelPage({ searchParams }: Props) {
  const { version, saved, stale } = await searchParams;
  const [{ riskFactorModel: current, riskFactorModelVersions: versions }, me] = await Promise.all([query(RISK_MODEL), viewer()]);
  const picked = version === undefined ? undefined : versions.find((v) => String(v.version) === version);
  const model = picked ?? current;
  const isCurrent = model.version === current.version;
  // Only the version in force is edited, so a save never silently rolls back a newer one.
  const editable = me.permissions.includes('portfolio:write') && isCurrent;
  return (
    <>
      <PageHeader
        title="Risk factor model"
        description="One systematic factor per sector: how the sectors move together, and how strongly each obligor follows its sector (loading √R). Every portfolio simulation uses the version in force and records it."
      />
      <div className="stack">
        {saved ? (
          <div className="alert alert--success" role="status">
            Version {saved} saved. New simulations use it.
          </div>
        ) : null}
        {stale && editable && Number(stale) !== current.version ? (
          <div className="alert alert--error" role="alert" data-testid="risk-model-stale">
            Version {current.version} was saved
            {current.createdBy ? ` by ${current.createdBy.name}` : ''}
            {current.createdAt ? ` at ${formatDateTime(current.createdAt)}` : ''}, after you opened version {stale}. Nothing was saved: the
            editor now shows version {current.version}; apply your change again.
          </div>
        ) : null}
        <section className="card" data-testid="risk-model" data-version={model.version}>
          <div className="card__header">
            <h2>
              Version {model.version}
              {model.isDefault ? ' (default)' : ''}
              {isCurrent ? '' : ' (past version)'}
            </h2>
            <span className="card__subtitle" data-testid="risk-model-saved">
              {model.isDefault
                ? 'Built in: sector correlation 0.5, Basel IRB asset correlations; not saved yet'
                : `saved ${model.createdAt ? formatDateTime(model.createdAt) : ''} by ${model.createdBy?.name ?? 'an API key or a deleted user'}`}
            </span>
          </div>
          <div className="card__body">
            {model.note ? <p className="muted">{model.note}</p> : null}
            {isCurrent ? null : (
              <p>
                <Link href="/risk-model">Back to the version in force (v{current.version})</Link>
              </p>
            )}
            <ModelEditor key={model.version} model={model} editable={editable} />
          </div>
        </section>
        <section className="card" data-testid="risk-model-versions">
          <div className="card__header">
            <h2>Versions</h2>
            <span className="card__subtitle">newest first</span>
          </div>
          <div className="card__body card__body--flush">
            {versions.length === 0 ? (
              <p className="card__body muted">No version saved yet: simulations use the built-in default.</p>
            ) : (
              <table className="table">
                <thead>
                  <tr>
                    <th scope="col">Version</th>
                    <th scope="col">Saved</th>
                    <th scope="col">By</th>
                    <th scope="col">Note</th>
                  </tr>
                </thead>
                <tbody>
                  {versions.map((v) => (
                    <tr key={v.version} aria-current={v.version === model.version ? 'true' : undefined}>
                      <td>
                        <Link href={v.version === current.version ? '/risk-model' : `/risk-model?version=${v.version}`}>v{v.version}</Link>
                        {v.version === current.version ? <span className="badge badge--success"> in force</span> : null}
                      </td>
                      <td>{v.createdAt ? formatDateTime(v.createdAt) : '–'}</td>
                      <td>{v.createdBy?.name ?? '–'}</td>
                      <td className="muted">{v.note ?? ''}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </div>
        </section>
      </div>
    </>
  );
}
