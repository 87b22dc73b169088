import type { Metadata } from 'next';
import Link from 'next/link';
import { query, viewer } from '../../../api/load.ts';
import { DATASETS } from '../../../api/documents/models.ts';
import { PageHeader } from '../../../components/ui/page-header.tsx';
import { EmptyState } from '../../../components/ui/states.tsx';
import { formatDateTime, formatInteger, formatPercent } from '../../../lib/format.ts';
import { UploadDataset } from './upload-dataset.tsx';

export const metadata: Metadata = { title: 'Datasets' };

export default async function DatasetsPage() {
  const [{ datasets }, me] = await Promise.all([query(DATASETS, { first: 200 }), viewer()]);
  return (
    <>
      <PageHeader
        title="Datasets"
        description="Historical performance files for training PD models: immutable, addressed by their SHA-256."
      />
      <div className="stack">
        {me.permissions.includes('model:train') ? <UploadDataset /> : null}
        <section className="card">
          <div className="card__header">
            <h2>Stored datasets</h2>
            <span className="card__subtitle">{formatInteger(datasets.totalCount)} in total, newest first</span>
          </div>
          {datasets.nodes.length === 0 ? (
            <EmptyState title="No datasets yet">
              <p>Upload a CSV above.</p>
            </EmptyState>
          ) : (
            <div className="card__body card__body--flush table-wrap">
              <table className="table" data-testid="dataset-table">
                <thead>
                  <tr>
                    <th scope="col">Name</th>
                    <th scope="col">Rows</th>
                    <th scope="col">Columns</th>
                    <th scope="col">Target</th>
                    <th scope="col">Default rate</th>
                    <th scope="col">Size</th>
                    <th scope="col">Uploaded</th>
                  </tr>
                </thead>
                <tbody>
                  {datasets.nodes.map((d) => (
                    <tr key={d.id}>
                      <td className="cell-title">
                        <Link href={`/datasets/${d.id}`}>{d.name}</Link>
                        <div className="cell-sub">
                          <code>{d.sha256.slice(0, 12)}…</code>
                        </div>
                      </td>
                      <td>{formatInteger(d.rowCount)}</td>
                      <td>{formatInteger(d.columnCount)}</td>
                      <td>{d.targetColumn ?? '—'}</td>
                      <td>{d.defaultRate ? formatPercent(d.defaultRate, 2) : '—'}</td>
                      <td>{(d.byteSize / 1e6).toFixed(1)} MB</td>
                      <td>
                        {formatDateTime(d.createdAt)}
                        <div className="cell-sub">by {d.uploadedBy.name}</div>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </section>
      </div>
    </>
  );
}
