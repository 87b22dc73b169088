import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { query, viewer } from '../../../../api/load.ts';
import { EXPOSURE } from '../../../../api/documents/exposures.ts';
import { PageHeader } from '../../../../components/ui/page-header.tsx';
import { SegmentBadge, StatusBadge } from '../../../../components/ui/badges.tsx';
import { formatDate, formatDateTime, formatInteger, formatMoney, formatPercent } from '../../../../lib/format.ts';
import { EditExposureForm } from './edit-exposure-form.tsx';

export const metadata: Metadata = { title: 'Exposure' };

export default async function ExposurePage({ params }: { params: Promise<{ exposureId: string }> }) {
  const { exposureId } = await params;
  const [me, { exposure }] = await Promise.all([viewer(), query(EXPOSURE, { id: exposureId })]);
  if (!exposure) notFound();
  const canEdit = me.permissions.includes('exposure:write');
  return (
    <>
      <PageHeader
        crumbs={[
          { label: 'Portfolios', href: '/portfolios' },
          { label: exposure.portfolio.name, href: `/portfolios/${exposure.portfolio.id}/exposures` },
          { label: exposure.externalId },
        ]}
        eyebrow={exposure.product}
        title={<span className="mono-title">{exposure.externalId}</span>}
        actions={<StatusBadge status={exposure.status} />}
      />
      <div className="detail-grid">
        <section className="card">
          <div className="card__header">
            <h2>Facility</h2>
          </div>
          <div className="card__body">
            <dl className="dl">
              <dt>Obligor</dt>
              <dd>
                <Link href={`/obligors/${exposure.obligor.id}`}>{exposure.obligor.name}</Link>{' '}
                <SegmentBadge segment={exposure.obligor.segment} />
              </dd>
              <dt>Portfolio</dt>
              <dd>
                <Link href={`/portfolios/${exposure.portfolio.id}`}>{exposure.portfolio.name}</Link>
              </dd>
              <dt>EAD</dt>
              <dd>{formatMoney(exposure.ead, exposure.currency)}</dd>
              <dt>Limit</dt>
              <dd>{formatMoney(exposure.limit, exposure.currency)}</dd>
              <dt>Utilisation</dt>
              <dd>{formatPercent(exposure.utilisation)}</dd>
              <dt>LGD</dt>
              <dd>{formatPercent(exposure.lgd)}</dd>
              <dt>Collateral</dt>
              <dd>{exposure.collateralValue === null ? 'None' : formatMoney(exposure.collateralValue, exposure.currency)}</dd>
              <dt>Days past due</dt>
              <dd>{formatInteger(exposure.daysPastDue)}</dd>
              <dt>Originated</dt>
              <dd>{formatDate(exposure.originationDate)}</dd>
              <dt>PD at origination</dt>
              <dd>{exposure.pdAtOrigination === null ? 'Not recorded' : formatPercent(exposure.pdAtOrigination, 2)}</dd>
              <dt>Matures</dt>
              <dd>{formatDate(exposure.maturityDate)}</dd>
              <dt>Last changed</dt>
              <dd>{formatDateTime(exposure.updatedAt)}</dd>
            </dl>
          </div>
        </section>
        <section className="card">
          <div className="card__header">
            <h2>{canEdit ? 'Edit exposure' : 'Editing'}</h2>
          </div>
          <div className="card__body">
            {canEdit ? (
              <EditExposureForm exposure={exposure} />
            ) : (
              <div className="alert alert--info" role="note" data-testid="read-only-note">
                Your role can view exposures but not change them. Analysts, risk officers and administrators can edit.
              </div>
            )}
          </div>
        </section>
      </div>
    </>
  );
}
