import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { sigmoid } from '../util/logistic-math.ts';
import { meanPd, solveAnchorShift } from './anchor.ts';
import { calibratedLogit, fitCalibration } from './apply.ts';
import { applyIsotonic } from './isotonic.ts';

const data = JSON.parse(readFileSync(new URL('../../test/fixtures/logistic/calibration.json', import.meta.url), 'utf8')) as {
  logits: number[];
  y: number[];
  platt: { a: number; b: number };
  isotonic: { grid: number[]; pd: number[] };
};

describe('calibration against scikit-learn (scripts/logistic-fixtures.py)', () => {
  it('Platt scaling finds the same slope and intercept', () => {
    const state = fitCalibration('platt', data.logits, data.y);
    if (state.method !== 'platt') throw new Error('expected platt');
    expect(state.a).toBeCloseTo(data.platt.a, 5);
    expect(state.b).toBeCloseTo(data.platt.b, 5);
    expect(calibratedLogit(state, null, 1.5)).toBeCloseTo(state.a * 1.5 + state.b, 12);
  });

  it('Platt scaling keeps a finite slope on rows the scores separate (Platt targets, as scikit-learn)', () => {
    // scipy on Platt's objective (scripts/logistic-fixtures.py platt_scaling); 0/1 labels have no optimum here.
    const state = fitCalibration('platt', [-3, -2, -1.5, -1, -0.5, 0.5, 1, 1.5, 2, 3], [0, 0, 0, 0, 0, 1, 1, 1, 1, 1]);
    if (state.method !== 'platt') throw new Error('expected platt');
    expect(state.a).toBeCloseTo(0.9786077953663593, 5);
    expect(state.b).toBeCloseTo(0, 5);
  });

  it('isotonic calibration predicts the same PDs as IsotonicRegression', () => {
    const state = fitCalibration('isotonic', data.logits, data.y);
    if (state.method !== 'isotonic') throw new Error('expected isotonic');
    data.isotonic.grid.forEach((z, k) => expect(applyIsotonic(state, z)).toBeCloseTo(data.isotonic.pd[k]!, 10));
    // Non-decreasing and strictly inside (0, 1).
    for (let k = 1; k < state.y.length; k++) expect(state.y[k]!).toBeGreaterThanOrEqual(state.y[k - 1]!);
    for (const p of state.y) expect(p > 0 && p < 1).toBe(true);
  });
});

describe('re-anchoring', () => {
  it('shifts the log-odds so the mean PD equals the long-run rate', () => {
    for (const rate of [0.02, 0.2, 0.6]) {
      const shift = solveAnchorShift(data.logits, rate);
      expect(meanPd(data.logits, shift)).toBeCloseTo(rate, 12);
    }
  });

  it('applies the shift after calibration and keeps PDs inside (0, 1)', () => {
    const state = fitCalibration('platt', data.logits, data.y);
    const anchor = { rate: 0.05, shift: -2, meanBefore: 0.3 };
    expect(calibratedLogit(state, anchor, 0.3)).toBeCloseTo(calibratedLogit(state, null, 0.3) - 2, 12);
    const extreme = sigmoid(calibratedLogit({ method: 'none' }, null, 1e6));
    expect(extreme).toBeLessThan(1);
  });

  it('rejects a rate outside (0, 1)', () => {
    expect(() => solveAnchorShift([0, 1], 1)).toThrow(/strictly between 0 and 1/);
  });
});
