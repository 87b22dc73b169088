'use client';
import { formatInteger, formatMoney, formatPercent } from '../../lib/format.ts';

import type { BreakdownDatum } from '../../lib/chart-data.ts';

interface TooltipPayload {
  payload?: BreakdownDatum;
}

/** Tooltip for breakdown bars: exact EAD, share of the portfolio and number of exposures. */
export function BreakdownTooltip({
  active,
  payload,
  currency,
}: {
  active?: boolean;
  payload?: readonly TooltipPayload[];
  currency: string;
}) {
  const datum = active ? payload?.[0]?.payload : undefined;
  if (!datum) return null;
  return (
    <div className="chart-tooltip">
      <div className="chart-tooltip__label">{datum.label}</div>
      <div className="chart-tooltip__row">EAD {formatMoney(datum.ead, currency)}</div>
      <div className="chart-tooltip__row">{formatPercent(datum.share)} of portfolio EAD</div>
      <div className="chart-tooltip__row">{formatInteger(datum.exposureCount)} exposures</div>
    </div>
  );
}
