// The watchlist: obligors whose PD reached the organization's threshold since the previous run, or whose
// grade fell by the grade drop or more, highest PD first, each linking to its obligor page. ?page=N,
// ?portfolio=<id> for one portfolio's.
import type { Metadata } from 'next';
import Link from 'next/link';
import { query, viewer } from '../../../api/load.ts';
import { WATCHLIST } from '../../../api/documents/monitoring.ts';
import { PageHeader } from '../../../components/ui/page-header.tsx';
import { Pager } from '../../../components/ui/pager.tsx';
import { EmptyState } from '../../../components/ui/states.tsx';
import { formatPd } from '../../../lib/risk-format.ts';
import { WatchlistSettingsForm } from './settings-form.tsx';

export const metadata: Metadata = { title: 'Watchlist' };

const PAGE_SIZE = 50;
const REASON: Record<string, string> = { PD_THRESHOLD: 'PD over threshold', GRADE_DROP: 'Grade drop' };

export default async function WatchlistPage({ searchParams }: { searchParams: Promise<{ page?: string; portfolio?: string }> }) {
  const params = await searchParams;
  const pageNo = Math.max(1, Math.floor(Number(params.page ?? '1')) || 1);
  const portfolioId = params.portfolio ?? null;
  const [{ watchlist }, me] = await Promise.all([
    query(WATCHLIST, { portfolioId, first: PAGE_SIZE, offset: (pageNo - 1) * PAGE_SIZE }),
    viewer(),
  ]);
  const canEdit = me.permissions.includes('scoring:manage');
  const pageHref = (n: number) => `/watchlist?page=${n}${portfolioId ? `&portfolio=${encodeURIComponent(portfolioId)}` : ''}`;
  return (
    <>
      <PageHeader
        crumbs={[{ label: 'Watchlist' }]}
        title="Watchlist"
        description={`Obligors whose PD reached ${formatPd(watchlist.pdThreshold)} since the previous run, or whose grade fell ${watchlist.gradeDrop} grades or more (latest succeeded run of each portfolio).`}
      />
      <div className="stack">
        {canEdit ? (
          <section className="card">
            <div className="card__header">
              <h2>When an obligor goes on the list</h2>
            </div>
            <div className="card__body">
              <WatchlistSettingsForm
                threshold={watchlist.pdThreshold}
                gradeDrop={watchlist.gradeDrop}
                version={watchlist.settingsVersion}
              />
            </div>
          </section>
        ) : null}
        <section className="card" data-testid="watchlist">
          {watchlist.entries.length === 0 ? (
            <EmptyState title="Nobody on the watchlist">
              <p>No obligor crossed the threshold or fell the grade drop in the latest scoring runs.</p>
            </EmptyState>
          ) : (
            <>
              <div className="table-wrap">
                <table className="table">
                  <thead>
                    <tr>
                      <th>Obligor</th>
                      <th>Portfolio</th>
                      <th className="num">PD</th>
                      <th className="num">Previous PD</th>
                      <th>Grade</th>
                      <th className="num">Grades down</th>
                      <th>Why</th>
                    </tr>
                  </thead>
                  <tbody>
                    {watchlist.entries.map((e) => (
                      <tr key={`${e.portfolioId}-${e.obligorId}`} data-testid="watchlist-row">
                        <td>
                          <Link href={`/obligors/${e.obligorId}`}>{e.obligorName}</Link>
                          <div className="muted">{e.obligorExternalId}</div>
                        </td>
                        <td>
                          <Link href={`/portfolios/${e.portfolioId}/runs/${e.runId}`}>{e.portfolioName}</Link>
                        </td>
                        <td className="num" data-testid="watchlist-pd">
                          {formatPd(e.pd)}
                        </td>
                        <td className="num">{e.previousPd === null ? '—' : formatPd(e.previousPd)}</td>
                        <td>
                          {e.previousGrade && e.previousGrade !== e.grade ? `${e.previousGrade} → ` : ''}
                          {e.grade ?? '—'}
                        </td>
                        <td className="num">{e.gradesDown ?? '—'}</td>
                        <td>
                          {e.reasons.map((r) => (
                            <span key={r} className={`badge ${r === 'GRADE_DROP' ? 'badge--danger' : 'badge--warning'}`} data-reason={r}>
                              {REASON[r] ?? r}
                            </span>
                          ))}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              <Pager
                totalCount={watchlist.totalCount}
                shown={watchlist.entries.length}
                noun="obligors"
                previousHref={pageNo > 1 ? pageHref(pageNo - 1) : null}
                nextHref={pageNo * PAGE_SIZE < watchlist.totalCount ? pageHref(pageNo + 1) : null}
              />
            </>
          )}
        </section>
      </div>
    </>
  );
}
