// Header and tabs shared by a portfolio's overview and exposure table.
import type { ReactNode } from 'react';
import { notFound } from 'next/navigation';
import { portfolioHeader } from '../../../../api/portfolio-header.ts';
import { PageHeader } from '../../../../components/ui/page-header.tsx';
import { NavLink } from '../../../../components/shell/nav-link.tsx';

export default async function PortfolioLayout({ children, params }: { children: ReactNode; params: Promise<{ portfolioId: string }> }) {
  const { portfolioId } = await params;
  const portfolio = await portfolioHeader(portfolioId);
  if (!portfolio) notFound();
  const base = `/portfolios/${portfolio.id}`;
  return (
    <>
      <PageHeader
        crumbs={[{ label: 'Portfolios', href: '/portfolios' }, { label: portfolio.name }]}
        title={portfolio.name}
        description={portfolio.description}
        actions={
          <span className="badge" title="Reporting currency">
            {portfolio.baseCurrency}
          </span>
        }
      />
      <nav className="tabs" aria-label="Portfolio views">
        <NavLink className="tab" href={base} exact>
          Overview
        </NavLink>
        <NavLink className="tab" href={`${base}/exposures`}>
          Exposures
        </NavLink>
        <NavLink className="tab" href={`${base}/risk`}>
          Risk
        </NavLink>
        <NavLink className="tab" href={`${base}/runs`}>
          Scoring runs
        </NavLink>
      </nav>
      {children}
    </>
  );
}
