import type { Metadata } from 'next';
import { requirePermission } from '../../../../api/load.ts';
import { PageHeader } from '../../../../components/ui/page-header.tsx';
import { CreatePortfolioForm } from './create-portfolio-form.tsx';

export const metadata: Metadata = { title: 'New portfolio' };

export default async function NewPortfolioPage() {
  await requirePermission('portfolio:write');
  return (
    <>
      <PageHeader
        title="New portfolio"
        crumbs={[{ label: 'Portfolios', href: '/portfolios' }, { label: 'New' }]}
        description="An empty portfolio; exposures are loaded through the API."
      />
      <div className="narrow">
        <CreatePortfolioForm />
      </div>
    </>
  );
}
