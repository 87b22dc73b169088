import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { query } from '../../../../api/load.ts';
import { DATASET } from '../../../../api/documents/models.ts';
import { PageHeader } from '../../../../components/ui/page-header.tsx';
import { formatDateTime, formatInteger, formatPercent } from '../../../../lib/format.ts';

export const metadata: Metadata = { title: 'Dataset' };

interface Issue {
  severity: string;
  code: string;
  message: string;
  column?: string;
}

export default async function DatasetPage({ params }: { params: Promise<{ datasetId: string }> }) {
  const { dataset } = await query(DATASET, { id: (await params).datasetId });
  if (!dataset) notFound();
  const issues = (dataset.validationReport as { issues?: Issue[] } | null)?.issues ?? [];
  return (
    <>
      <PageHeader
        title={dataset.name}
        crumbs={[{ label: 'Datasets', href: '/datasets' }, { label: dataset.name }]}
        description={dataset.description ?? undefined}
      />
      <div className="stack">
        <section className="card">
          <div className="card__header">
            <h2>Validation report</h2>
            <span className="card__subtitle">
              {formatInteger(dataset.rowCount)} rows · {formatInteger(dataset.columnCount)} columns · default rate{' '}
              {dataset.defaultRate ? formatPercent(dataset.defaultRate, 2) : '—'} · uploaded {formatDateTime(dataset.createdAt)} by{' '}
              {dataset.uploadedBy.name}
            </span>
          </div>
          <div className="card__body">
            <p>
              SHA-256 <code data-testid="dataset-sha">{dataset.sha256}</code> · {(dataset.byteSize / 1e6).toFixed(2)} MB, stored as{' '}
              {(dataset.storedSize / 1e6).toFixed(2)} MB
            </p>
            {issues.length === 0 ? (
              <p>No problems found.</p>
            ) : (
              <ul data-testid="dataset-issues">
                {issues.map((issue, i) => (
                  <li key={i}>
                    <strong>{issue.severity}</strong> {issue.column ? `[column ${issue.column}] ` : ''}
                    {issue.message}
                  </li>
                ))}
              </ul>
            )}
          </div>
        </section>
        <section className="card">
          <div className="card__header">
            <h2>Columns</h2>
          </div>
          <div className="card__body card__body--flush table-wrap">
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">Column</th>
                  <th scope="col">Type</th>
                  <th scope="col">Missing</th>
                </tr>
              </thead>
              <tbody>
                {dataset.columns.map((c) => (
                  <tr key={c.name}>
                    <td className="cell-title">{c.name}</td>
                    <td>{c.type}</td>
                    <td>{formatInteger(c.missing)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      </div>
    </>
  );
}
