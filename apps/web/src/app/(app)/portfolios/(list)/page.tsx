import type { Metadata } from 'next';
import Link from 'next/link';
import { query, viewer } from '../../../../api/load.ts';
import { PORTFOLIO_LIST } from '../../../../api/documents/portfolios.ts';
import { PageHeader } from '../../../../components/ui/page-header.tsx';
import { Pager } from '../../../../components/ui/pager.tsx';
import { EmptyState } from '../../../../components/ui/states.tsx';
import { PlusIcon } from '../../../../components/ui/icons.tsx';
import { formatDate, formatInteger, formatMoney, formatPercent } from '../../../../lib/format.ts';
import { cursorPage, type SearchParams } from '../../../../lib/cursor-page.ts';

export const metadata: Metadata = { title: 'Portfolios' };

const PAGE_SIZE = 25;

export default async function PortfoliosPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const page = cursorPage(await searchParams, PAGE_SIZE);
  const [me, data] = await Promise.all([viewer(), query(PORTFOLIO_LIST, page.variables)]);
  const { nodes, totalCount, pageInfo } = data.portfolios;
  const canCreate = me.permissions.includes('portfolio:write');

  return (
    <>
      <PageHeader
        title="Portfolios"
        description={`Credit portfolios of ${me.organization.name}. Figures are computed live from current exposures.`}
        actions={
          canCreate ? (
            <Link className="btn btn--primary" href="/portfolios/new">
              <PlusIcon /> New portfolio
            </Link>
          ) : null
        }
      />
      <div className="card">
        {nodes.length === 0 ? (
          <EmptyState
            title="No portfolios yet"
            actions={
              canCreate ? (
                <Link className="btn btn--primary" href="/portfolios/new">
                  Create the first portfolio
                </Link>
              ) : null
            }
          >
            <p>
              {canCreate
                ? 'Create a portfolio, then load its exposures through the API.'
                : 'A risk officer can create the first portfolio.'}
            </p>
          </EmptyState>
        ) : (
          <>
            <div className="table-wrap">
              <table className="table" data-testid="portfolio-table">
                <thead>
                  <tr>
                    <th scope="col">Portfolio</th>
                    <th scope="col">Currency</th>
                    <th scope="col" className="num">
                      Exposures
                    </th>
                    <th scope="col" className="num">
                      Total EAD
                    </th>
                    <th scope="col" className="num">
                      Total limit
                    </th>
                    <th scope="col" className="num">
                      Utilisation
                    </th>
                    <th scope="col" className="num">
                      Defaulted
                    </th>
                    <th scope="col">Created</th>
                  </tr>
                </thead>
                <tbody>
                  {nodes.map((portfolio) => (
                    <tr key={portfolio.id}>
                      <td className="wrap">
                        <Link className="cell-title" href={`/portfolios/${portfolio.id}`}>
                          {portfolio.name}
                        </Link>
                        {portfolio.description ? (
                          <div className="cell-sub clamp-2" title={portfolio.description}>
                            {portfolio.description}
                          </div>
                        ) : null}
                      </td>
                      <td>
                        <span className="badge">{portfolio.baseCurrency}</span>
                      </td>
                      <td className="num">{formatInteger(portfolio.summary.exposureCount)}</td>
                      <td className="num">{formatMoney(portfolio.summary.totalEad, portfolio.baseCurrency)}</td>
                      <td className="num">{formatMoney(portfolio.summary.totalLimit, portfolio.baseCurrency)}</td>
                      <td className="num">{formatPercent(portfolio.summary.utilisation)}</td>
                      <td className="num">{formatInteger(portfolio.summary.defaultedCount)}</td>
                      <td className="muted">{formatDate(portfolio.createdAt)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <Pager
              totalCount={totalCount}
              shown={nodes.length}
              noun={totalCount === 1 ? 'portfolio' : 'portfolios'}
              {...page.links('/portfolios', pageInfo)}
            />
          </>
        )}
      </div>
    </>
  );
}
