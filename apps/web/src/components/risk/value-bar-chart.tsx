'use client';
// Values per category as horizontal bars (contributions, capital by segment, base versus stressed).
// One or two series; the unit goes in the axis label.
import { Bar, BarChart, CartesianGrid, Label, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { formatCompact } from '../../lib/format.ts';

const AXIS = { fontSize: 12, fill: '#5a6578' };
const COLORS = ['#0b3a7e', '#b0413e'];

export function ValueBarChart({
  data,
  series,
  unit,
  ariaLabel,
  height,
}: {
  data: ({ label: string } & Record<string, number | string>)[];
  series: { key: string; name: string }[];
  unit: string;
  ariaLabel: string;
  height?: number;
}) {
  const h = height ?? Math.max(160, 34 * data.length * series.length + 60);
  return (
    <div className="chart" role="img" aria-label={ariaLabel}>
      <ResponsiveContainer width="100%" height={h}>
        <BarChart data={data} layout="vertical" margin={{ top: 4, right: 24, bottom: 28, left: 8 }}>
          <CartesianGrid horizontal={false} stroke="#e7eaf0" />
          <XAxis type="number" tickFormatter={(v: number) => formatCompact(v)} tick={AXIS} stroke="#c5ccd8">
            <Label value={unit} position="insideBottom" offset={-16} style={AXIS} />
          </XAxis>
          <YAxis
            type="category"
            dataKey="label"
            width={180}
            tick={AXIS}
            stroke="#c5ccd8"
            interval={0}
            tickFormatter={(v: string) => (v.length > 26 ? `${v.slice(0, 25)}…` : v)}
          />
          <Tooltip formatter={(value) => (typeof value === 'number' ? formatCompact(value) : String(value))} />
          {series.length > 1 ? <Legend verticalAlign="top" height={24} /> : null}
          {series.map((s, i) => (
            <Bar
              key={s.key}
              dataKey={s.key}
              name={s.name}
              fill={COLORS[i % COLORS.length]}
              maxBarSize={20}
              radius={[0, 3, 3, 0]}
              isAnimationActive={false}
            />
          ))}
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
