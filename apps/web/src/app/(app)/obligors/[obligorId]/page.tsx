import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { query, viewer } from '../../../../api/load.ts';
import { OBLIGOR } from '../../../../api/documents/obligors.ts';
import { PageHeader } from '../../../../components/ui/page-header.tsx';
import { KpiCard } from '../../../../components/ui/kpi-card.tsx';
import { EmptyState } from '../../../../components/ui/states.tsx';
import { SegmentBadge, StatusBadge } from '../../../../components/ui/badges.tsx';
import { Pager } from '../../../../components/ui/pager.tsx';
import { formatCompact, formatDate, formatInteger, formatMoney, formatPercent } from '../../../../lib/format.ts';
import { cursorPage, type SearchParams } from '../../../../lib/cursor-page.ts';
import { ScoringSection } from './scoring-section.tsx';

export const metadata: Metadata = { title: 'Obligor' };

const PAGE_SIZE = 25;

type Props = { params: Promise<{ obligorId: string }>; searchParams: Promise<SearchParams> };

export default async function ObligorPage({ params, searchParams }: Props) {
  const { obligorId } = await params;
  const page = cursorPage(await searchParams, PAGE_SIZE);
  const [me, { obligor }] = await Promise.all([viewer(), query(OBLIGOR, { id: obligorId, ...page.variables })]);
  if (!obligor) notFound();
  const canEdit = me.permissions.includes('exposure:write');
  const base = `/obligors/${obligor.id}`;
  const { nodes: exposures, totalCount, pageInfo } = obligor.exposures;
  // Figures over all the obligor's exposures come from the API, not from the page shown.
  const { currencies, maxDaysPastDue: worstDpd } = obligor;
  const singleCurrency = currencies.length === 1 ? currencies[0] : undefined;
  const totalLimit = Number(obligor.totalLimit);
  const firstPortfolio = exposures[0]?.portfolio;

  return (
    <>
      <PageHeader
        crumbs={[
          { label: 'Portfolios', href: '/portfolios' },
          ...(firstPortfolio ? [{ label: firstPortfolio.name, href: `/portfolios/${firstPortfolio.id}/exposures` }] : []),
          { label: obligor.name },
        ]}
        eyebrow={<span className="mono">{obligor.externalId}</span>}
        title={obligor.name}
        actions={<SegmentBadge segment={obligor.segment} />}
      />
      <div className="stack">
        <section className="kpi-grid" aria-label="Obligor figures">
          <KpiCard
            label="Total EAD"
            unit={singleCurrency}
            value={formatCompact(Number(obligor.totalEad))}
            exact={singleCurrency ? formatMoney(obligor.totalEad, singleCurrency) : formatInteger(obligor.totalEad)}
            detail={singleCurrency ? 'across all facilities' : `mixed currencies: ${currencies.join(', ')}`}
            testId="obligor-total-ead"
          />
          <KpiCard
            label="Total limit"
            unit={singleCurrency}
            value={formatCompact(totalLimit)}
            exact={singleCurrency ? formatMoney(totalLimit, singleCurrency) : formatInteger(totalLimit)}
            detail={`${formatPercent(obligor.utilisation)} drawn`}
          />
          <KpiCard
            label="Exposures"
            testId="obligor-exposure-count"
            value={formatInteger(totalCount)}
            detail={`${formatInteger(obligor.portfolioCount)} portfolio(s)`}
          />
          <KpiCard
            label="Worst days past due"
            value={formatInteger(worstDpd)}
            detail={worstDpd >= 90 ? 'In default (90+ days)' : worstDpd > 0 ? 'In arrears' : 'Up to date'}
          />
        </section>
        <section className="card">
          <div className="card__header">
            <h2>Counterparty</h2>
          </div>
          <div className="card__body">
            <dl className="dl">
              <dt>Reference</dt>
              <dd className="mono">{obligor.externalId}</dd>
              <dt>Segment</dt>
              <dd>
                <SegmentBadge segment={obligor.segment} />
              </dd>
              <dt>Sector</dt>
              <dd>{obligor.sector ?? '—'}</dd>
              <dt>Country</dt>
              <dd>{obligor.country ?? '—'}</dd>
              <dt>In Probity since</dt>
              <dd>{formatDate(obligor.createdAt)}</dd>
            </dl>
          </div>
        </section>
        <ScoringSection obligorId={obligor.id} externalId={obligor.externalId} canSave={me.permissions.includes('scoring:manage')} />
        <section className="card">
          <div className="card__header">
            <h2>Exposures</h2>
            <span className="card__subtitle">largest first, across portfolios</span>
          </div>
          {exposures.length === 0 ? (
            <EmptyState title="No exposures to this obligor" />
          ) : (
            <>
              <div className="card__body card__body--flush table-wrap">
                <table className="table" data-testid="obligor-exposures">
                  <thead>
                    <tr>
                      <th scope="col">Facility</th>
                      <th scope="col">Portfolio</th>
                      <th scope="col" className="num">
                        EAD
                      </th>
                      <th scope="col" className="num">
                        Limit
                      </th>
                      <th scope="col" className="num">
                        Util.
                      </th>
                      <th scope="col" className="num">
                        LGD
                      </th>
                      <th scope="col" className="num">
                        DPD
                      </th>
                      <th scope="col">Status</th>
                      <th scope="col">Maturity</th>
                      <th scope="col">
                        <span className="visually-hidden">Actions</span>
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {exposures.map((exposure) => (
                      <tr key={exposure.id}>
                        <td>
                          <div className="cell-title mono">{exposure.externalId}</div>
                          <div className="cell-sub">{exposure.product}</div>
                        </td>
                        <td>
                          <Link href={`/portfolios/${exposure.portfolio.id}`}>{exposure.portfolio.name}</Link>
                        </td>
                        <td className="num">{formatMoney(exposure.ead, exposure.currency)}</td>
                        <td className="num">{formatMoney(exposure.limit, exposure.currency)}</td>
                        <td className="num">{formatPercent(exposure.utilisation)}</td>
                        <td className="num">{formatPercent(exposure.lgd, 0)}</td>
                        <td className="num">{formatInteger(exposure.daysPastDue)}</td>
                        <td>
                          <StatusBadge status={exposure.status} />
                        </td>
                        <td className="muted">{formatDate(exposure.maturityDate)}</td>
                        <td>
                          <Link className="btn btn--ghost btn--small" href={`/exposures/${exposure.id}`}>
                            {canEdit ? 'Edit' : 'View'}
                          </Link>
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              <Pager
                totalCount={totalCount}
                shown={exposures.length}
                noun={totalCount === 1 ? 'exposure' : 'exposures'}
                {...page.links(base, pageInfo)}
              />
            </>
          )}
        </section>
      </div>
    </>
  );
}
