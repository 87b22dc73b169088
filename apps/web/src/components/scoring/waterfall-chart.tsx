'use client';
// An explanation waterfall: baseline log-odds, each feature's push up (red, riskier) or down (green),
// to the final log-odds; the tooltip gives the PD after each step. Floating bars are a stacked pair:
// an invisible bar up to the lower end, then the visible step.
import { Bar, BarChart, CartesianGrid, Cell, Label, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { WaterfallStep } from '../../lib/waterfall.ts';
import { formatPd } from '../../lib/risk-format.ts';

const AXIS = { fontSize: 12, fill: '#5a6578' };
const COLOR: Record<WaterfallStep['kind'], string> = { baseline: '#5a6578', up: '#b0413e', down: '#2e7d4f', final: '#0b3a7e' };

interface Datum {
  label: string;
  base: number;
  size: number;
  step: WaterfallStep;
}

function StepTooltip({ active, payload }: { active?: boolean; payload?: readonly { payload?: Datum }[] }) {
  const datum = active ? payload?.[0]?.payload : undefined;
  if (!datum) return null;
  const { step } = datum;
  const delta = step.end - step.start;
  return (
    <div className="chart-tooltip">
      <div className="chart-tooltip__label">{step.label}</div>
      {step.kind === 'up' || step.kind === 'down' ? (
        <div className="chart-tooltip__row">
          {delta > 0 ? '+' : ''}
          {delta.toFixed(3)} log-odds
        </div>
      ) : null}
      <div className="chart-tooltip__row">PD {formatPd(step.pd)}</div>
    </div>
  );
}

export function WaterfallChart({ steps, ariaLabel }: { steps: WaterfallStep[]; ariaLabel: string }) {
  // Stacked bars need a common origin: shift everything so the lowest point is 0 (log-odds are mostly negative).
  const low = Math.min(0, ...steps.flatMap((s) => [s.start, s.end]));
  const data: Datum[] = steps.map((step) => ({
    label: step.label,
    base: Math.min(step.start, step.end) - low,
    size: Math.abs(step.end - step.start),
    step,
  }));
  return (
    <div className="chart" role="img" aria-label={ariaLabel}>
      <ResponsiveContainer width="100%" height={Math.max(220, 30 * data.length + 60)}>
        <BarChart data={data} layout="vertical" margin={{ top: 4, right: 24, bottom: 28, left: 8 }}>
          <CartesianGrid horizontal={false} stroke="#e7eaf0" />
          <XAxis type="number" tick={AXIS} stroke="#c5ccd8" tickFormatter={(v: number) => (v + low).toFixed(1)}>
            <Label value="log-odds of default" position="insideBottom" offset={-16} style={AXIS} />
          </XAxis>
          <YAxis
            type="category"
            dataKey="label"
            width={200}
            tick={AXIS}
            stroke="#c5ccd8"
            interval={0}
            tickFormatter={(v: string) => (v.length > 30 ? `${v.slice(0, 29)}…` : v)}
          />
          <Tooltip content={<StepTooltip />} />
          <Bar dataKey="base" stackId="w" fill="transparent" isAnimationActive={false} />
          <Bar dataKey="size" stackId="w" maxBarSize={18} isAnimationActive={false}>
            {data.map((d) => (
              <Cell key={d.label} fill={COLOR[d.step.kind]} />
            ))}
          </Bar>
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
