import type { Metadata } from 'next';
import { query, viewer } from '../../../api/load.ts';
import { MASTER_SCALE } from '../../../api/documents/models.ts';
import { PageHeader } from '../../../components/ui/page-header.tsx';
import { formatDateTime } from '../../../lib/format.ts';
import { ScaleForm } from './scale-form.tsx';

export const metadata: Metadata = { title: 'Master scale' };

const pct = (x: number) => `${Number((x * 100).toPrecision(6))}%`;

export default async function MasterScalePage() {
  const [{ masterScales }, me] = await Promise.all([query(MASTER_SCALE), viewer()]);
  const current = masterScales[0]!;
  return (
    <>
      <PageHeader
        title="Master scale"
        description={`PD bands mapped to grades; version ${current.version} is in force. Validation reports test calibration by these grades.`}
      />
      <div className="stack">
        <section className="card">
          <div className="card__body card__body--flush table-wrap">
            <table className="table" data-testid="scale-table" data-version={current.version}>
              <thead>
                <tr>
                  <th scope="col">Grade</th>
                  <th scope="col">PD from</th>
                  <th scope="col">PD up to</th>
                </tr>
              </thead>
              <tbody>
                {current.grades.map((g, i) => (
                  <tr key={g.grade}>
                    <td className="cell-title">{g.grade}</td>
                    <td>{i === 0 ? '0%' : pct(current.grades[i - 1]!.maxPd)}</td>
                    <td>{pct(g.maxPd)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
        {me.permissions.includes('model:govern') ? (
          <ScaleForm
            version={current.version}
            initial={current.grades.map((g) => `${g.grade} ${Number((g.maxPd * 100).toPrecision(6))}`).join('\n')}
          />
        ) : null}
        <section className="card">
          <div className="card__header">
            <h2>History</h2>
          </div>
          <div className="card__body">
            <ul>
              {masterScales.map((s) => (
                <li key={s.id}>
                  v{s.version}, {formatDateTime(s.createdAt)} {s.createdBy ? `by ${s.createdBy.name}` : '(default)'}
                  {s.comment ? `: ${s.comment}` : ''}
                </li>
              ))}
            </ul>
          </div>
        </section>
      </div>
    </>
  );
}
