'use client';
// An obligor's PD per scoring run (one line per exposure), each point labelled with its grade on the
// master scale; the tooltip gives the run's day, PD and grade.
import { CartesianGrid, Label, LabelList, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { formatDateTime } from '../../lib/format.ts';
import { formatPd } from '../../lib/risk-format.ts';

const AXIS = { fontSize: 12, fill: '#5a6578' };
const COLORS = ['#0b3a7e', '#b0413e', '#2e7d4f', '#8a5a00', '#5a3d8a'];

export interface HistoryPoint {
  runId: string;
  exposureExternalId: string;
  pd: number;
  grade: string;
  scoredAt: string | null;
}

type Row = { runId: string; at: string } & Record<string, number | string>;

export function historyRows(points: readonly HistoryPoint[]): { rows: Row[]; series: string[] } {
  const series = [...new Set(points.map((p) => p.exposureExternalId))];
  const byRun = new Map<string, Row>();
  for (const p of points) {
    const row = byRun.get(p.runId) ?? { runId: p.runId, at: p.scoredAt ?? '' };
    row[p.exposureExternalId] = p.pd;
    row[`${p.exposureExternalId}:grade`] = p.grade;
    byRun.set(p.runId, row);
  }
  return { rows: [...byRun.values()], series };
}

export function ScoreHistoryChart({ points }: { points: HistoryPoint[] }) {
  const { rows, series } = historyRows(points);
  return (
    <div className="chart" role="img" aria-label="PD and grade per scoring run">
      <ResponsiveContainer width="100%" height={260}>
        <LineChart data={rows} margin={{ top: 20, right: 24, bottom: 28, left: 8 }}>
          <CartesianGrid stroke="#e7eaf0" />
          <XAxis dataKey="at" tick={AXIS} stroke="#c5ccd8" tickFormatter={(v: string) => formatDateTime(v)} />
          <YAxis tick={AXIS} stroke="#c5ccd8" tickFormatter={(v: number) => formatPd(v)} width={70}>
            <Label value="PD" angle={-90} position="insideLeft" style={AXIS} />
          </YAxis>
          <Tooltip
            labelFormatter={(v) => formatDateTime(typeof v === 'string' ? v : null)}
            formatter={(value, name, item) => {
              const row = (item as { payload?: Row }).payload;
              return [`${formatPd(Number(value))} · grade ${String(row?.[`${String(name)}:grade`] ?? '')}`, String(name)];
            }}
          />
          {series.length > 1 ? <Legend verticalAlign="top" height={24} /> : null}
          {series.map((s, i) => (
            <Line key={s} dataKey={s} name={s} stroke={COLORS[i % COLORS.length]} strokeWidth={2} dot={{ r: 3 }} isAnimationActive={false}>
              <LabelList dataKey={`${s}:grade`} position="top" style={{ fontSize: 11, fill: '#334' }} />
            </Line>
          ))}
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}
