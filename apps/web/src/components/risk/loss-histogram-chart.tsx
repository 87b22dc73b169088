'use client';
// The simulated loss distribution: probability per loss bin (step area), on a linear or a log scale
// (the tail is invisible on a linear one), with VaR and ES of the chosen level marked.
import { useState } from 'react';
import { Area, CartesianGrid, ComposedChart, Label, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { formatCompact } from '../../lib/format.ts';
import { formatLevel } from '../../lib/risk-format.ts';

const AXIS = { fontSize: 12, fill: '#5a6578' };

export interface HistogramPoint {
  from: number;
  to: number;
  probability: number;
  exceedance: number;
}

export function LossHistogramChart({
  points,
  markers,
  currency,
}: {
  points: HistogramPoint[];
  markers: { level: number; valueAtRisk: number; expectedShortfall: number }[];
  currency: string;
}) {
  const [log, setLog] = useState(false);
  const [levelIndex, setLevelIndex] = useState(markers.length - 1);
  const marker = markers[levelIndex];
  // A log axis cannot show 0: empty bins are left out of the drawing there.
  const data = points.map((p) => ({ x: p.from, probability: log && p.probability <= 0 ? null : p.probability }));
  const last = points.at(-1);
  if (last) data.push({ x: last.to, probability: data.at(-1)?.probability ?? null });
  return (
    <div>
      <div className="toolbar toolbar--compact">
        <label className="checkbox">
          <input type="checkbox" checked={log} onChange={(event) => setLog(event.target.checked)} data-testid="histogram-log" /> Log scale
        </label>
        {markers.length > 1 ? (
          <label className="checkbox">
            Mark level{' '}
            <select className="select select--inline" value={levelIndex} onChange={(event) => setLevelIndex(Number(event.target.value))}>
              {markers.map((m, i) => (
                <option key={m.level} value={i}>
                  {formatLevel(m.level)}
                </option>
              ))}
            </select>
          </label>
        ) : null}
      </div>
      <div
        className="chart"
        role="img"
        aria-label={`Loss distribution${log ? ' (log scale)' : ''} with VaR and ES at ${marker ? formatLevel(marker.level) : ''}`}
      >
        <ResponsiveContainer width="100%" height={320}>
          <ComposedChart data={data} margin={{ top: 16, right: 24, bottom: 28, left: 16 }}>
            <CartesianGrid stroke="#e7eaf0" />
            <XAxis
              type="number"
              dataKey="x"
              domain={['dataMin', 'dataMax']}
              tickFormatter={(v: number) => formatCompact(v)}
              tick={AXIS}
              stroke="#c5ccd8"
            >
              <Label value={`Portfolio loss (${currency})`} position="insideBottom" offset={-16} style={AXIS} />
            </XAxis>
            <YAxis
              scale={log ? 'log' : 'linear'}
              domain={log ? ['auto', 'auto'] : [0, 'auto']}
              allowDataOverflow={log}
              tickFormatter={(v: number) => (log ? v.toExponential(0) : `${Number((v * 100).toPrecision(3))}%`)}
              tick={AXIS}
              stroke="#c5ccd8"
              width={64}
            />
            <Tooltip
              formatter={(value) => [typeof value === 'number' ? `${(value * 100).toPrecision(3)}%` : '–', 'Probability']}
              labelFormatter={(label) => `Loss from ${formatCompact(Number(label))} ${currency}`}
            />
            <Area
              type="stepAfter"
              dataKey="probability"
              stroke="#0b3a7e"
              fill="#0b3a7e"
              fillOpacity={0.25}
              isAnimationActive={false}
              connectNulls={false}
            />
            {marker ? (
              <ReferenceLine x={marker.valueAtRisk} stroke="#c07a12" strokeDasharray="4 3" ifOverflow="extendDomain">
                <Label value={`VaR ${formatCompact(marker.valueAtRisk)}`} position="insideTopRight" style={{ ...AXIS, fill: '#c07a12' }} />
              </ReferenceLine>
            ) : null}
            {marker ? (
              <ReferenceLine x={marker.expectedShortfall} stroke="#b0413e" strokeDasharray="4 3" ifOverflow="extendDomain">
                <Label
                  value={`ES ${formatCompact(marker.expectedShortfall)}`}
                  position="insideTopLeft"
                  style={{ ...AXIS, fill: '#b0413e' }}
                />
              </ReferenceLine>
            ) : null}
          </ComposedChart>
        </ResponsiveContainer>
      </div>
    </div>
  );
}
