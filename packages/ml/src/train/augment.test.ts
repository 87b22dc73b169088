import { beforeAll, describe, expect, it } from 'vitest';
import { prepareDataset } from '../data/dataset.ts';
import { readCsvText } from '../data/read-csv.ts';
import { assignSplit, ROLE_TRAIN, rowsWithRole } from '../data/split.ts';
import type { Table } from '../data/table.ts';
import { binomialUpperTail } from '../metrics/distributions.ts';
import { fitPipeline } from '../pipeline/fit-pipeline.ts';
import { ModelScorer } from '../scorer/model-scorer.ts';
import { unfamiliarLoansCsv } from '../../test/support/unfamiliar-loans.ts';
import { augmentTraining } from './augment.ts';
import { trainModel } from './train-model.ts';

// About 5% defaults: rare enough for augmentation to shift the training default rate tenfold.
let table: Table;
beforeAll(async () => {
  ({ table } = await readCsvText(unfamiliarLoansCsv({ rows: 8000, seed: 41, shift: -2 })));
});

const TARGET = { target: 'status', defaultValue: 'default' };

/** Whether `pd` lies in the exact (Clopper-Pearson) 95% interval of `defaults` out of `count`. */
function withinBinomialInterval(pd: number, defaults: number, count: number): boolean {
  const upper = binomialUpperTail(defaults, count, pd); // P(X >= defaults)
  const lower = 1 - binomialUpperTail(defaults + 1, count, pd); // P(X <= defaults)
  return upper > 0.025 && lower > 0.025;
}

describe('augmentTraining', () => {
  it('adds defaults made from training defaults only, up to the ratio, and leaves the other rows alone', () => {
    const prepared = prepareDataset(table, TARGET);
    const split = assignSplit(table, undefined, { kind: 'mod5' });
    const trainRows = rowsWithRole(split.roles, ROLE_TRAIN);
    const pipeline = fitPipeline({ table, columns: prepared.columns, groups: prepared.groups, labels: prepared.labels, trainRows });
    const result = augmentTraining(table, prepared.columns, pipeline, trainRows, prepared.labels, prepared.target, {
      method: 'smote',
      ratio: 0.5,
    });
    const defaults = [...trainRows].filter((r) => prepared.labels[r] === 1);
    expect(result.defaultsBefore).toBe(defaults.length);
    expect(result.synthetic).toBe(Math.round(0.5 * (trainRows.length - defaults.length)) - defaults.length);
    expect(result.table.rowCount).toBe(table.rowCount + result.synthetic);
    expect(result.trainRows.length).toBe(trainRows.length + result.synthetic);
    expect([...result.trainLabels.subarray(trainRows.length)].every((y) => y === 1)).toBe(true);
    // Real rows are unchanged; each synthetic income lies within the training defaults' range.
    const income = table.columns.find((c) => c.name === 'income')!;
    const extended = result.table.columns.find((c) => c.name === 'income')!;
    for (let row = 0; row < table.rowCount; row++) expect(Object.is(extended.numbers[row], income.numbers[row])).toBe(true);
    const parents = defaults.map((r) => income.numbers[r]!).filter((v) => !Number.isNaN(v));
    const [lo, hi] = [Math.min(...parents), Math.max(...parents)];
    for (let row = table.rowCount; row < result.table.rowCount; row++) {
      const v = extended.numbers[row]!;
      if (!Number.isNaN(v)) expect(v >= lo && v <= hi).toBe(true);
    }
    const status = result.table.columns.find((c) => c.name === 'status')!;
    const synthetic = result.table.rowCount - 1;
    expect(status.texts[status.textCodes![synthetic]!]).toBe('default');
    const loanRef = result.table.columns.find((c) => c.name === 'loan_ref')!;
    expect(loanRef.textCodes![synthetic]).toBe(-1); // synthetic rows carry no identifier
  });
});

describe('training with --augment', { timeout: 120_000 }, () => {
  for (const method of ['smote', 'noise'] as const) {
    it(`${method}: the calibration brings the mean test PD within the binomial interval of the observed rate`, async () => {
      const { model, report } = await trainModel(table, { model: 'logistic', ...TARGET, augment: { method } });
      const a = report.augmentation!;
      expect(a.method).toBe(method);
      expect(a.syntheticRows).toBeGreaterThan(4000);
      expect(a.trainingDefaultRate.before).toBeLessThan(0.08);
      expect(a.trainingDefaultRate.after).toBeCloseTo(0.5, 2);
      // Validation and test rows stay real: their counts are those of the split without augmentation.
      expect(report.data.trainRows + report.data.validationRows + report.data.testRows).toBe(table.rowCount);
      expect(a.comparison.map((v) => v.variant)).toEqual([
        `augmented (${method}, the model kept)`,
        'class weighting (balanced)',
        'nothing',
      ]);
      // The shift in the raw scores is real, and corrected.
      const kept = a.comparison[0]!;
      expect(kept.meanPd.validationRaw).toBeGreaterThan(4 * a.observedDefaultRate.validation);
      const testRows = Int32Array.from({ length: table.rowCount / 5 }, (_, i) => 5 * i);
      const scores = new ModelScorer(model).score(table, testRows);
      const meanPd = scores.pd.reduce((s, p) => s + p, 0) / scores.pd.length;
      const labels = table.columns.find((c) => c.name === 'status')!;
      const defaults = [...testRows].filter((r) => labels.texts[labels.textCodes![r]!] === 'default').length;
      expect(withinBinomialInterval(meanPd, defaults, testRows.length), `mean PD ${meanPd}, ${defaults} / ${testRows.length}`).toBe(true);
      expect(kept.meanPd.testCalibrated).toBeCloseTo(meanPd, 10);
      for (const v of a.comparison) expect(v.test!.auc).toBeGreaterThan(0.75);
    });
  }

  it('without calibration of the shift the mean PD would miss the interval (the check can fail)', async () => {
    const { report } = await trainModel(table, { model: 'logistic', ...TARGET, augment: { method: 'smote' } });
    const kept = report.augmentation!.comparison[0]!;
    const testDefaults = Math.round(report.augmentation!.observedDefaultRate.test! * report.data.testRows);
    expect(withinBinomialInterval(kept.meanPd.validationRaw, testDefaults, report.data.testRows)).toBe(false);
  });

  it('refuses --augment together with --class-weight', async () => {
    await expect(
      trainModel(table, { model: 'logistic', ...TARGET, augment: { method: 'noise' }, classWeight: 'balanced' }),
    ).rejects.toThrow(/choose one/);
  });
});
