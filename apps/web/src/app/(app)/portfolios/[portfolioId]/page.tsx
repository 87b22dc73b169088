import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { query, viewer } from '../../../../api/load.ts';
import { portfolioHeader } from '../../../../api/portfolio-header.ts';
import { PD_TREND_RUNS, PORTFOLIO_OVERVIEW, TREND_DAYS } from '../../../../api/documents/portfolios.ts';
import { KpiCard } from '../../../../components/ui/kpi-card.tsx';
import { EmptyState } from '../../../../components/ui/states.tsx';
import { BreakdownBarChart } from '../../../../components/charts/breakdown-bar-chart.tsx';
import { SnapshotTrendChart } from '../../../../components/charts/snapshot-trend-chart.tsx';
import { PdOverview } from '../../../../components/scoring/pd-overview.tsx';
import { formatCompact, formatInteger, formatMoney, formatPercent, humanise } from '../../../../lib/format.ts';
import { breakdownData, topObligorData, trendData } from '../../../../lib/chart-data.ts';
import { UploadFeatures } from './upload-features.tsx';

type Params = { params: Promise<{ portfolioId: string }> };

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const portfolio = await portfolioHeader((await params).portfolioId);
  return { title: portfolio?.name ?? 'Portfolio' };
}

export default async function PortfolioOverviewPage({ params }: Params) {
  const { portfolioId } = await params;
  const [{ portfolio }, me] = await Promise.all([
    query(PORTFOLIO_OVERVIEW, { id: portfolioId, trendDays: TREND_DAYS, pdRuns: PD_TREND_RUNS }),
    viewer(),
  ]);
  if (!portfolio) notFound();
  const upload = me.permissions.includes('features:write') ? <UploadFeatures portfolioId={portfolioId} /> : null;
  const { summary, baseCurrency: currency } = portfolio;

  if (summary.exposureCount === 0) {
    return (
      <div className="card">
        <EmptyState title="No exposures in this portfolio yet">
          <p>Load exposures through the GraphQL API; figures and charts appear here as soon as there is data.</p>
        </EmptyState>
      </div>
    );
  }

  const totalEad = Number(summary.totalEad);
  const totalLimit = Number(summary.totalLimit);
  return (
    <div className="stack">
      <section className="kpi-grid" aria-label="Key figures">
        <KpiCard
          testId="kpi-exposures"
          label="Exposures"
          value={formatInteger(summary.exposureCount)}
          detail={`${formatInteger(summary.obligorCount)} obligors`}
        />
        <KpiCard
          testId="kpi-total-ead"
          label="Total EAD"
          unit={currency}
          value={formatCompact(totalEad)}
          exact={formatMoney(totalEad, currency)}
          detail={`${formatMoney(summary.totalLossGivenDefault, currency, { compact: true })} loss given default`}
        />
        <KpiCard
          testId="kpi-total-limit"
          label="Total limit"
          unit={currency}
          value={formatCompact(totalLimit)}
          exact={formatMoney(totalLimit, currency)}
          detail={`${formatMoney(Math.max(0, totalLimit - totalEad), currency, { compact: true })} undrawn`}
        />
        <KpiCard
          testId="kpi-utilisation"
          label="Utilisation"
          value={formatPercent(summary.utilisation)}
          meter={summary.utilisation === null ? null : Number(summary.utilisation)}
          detail={`${formatInteger(summary.defaultedCount)} defaulted · ${formatMoney(summary.defaultedEad, currency, { compact: true })} EAD`}
        />
      </section>

      <PdOverview
        latest={portfolio.pdFigures ?? null}
        trend={portfolio.pdTrend}
        currency={currency}
        totalEad={totalEad}
        file={`portfolio-${portfolio.id.slice(0, 8)}`}
      />

      <div className="grid-2">
        <section className="card">
          <div className="card__header">
            <h2>EAD by segment</h2>
            <span className="card__subtitle">{currency}</span>
          </div>
          <div className="card__body">
            <BreakdownBarChart
              data={breakdownData(summary.eadBySegment, humanSegment)}
              currency={currency}
              ariaLabel={`EAD by segment in ${currency}`}
            />
          </div>
        </section>
        <section className="card">
          <div className="card__header">
            <h2>EAD by sector</h2>
            <span className="card__subtitle">{currency} · largest 10</span>
          </div>
          <div className="card__body">
            <BreakdownBarChart
              data={breakdownData(summary.eadBySector).slice(0, 10)}
              currency={currency}
              layout="horizontal-bars"
              ariaLabel={`EAD by sector in ${currency}`}
            />
          </div>
        </section>
      </div>

      <div className="grid-2">
        <section className="card">
          <div className="card__header">
            <h2>Top 10 obligors by EAD</h2>
            <span className="card__subtitle">{currency}</span>
          </div>
          <div className="card__body">
            <BreakdownBarChart
              data={topObligorData(summary.topObligors)}
              currency={currency}
              layout="horizontal-bars"
              height={440}
              ariaLabel={`Top 10 obligors by EAD in ${currency}`}
            />
          </div>
        </section>
        <section className="card">
          <div className="card__header">
            <h2>Largest obligors</h2>
            <span className="card__subtitle">share of portfolio EAD</span>
          </div>
          <div className="card__body card__body--flush table-wrap">
            <table className="table" data-testid="top-obligors">
              <thead>
                <tr>
                  <th scope="col" className="num">
                    #
                  </th>
                  <th scope="col">Obligor</th>
                  <th scope="col" className="num">
                    EAD
                  </th>
                  <th scope="col" className="num">
                    Share
                  </th>
                </tr>
              </thead>
              <tbody>
                {summary.topObligors.map((top, index) => (
                  <tr key={top.obligor.id}>
                    <td className="num muted">{index + 1}</td>
                    <td>
                      <Link className="cell-title" href={`/obligors/${top.obligor.id}`}>
                        {top.obligor.name}
                      </Link>
                      <div className="cell-sub">
                        {top.obligor.externalId} · {humanSegment(top.obligor.segment)}
                        {top.obligor.sector ? ` · ${top.obligor.sector}` : ''}
                      </div>
                    </td>
                    <td className="num">{formatMoney(top.ead, currency)}</td>
                    <td className="num">{formatPercent(top.share, Number(top.share) < 0.01 ? 2 : 1)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      </div>

      <section className="card">
        <div className="card__header">
          <h2>Portfolio trend</h2>
          <span className="card__subtitle">daily snapshots, latest year · {currency}</span>
        </div>
        <div className="card__body">
          {portfolio.snapshots.nodes.length === 0 ? (
            <EmptyState title="No snapshots yet">
              <p>The snapshot job records the portfolio's totals once a day; the trend appears after the first run.</p>
            </EmptyState>
          ) : (
            <SnapshotTrendChart data={trendData(portfolio.snapshots.nodes)} currency={currency} />
          )}
        </div>
      </section>

      <section className="card">
        <div className="card__header">
          <h2>EAD by status</h2>
          <span className="card__subtitle">{currency}</span>
        </div>
        <div className="card__body card__body--flush table-wrap">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">Status</th>
                <th scope="col" className="num">
                  Exposures
                </th>
                <th scope="col" className="num">
                  EAD
                </th>
                <th scope="col" className="num">
                  Limit
                </th>
                <th scope="col" className="num">
                  Share of EAD
                </th>
              </tr>
            </thead>
            <tbody>
              {summary.eadByStatus.map((row) => (
                <tr key={row.key}>
                  <td>{humanise(row.key)}</td>
                  <td className="num">{formatInteger(row.exposureCount)}</td>
                  <td className="num">{formatMoney(row.ead, currency)}</td>
                  <td className="num">{formatMoney(row.limit, currency)}</td>
                  <td className="num">{formatPercent(row.share)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
      {upload}
    </div>
  );
}

function humanSegment(key: string): string {
  return key === 'SME' ? 'SME' : humanise(key);
}
