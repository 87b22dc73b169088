import { TEXT_LIMITS } from '@probity/db/limits';
import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { query, viewer } from '../../../../../api/load.ts';
import { PORTFOLIO_EXPOSURES, type ExposureSortField } from '../../../../../api/documents/exposures.ts';
import { EXPOSURE_STATUSES, SEGMENTS } from '../../../../../api/documents/common.ts';
import { Pager } from '../../../../../components/ui/pager.tsx';
import { EmptyState } from '../../../../../components/ui/states.tsx';
import { StatusBadge } from '../../../../../components/ui/badges.tsx';
import { ArrowDownIcon, ArrowUpIcon, SearchIcon, SortIcon } from '../../../../../components/ui/icons.tsx';
import { formatDate, formatInteger, formatPercent, humanise } from '../../../../../lib/format.ts';
import { PdCells } from '../../../../../components/scoring/pd-cells.tsx';
import {
  DEFAULT_PAGE_SIZE,
  PAGE_SIZES,
  exposureVariables,
  firstPageHref,
  hasActiveFilter,
  nextPageHref,
  pageSizeHref,
  parseExposureQuery,
  previousPageHref,
  sortHref,
  type ExposureQuery,
  type SearchParams,
} from '../../../../../lib/exposure-query.ts';

export const metadata: Metadata = { title: 'Exposures' };

type Props = { params: Promise<{ portfolioId: string }>; searchParams: Promise<SearchParams> };

export default async function ExposuresPage({ params, searchParams }: Props) {
  const { portfolioId } = await params;
  const state = parseExposureQuery(await searchParams);
  const [me, { portfolio }] = await Promise.all([viewer(), query(PORTFOLIO_EXPOSURES, exposureVariables(portfolioId, state))]);
  if (!portfolio) notFound();
  const base = `/portfolios/${portfolio.id}/exposures`;
  const { nodes, totalCount, totalCountIsEstimate, pageInfo } = portfolio.exposures;
  const canEdit = me.permissions.includes('exposure:write');
  const sectors = portfolio.summary.eadBySector
    .map((row) => row.key)
    .filter((key) => key !== 'Unspecified')
    .sort();
  const grades = portfolio.pdFigures?.grades.map((g) => g.grade) ?? [];
  const scored = portfolio.pdFigures !== null && portfolio.pdFigures !== undefined;

  return (
    <div className="card">
      <FilterBar base={base} state={state} sectors={sectors} grades={grades} />
      {nodes.length === 0 ? (
        <EmptyState
          title={hasActiveFilter(state) ? 'No exposures match these filters' : 'No exposures in this portfolio'}
          actions={
            hasActiveFilter(state) ? (
              <Link className="btn btn--secondary" href={base}>
                Clear filters
              </Link>
            ) : null
          }
        >
          <p>{hasActiveFilter(state) ? 'Try a broader search or remove a filter.' : 'Exposures loaded through the API appear here.'}</p>
        </EmptyState>
      ) : (
        <>
          <div className="table-wrap">
            <table className="table" data-testid="exposure-table">
              <thead>
                <tr>
                  <SortHeader label="Facility" field="EXTERNAL_ID" base={base} state={state} />
                  <SortHeader label="Obligor" field="OBLIGOR_NAME" base={base} state={state} />
                  <SortHeader label={`EAD (${portfolio.baseCurrency})`} field="EAD" base={base} state={state} numeric />
                  <SortHeader label={`Limit (${portfolio.baseCurrency})`} field="LIMIT" base={base} state={state} numeric />
                  <th scope="col" className="num">
                    Util.
                  </th>
                  <SortHeader label="LGD" field="LGD" base={base} state={state} numeric />
                  <SortHeader label="DPD" field="DAYS_PAST_DUE" base={base} state={state} numeric />
                  <th scope="col">Status</th>
                  <SortHeader label="Maturity" field="MATURITY_DATE" base={base} state={state} />
                  {scored ? <SortHeader label="PD" field="PD" base={base} state={state} numeric /> : null}
                  {scored ? (
                    <>
                      <th scope="col">Grade</th>
                      <th scope="col" className="num" title="Change since the exposure's previous scoring run">
                        Δ PD
                      </th>
                    </>
                  ) : null}
                </tr>
              </thead>
              <tbody>
                {nodes.map((exposure) => (
                  <tr key={exposure.id}>
                    <td>
                      <Link className="cell-title mono" href={`/exposures/${exposure.id}`} title={canEdit ? 'View and edit' : 'View'}>
                        {exposure.externalId}
                      </Link>
                      <div className="cell-sub">{exposure.product}</div>
                    </td>
                    <td>
                      <Link className="cell-title" href={`/obligors/${exposure.obligor.id}`}>
                        {exposure.obligor.name}
                      </Link>
                      <div className="cell-sub" data-segment={exposure.obligor.segment}>
                        {[segmentLabel(exposure.obligor.segment), exposure.obligor.sector, exposure.obligor.country]
                          .filter(Boolean)
                          .join(' · ')}
                      </div>
                    </td>
                    <td className="num">
                      <Amount value={exposure.ead} currency={exposure.currency} base={portfolio.baseCurrency} />
                    </td>
                    <td className="num">
                      <Amount value={exposure.limit} currency={exposure.currency} base={portfolio.baseCurrency} />
                    </td>
                    <td className="num">{formatPercent(exposure.utilisation)}</td>
                    <td className="num">{formatPercent(exposure.lgd, 0)}</td>
                    <td className="num">{formatInteger(exposure.daysPastDue)}</td>
                    <td>
                      <StatusBadge status={exposure.status} />
                    </td>
                    <td className="muted">{formatDate(exposure.maturityDate)}</td>
                    {scored ? <PdCells score={exposure.score ?? null} previous={exposure.previousScore ?? null} /> : null}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <Pager
            totalCount={totalCount}
            estimated={totalCountIsEstimate}
            shown={nodes.length}
            noun={totalCount === 1 ? 'exposure' : 'exposures'}
            previousHref={pageInfo.hasPreviousPage && pageInfo.startCursor ? previousPageHref(base, state, pageInfo.startCursor) : null}
            nextHref={pageInfo.hasNextPage && pageInfo.endCursor ? nextPageHref(base, state, pageInfo.endCursor) : null}
          >
            <span className="page-sizes" aria-label="Rows per page">
              Rows
              {PAGE_SIZES.map((size) =>
                size === state.pageSize ? (
                  <span key={size} className="page-size page-size--current" aria-current="true">
                    {size}
                  </span>
                ) : (
                  <Link key={size} className="page-size" href={pageSizeHref(base, state, size)}>
                    {size}
                  </Link>
                ),
              )}
            </span>
            {state.after || state.before ? (
              <Link className="btn btn--ghost btn--small" href={firstPageHref(base, state)}>
                First page
              </Link>
            ) : null}
          </Pager>
        </>
      )}
    </div>
  );
}

function segmentLabel(segment: string): string {
  return segment === 'SME' ? 'SME' : humanise(segment);
}

/** An amount in the portfolio's currency without repeating the code; other currencies are named. */
function Amount({ value, currency, base }: { value: string; currency: string; base: string }) {
  if (currency === base) return <>{formatInteger(value)}</>;
  return (
    <>
      {formatInteger(value)} <span className="badge currency-badge">{currency}</span>
    </>
  );
}

function SortHeader({
  label,
  field,
  base,
  state,
  numeric = false,
}: {
  label: string;
  field: ExposureSortField;
  base: string;
  state: ExposureQuery;
  numeric?: boolean;
}) {
  const active = state.sort === field;
  const ariaSort = active ? (state.direction === 'ASC' ? 'ascending' : 'descending') : 'none';
  return (
    <th scope="col" className={numeric ? 'num' : undefined} aria-sort={ariaSort}>
      <Link className="sort-link" href={sortHref(base, state, field)} aria-current={active ? 'true' : undefined} data-sort={field}>
        {label}
        {active ? state.direction === 'ASC' ? <ArrowUpIcon /> : <ArrowDownIcon /> : <SortIcon />}
      </Link>
    </th>
  );
}

/** A filter's drop-down: "All" (no filter), then each option, shown as `text` makes it. */
function FilterSelect(props: {
  label: string;
  name: string;
  value: string | null | undefined;
  options: readonly string[];
  text?: (option: string) => string;
  fieldClass?: string;
  selectClass?: string;
}) {
  const { label, name, value, options, text = (option) => option, fieldClass, selectClass } = props;
  return (
    <label className={fieldClass ? `field ${fieldClass}` : 'field'}>
      <span className="field__label">{label}</span>
      <select className={selectClass ? `select ${selectClass}` : 'select'} name={name} defaultValue={value ?? ''}>
        <option value="">All</option>
        {options.map((option) => (
          <option key={option} value={option}>
            {text(option)}
          </option>
        ))}
      </select>
    </label>
  );
}

function FilterBar({ base, state, sectors, grades }: { base: string; state: ExposureQuery; sectors: string[]; grades: string[] }) {
  return (
    <form className="toolbar" method="get" action={base} role="search" aria-label="Filter exposures">
      <label className="field filter-search">
        <span className="field__label">Search</span>
        <input
          className="input"
          type="search"
          name="q"
          defaultValue={state.search ?? ''}
          placeholder="Facility, obligor name or reference"
          maxLength={TEXT_LIMITS.search}
        />
      </label>
      <FilterSelect label="Segment" name="segment" value={state.segment} options={SEGMENTS} text={segmentLabel} />
      <FilterSelect label="Sector" name="sector" value={state.sector} options={sectors} selectClass="filter-sector" />
      <FilterSelect label="Status" name="status" value={state.status} options={EXPOSURE_STATUSES} text={humanise} />
      <label className="field filter-narrow">
        <span className="field__label">Country</span>
        <input className="input" name="country" defaultValue={state.country ?? ''} placeholder="e.g. DE" maxLength={2} />
      </label>
      <label className="field filter-amount">
        <span className="field__label">Min. EAD</span>
        <input className="input input--num" name="minEad" inputMode="decimal" defaultValue={state.minEad ?? ''} placeholder="0" />
      </label>
      <label className="field filter-narrow">
        <span className="field__label">Min. DPD</span>
        <input className="input input--num" name="dpd" inputMode="numeric" defaultValue={state.minDaysPastDue ?? ''} placeholder="0" />
      </label>
      {grades.length > 0 ? (
        <>
          <FilterSelect label="Grade" name="grade" value={state.grade} options={grades} fieldClass="filter-narrow" />
          <label className="field filter-narrow">
            <span className="field__label">Min. PD %</span>
            <input className="input input--num" name="minPd" inputMode="decimal" defaultValue={state.minPd ?? ''} placeholder="0" />
          </label>
          <label className="field filter-narrow">
            <span className="field__label">Max. PD %</span>
            <input className="input input--num" name="maxPd" inputMode="decimal" defaultValue={state.maxPd ?? ''} placeholder="100" />
          </label>
        </>
      ) : null}
      {state.pageSize !== DEFAULT_PAGE_SIZE ? <input type="hidden" name="size" value={state.pageSize} /> : null}
      {state.sort !== 'EAD' ? <input type="hidden" name="sort" value={state.sort} /> : null}
      {state.direction !== 'DESC' ? <input type="hidden" name="dir" value={state.direction.toLowerCase()} /> : null}
      <div className="page-header__actions">
        <button type="submit" className="btn btn--primary">
          <SearchIcon /> Apply
        </button>
        {hasActiveFilter(state) ? (
          <Link className="btn btn--ghost" href={base}>
            Reset
          </Link>
        ) : null}
      </div>
    </form>
  );
}
