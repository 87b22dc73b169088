import Link from 'next/link';
import { formatInteger } from '../../lib/format.ts';
import { ChevronLeftIcon, ChevronRightIcon } from './icons.tsx';

/** Footer of a cursor-paginated table: how many rows match, and previous/next links. */
export function Pager({
  totalCount,
  estimated = false,
  shown,
  noun,
  previousHref,
  nextHref,
  children,
}: {
  totalCount: number;
  /** The total is an estimate (a large filtered set): say "about". */
  estimated?: boolean;
  shown: number;
  noun: string;
  previousHref: string | null;
  nextHref: string | null;
  children?: React.ReactNode;
}) {
  return (
    <div className="table-footer">
      <span data-testid="total-count">
        Showing {formatInteger(shown)} of {estimated ? 'about ' : ''}
        {formatInteger(totalCount)} {noun}
      </span>
      <div className="pager">
        {children}
        {previousHref ? (
          <Link className="btn btn--secondary btn--small" href={previousHref} rel="prev">
            <ChevronLeftIcon /> Previous
          </Link>
        ) : (
          <span className="btn btn--secondary btn--small" aria-disabled="true">
            <ChevronLeftIcon /> Previous
          </span>
        )}
        {nextHref ? (
          <Link className="btn btn--secondary btn--small" href={nextHref} rel="next">
            Next <ChevronRightIcon />
          </Link>
        ) : (
          <span className="btn btn--secondary btn--small" aria-disabled="true">
            Next <ChevronRightIcon />
          </span>
        )}
      </div>
    </div>
  );
}
