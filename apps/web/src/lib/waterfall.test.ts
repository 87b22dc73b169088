import { describe, expect, it } from 'vitest';
import { waterfallSteps } from './waterfall.ts';

const contribution = (feature: string, c: number, value: string | null = '1') => ({ feature, label: feature, value, contribution: c });

describe('waterfallSteps', () => {
  it('walks from the baseline through each contribution to the final log-odds', () => {
    const steps = waterfallSteps({
      baselineLogit: -2,
      logit: -0.5,
      gap: 0,
      contributions: [contribution('b', -0.5), contribution('a', 2)],
    });
    expect(steps.map((s) => [s.label, s.start, s.end, s.kind])).toEqual([
      ['Baseline', 0, -2, 'baseline'],
      ['a = 1', -2, 0, 'up'],
      ['b = 1', 0, -0.5, 'down'],
      ['PD', 0, -0.5, 'final'],
    ]);
    expect(steps.at(-1)!.pd).toBeCloseTo(1 / (1 + Math.exp(0.5)), 12);
  });

  it('sums the features beyond the shown ones and adds the unexplained gap, so the last bar ends at the PD', () => {
    const contributions = [0.4, -0.3, 0.2, 0.1, -0.05].map((c, i) => contribution(`f${i}`, c, i === 0 ? null : '2'));
    const steps = waterfallSteps({ baselineLogit: -1, logit: -0.6, gap: 0.05, contributions }, 2);
    expect(steps.map((s) => s.label)).toEqual(['Baseline', 'f0 (missing)', 'f1 = 2', 'Other 3 feature(s)', 'Unexplained', 'PD']);
    expect(steps[3]!.end - steps[3]!.start).toBeCloseTo(0.25, 12);
    expect(steps[4]!.end).toBeCloseTo(-0.6, 12);
    expect(steps[4]!.end - steps[4]!.start).toBeCloseTo(0.05, 12);
  });
});
