import type { Metadata } from 'next';
import Link from 'next/link';
import { query, viewer } from '../../../api/load.ts';
import { MODELS } from '../../../api/documents/models.ts';
import { PageHeader } from '../../../components/ui/page-header.tsx';
import { EmptyState } from '../../../components/ui/states.tsx';
import { TrainForm } from './train-form.tsx';

export const metadata: Metadata = { title: 'Models' };

const fmt = (x: number | null | undefined, digits = 3) => (x === null || x === undefined ? '—' : x.toFixed(digits));

export default async function ModelsPage() {
  const [data, me] = await Promise.all([query(MODELS), viewer()]);
  return (
    <>
      <PageHeader
        title="Models"
        description="PD models, their versions and champions. Approval is four-eyes: never by whoever trained or submitted a version."
      />
      <div className="stack">
        <section className="card">
          <div className="card__body card__body--flush table-wrap">
            {data.models.nodes.length === 0 ? (
              <EmptyState title="No models yet">
                <p>Train one below from an uploaded dataset.</p>
              </EmptyState>
            ) : (
              <table className="table" data-testid="model-table">
                <thead>
                  <tr>
                    <th scope="col">Model</th>
                    <th scope="col">Segment</th>
                    <th scope="col">Champion</th>
                    <th scope="col">Test AUC</th>
                    <th scope="col">Versions</th>
                  </tr>
                </thead>
                <tbody>
                  {data.models.nodes.map((m) => (
                    <tr key={m.id}>
                      <td className="cell-title">
                        <Link href={`/models/${m.id}`}>{m.name}</Link>
                      </td>
                      <td>{m.segment ?? '—'}</td>
                      <td>{m.champion ? `v${m.champion.version} (${m.champion.kind})` : 'none yet'}</td>
                      <td>{fmt(m.champion?.metrics.testAuc)}</td>
                      <td>{m.versions.length}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </div>
        </section>
        {me.permissions.includes('model:train') && data.datasets.nodes.length > 0 ? (
          <TrainForm datasets={data.datasets.nodes} kinds={data.modelKinds} />
        ) : null}
      </div>
    </>
  );
}
