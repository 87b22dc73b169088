// Per-feature counterfactuals against answers known independently of the search: a logistic model on
// linear inputs solved in closed form from its coefficients, and trees checked by scoring every value.
import { describe, expect, it } from 'vitest';
import { tableFromRecords } from '../data/table.ts';
import { memberState } from '../model-file/parts.ts';
import { ModelScorer } from '../scorer/model-scorer.ts';
import { trainModel } from '../train/train-model.ts';
import { featureCounterfactuals } from './feature-counterfactual.ts';

function synthetic(n: number, seed: number) {
  let s = seed;
  const rand = () => (s = (s * 1103515245 + 12345) % 2147483648) / 2147483648;
  return Array.from({ length: n }, () => {
    const x = Math.round((rand() * 6 - 3) * 1000) / 1000;
    const z = Math.round(rand() * 1000) / 100;
    const pay = Math.floor(rand() * 8) - 1;
    const risk = -1.5 + 1.1 * x - 0.12 * z + 0.7 * pay;
    return { x, z, pay, y: rand() < 1 / (1 + Math.exp(-risk)) ? 1 : 0 };
  });
}

const logit = (p: number) => Math.log(p / (1 - p));

describe('featureCounterfactuals', () => {
  it('on a logistic model with linear inputs, finds the closed-form value where the PD crosses the threshold', async () => {
    const { model } = await trainModel(tableFromRecords(synthetic(3000, 11)), {
      model: 'logistic',
      target: 'y',
      encoding: 'linear',
      calibration: 'platt',
      seed: 3,
    });
    const scorer = new ModelScorer(model);
    const row = { x: 1.2, z: 4, pay: 2 };
    const pd = scorer.scoreRecord(row, { explain: false }).pd;
    const threshold = pd * 0.6;

    // Closed form: the calibrated log-odds are affine in x inside its clip range, with slope
    // a * coefficient / std (Platt's a; the design column is (x - mean) / std).
    const state = memberState(model.model, 'logistic')!;
    const input = model.pipeline.numeric.find((n) => n.name === 'x')!;
    expect(input.scaling.signedLog).toBe(false);
    const coefficient = state.coefficients[state.columns.indexOf('x')]!;
    const a = model.calibration.method === 'platt' ? model.calibration.a : 1;
    const slope = (a * coefficient) / input.scaling.std;
    const expected = row.x + (logit(threshold) - logit(pd)) / slope;
    expect(expected).toBeGreaterThan(input.scaling.low);

    const [found] = featureCounterfactuals(scorer, row, ['x'], threshold);
    expect(found).not.toBeNull();
    expect(found!.pd).toBeLessThan(threshold);
    // Rounded outward to few digits: on the right side of the crossing, within 1% of the range.
    expect(Math.sign((found!.to as number) - expected)).toBe(Math.sign(expected - row.x));
    expect(Math.abs((found!.to as number) - expected)).toBeLessThan((input.scaling.high - input.scaling.low) * 0.01);
    // The unrounded bisection lands on the closed form (up to the scorer's single-precision kernel).
    expect(Math.abs(found!.crossing! - expected)).toBeLessThan(1e-5);
    expect(scorer.scoreRecord({ ...row, x: expected }, { explain: false }).pd).toBeCloseTo(threshold, 7);
  });

  it('on a logistic model with linear inputs, answers a whole-valued feature with the nearest whole value that works', async () => {
    const { model } = await trainModel(tableFromRecords(synthetic(3000, 11)), {
      model: 'logistic',
      target: 'y',
      encoding: 'linear',
      seed: 3,
    });
    const scorer = new ModelScorer(model);
    const row = { x: 0.2, z: 4, pay: 5 };
    const pdAt = (pay: number) => scorer.scoreRecord({ ...row, pay }, { explain: false }).pd;
    const threshold = pdAt(3) * 0.99 + pdAt(2) * 0.01; // between pay 2 and 3, nearer 3's PD: 2 is the answer
    const [found] = featureCounterfactuals(scorer, row, ['pay'], threshold);
    expect(pdAt(3)).toBeGreaterThanOrEqual(threshold);
    expect(pdAt(2)).toBeLessThan(threshold);
    expect(found).toMatchObject({ feature: 'pay', from: 5, to: 2 });
    expect(found!.pd).toBe(pdAt(2));
  });

  it('on trees, returns the nearest whole value whose PD is below the threshold, as a scan of every value finds', async () => {
    const { model } = await trainModel(tableFromRecords(synthetic(3000, 5)), {
      model: 'gbdt',
      target: 'y',
      seed: 2,
      gbdt: { maxTrees: 40 },
    });
    const scorer = new ModelScorer(model);
    const row = { x: 0.5, z: 3, pay: 5 };
    const pd = scorer.scoreRecord(row, { explain: false }).pd;
    const threshold = pd * 0.7;
    const [found] = featureCounterfactuals(scorer, row, ['pay'], threshold);

    const pdAt = (pay: number) => scorer.scoreRecord({ ...row, pay }, { explain: false }).pd;
    let nearest: number | null = null;
    for (let distance = 1; distance <= 10 && nearest === null; distance++) {
      for (const pay of [row.pay - distance, row.pay + distance])
        if (nearest === null && pay >= -1 && pay <= 6 && pdAt(pay) < threshold) nearest = pay;
    }
    expect(nearest).not.toBeNull();
    expect(found).toMatchObject({ feature: 'pay', from: 5, to: nearest });
    expect(found!.pd).toBe(pdAt(nearest!));
  });

  it('answers null when no value of the feature alone gets below the threshold, and refuses an unknown column', async () => {
    const { model } = await trainModel(tableFromRecords(synthetic(1500, 9)), { model: 'logistic', target: 'y', seed: 1 });
    const scorer = new ModelScorer(model);
    expect(featureCounterfactuals(scorer, { x: 2, z: 1, pay: 6 }, ['z'], 1e-9)).toEqual([null]);
    expect(() => featureCounterfactuals(scorer, { x: 2, z: 1, pay: 6 }, ['nope'], 0.1)).toThrow(/"nope" is not a column the model reads/);
  });
});
