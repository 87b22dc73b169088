/**
 * Gradient-boosted trees end to end: the same data and seed give the same model file byte for byte,
 * declared monotone directions hold for every row over each column's range (even a direction the data
 * contradict), missing values get their own learned side, class weights shift the PDs as they should,
 * and a hand-edited trees file is refused with the field named.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { unfamiliarLoansCsv } from '../../test/support/unfamiliar-loans.ts';
import { readCsvText } from '../data/read-csv.ts';
import { cellValue, tableFromRecords, type Table } from '../data/table.ts';
import { parseModel, serializeModel } from '../model-file/io.ts';
import { ModelScorer } from '../scorer/model-scorer.ts';
import { trainModel } from '../train/train-model.ts';
import type { TrainOptions } from '../train/options.ts';
import { seededRandom } from '../util/random.ts';

let loans: Table;
const base: TrainOptions = {
  model: 'gbdt',
  target: 'status',
  defaultValue: 'default',
  limitColumn: 'credit_limit',
  split: { kind: 'random', seed: 3, fraction: 0.2 },
  createdAt: '2026-01-01T00:00:00.000Z',
};

beforeAll(async () => {
  ({ table: loans } = await readCsvText(unfamiliarLoansCsv({ rows: 3000, seed: 21 })));
});

function records(table: Table, rows: number[]): Record<string, string | number | null>[] {
  return rows.map((row) => Object.fromEntries(table.columns.map((c) => [c.name, cellValue(c, row)])));
}

describe('gbdt', () => {
  it('an out-of-fold fusion of logistic and trees writes the same file for the same seed, its explanations adding up', async () => {
    const options: TrainOptions = { ...base, model: 'fusion', seed: 5, fusion: { members: ['logistic', 'gbdt'], stacking: 'out-of-fold' } };
    const first = await trainModel(loans, options);
    const again = await trainModel(loans, options);
    // Byte for byte but the logistic solver's wall-clock seconds.
    const bytes = (m: typeof first.model) => serializeModel(m).replace(/"seconds":[0-9.e-]+/g, '"seconds":0');
    expect(bytes(again.model)).toBe(bytes(first.model));
    const model = parseModel(serializeModel(first.model));
    if (model.model.kind !== 'fusion') throw new Error('expected a fusion');
    expect(model.model.state.stacking).toMatchObject({
      rows: 'out-of-fold',
      count: model.trainingData.trainRows + model.trainingData.validationRows,
      folds: 5,
    });
    expect(model.model.state.members.map((m) => m.model.kind)).toEqual(expect.arrayContaining(['gbdt']));
    const rows = Array.from({ length: 100 }, (_, i) => i * 13);
    for (const explanation of new ModelScorer(model).explain(loans, rows)) expect(explanation.gap).toBeLessThan(1e-9);
  }, 120_000);

  it('writes the same model file, byte for byte, for the same data and seed (and another for another seed)', async () => {
    const a = serializeModel((await trainModel(loans, { ...base, seed: 5 })).model);
    const b = serializeModel((await trainModel(loans, { ...base, seed: 5 })).model);
    const c = serializeModel((await trainModel(loans, { ...base, seed: 6 })).model);
    expect(a).toBe(b);
    expect(c).not.toBe(a);
    const model = parseModel(a);
    if (model.model.kind !== 'gbdt') throw new Error('expected trees');
    // Bins fitted on training rows are stored: at most 255 value bins per input.
    expect(model.model.state.features.every((f) => f.edges.length <= 254)).toBe(true);
    expect(model.model.state.trees.length).toBeGreaterThan(5);
  }, 120_000);

  it('keeps declared monotone directions for every row over each column range, even one the data contradict', async () => {
    // Income lowers the risk in this data; declaring +1 forces the model to never let the PD fall as it rises.
    const { model, report } = await trainModel(loans, { ...base, gbdt: { monotone: { late_payments: 1, income: 1, balance_1: 1 } } });
    expect(report.gbdt?.monotone).toMatchObject({ late_payments: 1, income: 1, balance_1: 1 });
    // A std over the balance history cannot keep balance_1's direction: left out, and said so.
    expect(report.gbdt?.excluded.some((e) => /^balance.*:std /.test(e))).toBe(true);
    expect(report.notes.some((n) => n.includes('the trees do not split on it'))).toBe(true);
    const scorer = new ModelScorer(model);
    const grids: Record<string, number[]> = {
      late_payments: [0, 1, 2, 3, 4, 5, 6],
      income: Array.from({ length: 40 }, (_, k) => Math.exp(8.5 + k * 0.08)),
      balance_1: Array.from({ length: 40 }, (_, k) => k * 400),
    };
    const rows = Array.from({ length: 150 }, (_, i) => i * 19);
    let rises = 0;
    for (const [column, grid] of Object.entries(grids)) {
      const candidates = records(loans, rows).flatMap((r) => grid.map((v) => ({ ...r, [column]: v })));
      const pd = scorer.score(tableFromRecords(candidates, scorer.requiredColumns)).pd;
      for (let r = 0; r < rows.length; r++)
        for (let k = 1; k < grid.length; k++) {
          const step = pd[r * grid.length + k]! - pd[r * grid.length + k - 1]!;
          expect(step).toBeGreaterThanOrEqual(0);
          if (step > 0) rises++;
        }
    }
    expect(rises).toBeGreaterThan(100); // the constrained columns still matter
  }, 120_000);

  it('learns where missing values go instead of imputing them', async () => {
    const random = seededRandom(9);
    const data: Record<string, number | null>[] = [];
    for (let i = 0; i < 4000; i++) {
      const a = random() * 10;
      const missing = random() < 0.2;
      const b = random() * 10;
      // A missing b is a strong risk sign; a present b lowers the risk as it grows.
      const p = missing ? 0.7 : 1 / (1 + Math.exp(-(-1 + 0.1 * a - 0.4 * b)));
      data.push({ a, b: missing ? null : b, y: random() < p ? 1 : 0 });
    }
    const table = tableFromRecords(data);
    const { model } = await trainModel(table, { model: 'gbdt', target: 'y', split: { kind: 'random', seed: 1, fraction: 0.2 } });
    const scorer = new ModelScorer(model);
    const grid = Array.from({ length: 20 }, (_, k) => 0.25 + k * 0.5);
    const mean = (b: number | null) => {
      const pd = scorer.score(tableFromRecords(grid.map((a) => ({ a, b })))).pd;
      return pd.reduce((s, p) => s + p, 0) / pd.length;
    };
    // Missing is riskier than any present value, the smallest included (a median imputation would put it mid-way).
    expect(mean(null)).toBeGreaterThan(0.6);
    expect(mean(null)).toBeGreaterThan(mean(0) + 0.2);
    expect(mean(0)).toBeGreaterThan(mean(9) + 0.1);
  }, 120_000);

  it('weighs defaults when asked: balanced class weights raise the raw log-odds', async () => {
    const plain = await trainModel(loans, base);
    const weighted = await trainModel(loans, { ...base, classWeight: 'balanced' });
    if (plain.model.model.kind !== 'gbdt' || weighted.model.model.kind !== 'gbdt') throw new Error('expected trees');
    expect(weighted.model.model.state.defaultWeight).toBeGreaterThan(2);
    expect(weighted.model.model.state.baseScore).toBeCloseTo(0, 6); // balanced: equal weight on both classes
    expect(weighted.report.validation.auc).toBeGreaterThan(0.6);
  }, 120_000);

  it('refits on training and validation rows with the count chosen on the validation rows (folds 0) scaled, and measures validation held out', async () => {
    const refit = await trainModel(loans, { ...base, gbdt: { folds: 0 } });
    const first = await trainModel(loans, { ...base, gbdt: { refit: 'off' } });
    const r = refit.report.gbdt!;
    const { trainRows, validationRows } = refit.report.data;
    expect(first.report.gbdt!.refit).toBeNull();
    expect(r.refit).toMatchObject({ rows: trainRows + validationRows, rule: 'scaled', chosenBy: 'validation' });
    // Same rows, seed and settings up to the refit: early stopping chose the same count both times.
    expect(r.refit!.chosenOnValidation).toBe(first.report.gbdt!.trees);
    expect(r.trees).toBe(Math.round((first.report.gbdt!.trees * (trainRows + validationRows)) / trainRows));
    if (refit.model.model.kind !== 'gbdt') throw new Error('expected trees');
    expect(refit.model.model.state.trees.length).toBe(r.trees);
    // The validation figures are the first fit's (it never saw those rows), not the refit's in-sample ones.
    expect(r.validation.auc).toBe(first.report.gbdt!.validation.auc);
    expect(refit.report.validation.auc).toBeCloseTo(first.report.validation.auc, 12);
    // The refit trees still explain exactly.
    const scorer = new ModelScorer(refit.model);
    const rows = Array.from({ length: 200 }, (_, i) => i * 7);
    for (const explanation of scorer.explain(loans, rows)) expect(explanation.gap).toBeLessThan(1e-9);
  }, 180_000);

  it('by default chooses the number of trees by 5-fold cross-validation, refits on all rows and reports validation held out', async () => {
    const { model, report } = await trainModel(loans, base);
    const r = report.gbdt!;
    const all = report.data.trainRows + report.data.validationRows;
    expect(r.refit).toMatchObject({ rows: all, rule: 'scaled', chosenBy: '5-fold cross-validation' });
    // Each fold model trained on four fifths of the rows: the count scales by about 5/4.
    expect(Math.abs(r.trees - Math.round((r.refit!.chosenOnValidation * 5) / 4))).toBeLessThanOrEqual(1);
    expect(r.treesTrained).toBeGreaterThanOrEqual(r.refit!.chosenOnValidation);
    if (model.model.kind !== 'gbdt') throw new Error('expected trees');
    expect(model.model.state.trees.length).toBe(r.trees);
    // Validation figures come from the fold models that held each row out (the refit is in-sample there).
    expect(r.validation.auc).toBeGreaterThan(0.6);
    expect(report.validation.auc).toBeCloseTo(r.validation.auc, 12);
    // Deterministic across runs, as every default must be.
    expect(serializeModel((await trainModel(loans, base)).model)).toBe(serializeModel(model));
  }, 240_000);

  it('keeps the regularised defaults unless the other settings lower the held-out log loss by a standard error, and only tries settings the options leave open', async () => {
    const { model, report } = await trainModel(loans, base);
    const tried = report.gbdt!.candidates;
    expect(tried).toHaveLength(2);
    expect(tried.filter((c) => c.chosen)).toHaveLength(1);
    const chosen = tried.find((c) => c.chosen)!;
    // The regularised defaults come first and stay unless the other is better on held-out rows.
    if (!tried[0]!.chosen) expect(tried[1]!.heldOutLogLoss!).toBeLessThan(tried[0]!.heldOutLogLoss ?? Infinity);
    expect(report.gbdt!.params).toEqual(chosen.params);
    // The kept model is the one that candidate alone gives (the other settings leave no trace).
    const { l2, rowSample, columnSample } = chosen.params;
    const alone = await trainModel(loans, { ...base, gbdt: { candidates: [{ l2, rowSample, columnSample }] } });
    expect(alone.report.gbdt!.candidates).toHaveLength(1);
    expect(serializeModel(alone.model)).toBe(serializeModel(model));
    // Settings given explicitly hold for every candidate: here they coincide and are tried once.
    const fixed = await trainModel(loans, { ...base, gbdt: { l2: 0.5, rowSample: 0.9, columnSample: 0.9 } });
    expect(fixed.report.gbdt!.candidates).toHaveLength(1);
    expect(fixed.report.gbdt!.params).toMatchObject({ l2: 0.5, rowSample: 0.9, columnSample: 0.9 });
  }, 300_000);

  it('refuses a hand-edited trees file, naming the field', async () => {
    const { model } = await trainModel(loans, base);
    const text = serializeModel(model);
    const edit = (change: (state: { trees: Record<string, unknown[]>[]; features: Record<string, unknown>[] }) => void) => {
      const doc = JSON.parse(text) as { model: { state: { trees: Record<string, unknown[]>[]; features: Record<string, unknown>[] } } };
      change(doc.model.state);
      return JSON.stringify(doc);
    };
    const cases: [string, string, RegExp][] = [
      [edit((s) => (s.trees[0]!.left![0] = 0)), 'a loop', /field "model\.state\.trees\[0\]\.left\[0\]": must be a node after 0/],
      [edit((s) => (s.trees[1]!.value![2] = 'big')), 'a text value', /field "model\.state\.trees\[1\]\.value\[2\]"/],
      [edit((s) => s.trees[0]!.cover!.pop()), 'a short array', /field "model\.state\.trees\[0\]\.cover": has \d+ entries but the tree has/],
      [
        edit((s) => (s.trees[0]!.feature![0] = 999)),
        'an unknown input',
        /field "model\.state\.trees\[0\]\.feature\[0\]": must name one of/,
      ],
      [edit((s) => (s.features[2]!.input = 'salary')), 'a renamed input', /field "model\.state\.features\[2\]\.input": is "salary"/],
      [edit((s) => (s.trees[0]!.missingLeft![0] = 2)), 'a bad flag', /field "model\.state\.trees\[0\]\.missingLeft\[0\]"/],
    ];
    for (const [doc, what, message] of cases) expect(() => parseModel(doc), what).toThrow(message);
  }, 120_000);
});
