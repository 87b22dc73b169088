'use client';
// EAD-weighted PD per succeeded scoring run, oldest first: how the book's credit quality moves run
// to run (a new model version or new data shows as a step).
import { CartesianGrid, Label, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { formatDate, formatPercent } from '../../lib/format.ts';

export interface PdTrendDatum {
  label: string;
  asOf: string;
  eadWeightedPd: number | null;
}

const AXIS = { fontSize: 12, fill: '#5a6578' };

export function PdTrendChart({ data }: { data: PdTrendDatum[] }) {
  return (
    <div className="chart" role="img" aria-label="EAD-weighted PD per scoring run">
      <ResponsiveContainer width="100%" height={260}>
        <LineChart data={data} margin={{ top: 8, right: 24, bottom: 8, left: 16 }}>
          <CartesianGrid vertical={false} stroke="#e7eaf0" />
          <XAxis dataKey="label" tick={AXIS} stroke="#c5ccd8" minTickGap={24} />
          <YAxis tickFormatter={(value: number) => formatPercent(value, 1)} tick={AXIS} stroke="#c5ccd8" width={64} domain={[0, 'auto']}>
            <Label value="EAD-weighted PD" angle={-90} position="insideLeft" offset={-8} style={{ ...AXIS, textAnchor: 'middle' }} />
          </YAxis>
          <Tooltip
            formatter={(value) => (typeof value === 'number' ? formatPercent(value, 2) : String(value))}
            labelFormatter={(_label, payload) => {
              const datum = (payload?.[0] as { payload?: PdTrendDatum } | undefined)?.payload;
              return datum ? `Run of ${datum.label} · data as of ${formatDate(datum.asOf)}` : '';
            }}
          />
          <Line
            type="monotone"
            dataKey="eadWeightedPd"
            name="EAD-weighted PD"
            stroke="#0b3a7e"
            strokeWidth={2}
            dot={{ r: 3 }}
            isAnimationActive={false}
            connectNulls
          />
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}
