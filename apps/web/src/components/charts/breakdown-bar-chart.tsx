'use client';
// EAD per category as bars. Vertical bars for a few categories (segments), horizontal bars with the
// names on the axis for many (sectors, top obligors). Axis ticks are compact; the unit is in the label.
import { Bar, BarChart, CartesianGrid, Cell, Label, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { formatCompact } from '../../lib/format.ts';
import type { BreakdownDatum } from '../../lib/chart-data.ts';
import { BreakdownTooltip } from './chart-tooltip.tsx';

const COLORS = ['#0b3a7e', '#0f7b6c', '#c07a12', '#7a4bb7', '#3f7fd0', '#b0413e', '#4b8b3b', '#8a6d3b'];
const AXIS = { fontSize: 12, fill: '#5a6578' };

function truncate(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

export function BreakdownBarChart({
  data,
  currency,
  layout = 'vertical-bars',
  height = 300,
  ariaLabel,
}: {
  data: BreakdownDatum[];
  currency: string;
  layout?: 'vertical-bars' | 'horizontal-bars';
  height?: number;
  ariaLabel: string;
}) {
  const horizontal = layout === 'horizontal-bars';
  return (
    <div className="chart" role="img" aria-label={ariaLabel} data-height={height}>
      <ResponsiveContainer width="100%" height={height}>
        {horizontal ? (
          <BarChart data={data} layout="vertical" margin={{ top: 4, right: 24, bottom: 28, left: 8 }}>
            <CartesianGrid horizontal={false} stroke="#e7eaf0" />
            <XAxis type="number" tickFormatter={(value: number) => formatCompact(value)} tick={AXIS} stroke="#c5ccd8">
              <Label value={`EAD (${currency})`} position="insideBottom" offset={-16} style={AXIS} />
            </XAxis>
            <YAxis
              type="category"
              dataKey="label"
              width={170}
              tick={AXIS}
              stroke="#c5ccd8"
              tickFormatter={(value: string) => truncate(value, 24)}
              interval={0}
            />
            <Tooltip
              cursor={{ fill: 'rgba(11, 58, 126, 0.06)' }}
              content={(props) => <BreakdownTooltip {...(props as object)} currency={currency} />}
            />
            <Bar dataKey="ead" name="EAD" radius={[0, 3, 3, 0]} maxBarSize={22} fill={COLORS[0]} isAnimationActive={false} />
          </BarChart>
        ) : (
          <BarChart data={data} margin={{ top: 8, right: 16, bottom: 8, left: 16 }}>
            <CartesianGrid vertical={false} stroke="#e7eaf0" />
            <XAxis dataKey="label" tick={AXIS} stroke="#c5ccd8" interval={0} />
            <YAxis tickFormatter={(value: number) => formatCompact(value)} tick={AXIS} stroke="#c5ccd8" width={64}>
              <Label value={`EAD (${currency})`} angle={-90} position="insideLeft" offset={-8} style={{ ...AXIS, textAnchor: 'middle' }} />
            </YAxis>
            <Tooltip
              cursor={{ fill: 'rgba(11, 58, 126, 0.06)' }}
              content={(props) => <BreakdownTooltip {...(props as object)} currency={currency} />}
            />
            <Bar dataKey="ead" name="EAD" radius={[3, 3, 0, 0]} maxBarSize={72} isAnimationActive={false}>
              {data.map((datum, index) => (
                <Cell key={datum.label} fill={COLORS[index % COLORS.length]} />
              ))}
            </Bar>
          </BarChart>
        )}
      </ResponsiveContainer>
    </div>
  );
}
