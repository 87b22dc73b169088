'use client';
// The validation report's charts: ROC, the two cumulative distributions of KS, PD distribution by
// outcome, and observed against predicted default rate by grade.
import { Bar, BarChart, CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';

export interface ChartData {
  roc: { falsePositiveRate: number; truePositiveRate: number }[];
  ks: { threshold: number; defaults: number; nonDefaults: number }[];
  scoreDistribution: { from: number; to: number; defaults: number; nonDefaults: number }[];
}

export interface GradeRow {
  grade: string;
  count: number;
  meanPd: number;
  observedRate: number;
}

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

export function ValidationCharts({ charts, grades }: { charts: ChartData | null; grades: GradeRow[] }) {
  return (
    <div style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(360px, 1fr))', gap: 16 }}>
      {charts ? (
        <>
          <figure aria-label="ROC curve">
            <figcaption>ROC (test rows)</figcaption>
            <ResponsiveContainer width="100%" height={260}>
              <LineChart data={charts.roc.map((p) => ({ x: p.falsePositiveRate, tpr: p.truePositiveRate, chance: p.falsePositiveRate }))}>
                <CartesianGrid strokeDasharray="3 3" />
                <XAxis dataKey="x" type="number" domain={[0, 1]} tickFormatter={pct} />
                <YAxis domain={[0, 1]} tickFormatter={pct} />
                <Tooltip formatter={(v) => pct(Number(v))} />
                <Line dataKey="tpr" name="true positive rate" dot={false} stroke="#0b3a7e" />
                <Line dataKey="chance" name="chance" dot={false} stroke="#9aa5b8" strokeDasharray="4 4" />
              </LineChart>
            </ResponsiveContainer>
          </figure>
          <figure aria-label="KS">
            <figcaption>KS: cumulative share by PD</figcaption>
            <ResponsiveContainer width="100%" height={260}>
              <LineChart data={charts.ks}>
                <CartesianGrid strokeDasharray="3 3" />
                <XAxis dataKey="threshold" type="number" scale="log" domain={['auto', 'auto']} tickFormatter={pct} />
                <YAxis domain={[0, 1]} tickFormatter={pct} />
                <Tooltip formatter={(v) => pct(Number(v))} />
                <Legend />
                <Line dataKey="defaults" dot={false} stroke="#b0413e" />
                <Line dataKey="nonDefaults" name="non-defaults" dot={false} stroke="#0f7b6c" />
              </LineChart>
            </ResponsiveContainer>
          </figure>
          <figure aria-label="Score distribution">
            <figcaption>PD distribution by outcome</figcaption>
            <ResponsiveContainer width="100%" height={260}>
              <BarChart data={charts.scoreDistribution.map((b) => ({ ...b, label: pct(b.to) }))}>
                <CartesianGrid strokeDasharray="3 3" />
                <XAxis dataKey="label" />
                <YAxis tickFormatter={pct} />
                <Tooltip formatter={(v) => pct(Number(v))} />
                <Legend />
                <Bar dataKey="defaults" fill="#b0413e" />
                <Bar dataKey="nonDefaults" name="non-defaults" fill="#0f7b6c" />
              </BarChart>
            </ResponsiveContainer>
          </figure>
        </>
      ) : null}
      <figure aria-label="Calibration by grade">
        <figcaption>Calibration by grade: predicted and observed default rate</figcaption>
        <ResponsiveContainer width="100%" height={260}>
          <BarChart data={grades}>
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis dataKey="grade" />
            <YAxis tickFormatter={pct} />
            <Tooltip formatter={(v) => pct(Number(v))} />
            <Legend />
            <Bar dataKey="meanPd" name="mean PD" fill="#3f7fd0" />
            <Bar dataKey="observedRate" name="observed" fill="#c07a12" />
          </BarChart>
        </ResponsiveContainer>
      </figure>
    </div>
  );
}
