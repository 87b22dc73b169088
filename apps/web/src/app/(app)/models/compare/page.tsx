import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { query } from '../../../../api/load.ts';
import { MODEL_VERSION } from '../../../../api/documents/models.ts';
import { PageHeader } from '../../../../components/ui/page-header.tsx';

export const metadata: Metadata = { title: 'Compare versions' };

const fmt = (x: number | null | undefined, digits = 3) => (x === null || x === undefined ? '—' : x.toFixed(digits));

export default async function ComparePage({ searchParams }: { searchParams: Promise<{ a?: string; b?: string }> }) {
  const { a, b } = await searchParams;
  if (!a || !b) notFound();
  const [left, right] = await Promise.all([query(MODEL_VERSION, { id: a }), query(MODEL_VERSION, { id: b })]);
  if (!left.modelVersion || !right.modelVersion) notFound();
  const versions = [left.modelVersion, right.modelVersion];
  const rows: [string, (v: (typeof versions)[number]) => string][] = [
    ['Status', (v) => v.status],
    ['Kind', (v) => v.kind],
    ['Dataset', (v) => v.dataset.name],
    ['Test AUC', (v) => fmt(v.metrics.testAuc)],
    ['AUC 95% CI', (v) => `${fmt(v.metrics.testAucLower)}–${fmt(v.metrics.testAucUpper)}`],
    ['Gini', (v) => fmt(v.metrics.gini)],
    ['KS', (v) => fmt(v.metrics.ks)],
    ['Brier', (v) => fmt(v.metrics.brier, 4)],
    ['Log loss', (v) => fmt(v.metrics.logLoss, 4)],
    ['PSI test vs train', (v) => fmt(v.metrics.psi, 4)],
    ['Hosmer-Lemeshow p', (v) => fmt(v.metrics.hosmerLemeshowPValue)],
    ['Backend', (v) => v.backend ?? '—'],
    ['Training time', (v) => (v.trainingMs ? `${(v.trainingMs / 1000).toFixed(1)} s` : '—')],
  ];
  return (
    <>
      <PageHeader title="Compare versions" crumbs={[{ label: 'Models', href: '/models' }, { label: 'Compare' }]} />
      <section className="card">
        <div className="card__body card__body--flush table-wrap">
          <table className="table" data-testid="compare-table">
            <thead>
              <tr>
                <th scope="col" />
                {versions.map((v) => (
                  <th scope="col" key={v.id}>
                    <Link href={`/model-versions/${v.id}`}>
                      {v.model.name} v{v.version}
                    </Link>
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map(([label, value]) => (
                <tr key={label}>
                  <th scope="row">{label}</th>
                  {versions.map((v) => (
                    <td key={v.id}>{value(v)}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </>
  );
}
