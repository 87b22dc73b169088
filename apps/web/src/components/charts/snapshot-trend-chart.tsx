'use client';
// Total EAD and total limit per snapshot date: how the book has grown and how much of the limits
// is drawn. Both series share one axis and one unit.
import { Area, AreaChart, CartesianGrid, Label, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { formatCompact, formatDate, formatMoney, formatMonth, formatPercent } from '../../lib/format.ts';

export interface TrendDatum {
  asOf: string;
  totalEad: number;
  totalLimit: number;
  defaultedEad: number;
}

const AXIS = { fontSize: 12, fill: '#5a6578' };

function TrendTooltip({
  active,
  payload,
  currency,
}: {
  active?: boolean;
  payload?: readonly { payload?: TrendDatum }[];
  currency: string;
}) {
  const datum = active ? payload?.[0]?.payload : undefined;
  if (!datum) return null;
  return (
    <div className="chart-tooltip">
      <div className="chart-tooltip__label">{formatDate(datum.asOf)}</div>
      <div className="chart-tooltip__row">EAD {formatMoney(datum.totalEad, currency)}</div>
      <div className="chart-tooltip__row">Limit {formatMoney(datum.totalLimit, currency)}</div>
      <div className="chart-tooltip__row">Utilisation {formatPercent(datum.totalLimit > 0 ? datum.totalEad / datum.totalLimit : null)}</div>
      <div className="chart-tooltip__row">Defaulted EAD {formatMoney(datum.defaultedEad, currency)}</div>
    </div>
  );
}

export function SnapshotTrendChart({ data, currency }: { data: TrendDatum[]; currency: string }) {
  return (
    <div className="chart" role="img" aria-label={`Total EAD and limit per snapshot, in ${currency}`}>
      <ResponsiveContainer width="100%" height={300}>
        <AreaChart data={data} margin={{ top: 8, right: 24, bottom: 8, left: 16 }}>
          <CartesianGrid vertical={false} stroke="#e7eaf0" />
          <XAxis dataKey="asOf" tickFormatter={(value: string) => formatMonth(value)} tick={AXIS} stroke="#c5ccd8" minTickGap={24} />
          <YAxis tickFormatter={(value: number) => formatCompact(value)} tick={AXIS} stroke="#c5ccd8" width={64}>
            <Label value={currency} angle={-90} position="insideLeft" offset={-8} style={{ ...AXIS, textAnchor: 'middle' }} />
          </YAxis>
          <Tooltip content={(props) => <TrendTooltip {...(props as object)} currency={currency} />} />
          <Legend verticalAlign="top" height={28} iconType="plainline" />
          <Area
            type="monotone"
            dataKey="totalLimit"
            name="Total limit"
            stroke="#8390a3"
            strokeDasharray="4 3"
            fill="#8390a3"
            fillOpacity={0.06}
            isAnimationActive={false}
          />
          <Area
            type="monotone"
            dataKey="totalEad"
            name="Total EAD"
            stroke="#0b3a7e"
            strokeWidth={2}
            fill="#0b3a7e"
            fillOpacity={0.12}
            isAnimationActive={false}
          />
        </AreaChart>
      </ResponsiveContainer>
    </div>
  );
}
