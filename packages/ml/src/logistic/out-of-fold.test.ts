import { describe, expect, it } from 'vitest';
import { prepareDataset } from '../data/dataset.ts';
import { tableFromRecords } from '../data/table.ts';
import type { FitContext } from '../families/types.ts';
import { auc } from '../metrics/auc.ts';
import { fitPipeline } from '../pipeline/fit-pipeline.ts';
import { seededRandom } from '../util/random.ts';
import { logisticOutOfFold } from './out-of-fold.ts';
import { makePenalty } from './penalty.ts';

/** Labels independent of everything: a branch code of 40 levels whose weight of evidence can only memorise them. */
function noise(n: number) {
  const random = seededRandom(41);
  return Array.from({ length: n }, () => ({
    branch: `b${Math.floor(random() * 40)}`,
    x: random(),
    status: random() < 0.2 ? 'default' : 'ok',
  }));
}

describe('logistic out-of-fold log-odds', () => {
  it('refits the weight-of-evidence pipeline per fold, so labels of a held-out row never reach its log-odds', async () => {
    const table = tableFromRecords(noise(1500));
    const prepared = prepareDataset(table, { target: 'status', defaultValue: 'default' });
    const refit = (rows: Int32Array) =>
      fitPipeline(
        { table, columns: prepared.columns, groups: prepared.groups, labels: prepared.labels, trainRows: rows },
        { encoding: 'woe' },
      );
    const all = Int32Array.from({ length: 1500 }, (_, i) => i);
    const seen: Int32Array[] = [];
    const context = {
      pipeline: refit(all),
      table,
      train: { rows: all.subarray(0, 1200), labels: prepared.labels.subarray(0, 1200) },
      validation: { rows: all.subarray(1200), labels: prepared.labels.subarray(1200) },
      test: null,
      stage() {},
      log() {},
      note() {},
      progress() {},
    } satisfies FitContext;
    const spy = (rows: Int32Array) => (seen.push(rows), refit(rows));
    const oof = await logisticOutOfFold(context, spy, 5, 3, 0.01, makePenalty('l2'), {});
    // Five pipelines, each fitted on four fifths of the rows; together they hold each row out once.
    expect(seen).toHaveLength(5);
    const heldOut = new Uint8Array(1500);
    for (const rows of seen) {
      expect(rows.length).toBeGreaterThan(1100);
      const inFit = new Set(rows);
      for (let i = 0; i < 1500; i++) if (!inFit.has(i)) heldOut[i]!++;
    }
    expect(heldOut.every((c) => c === 1)).toBe(true);
    // The in-sample encoding memorises the branches; out of fold there is nothing to find.
    const { trainLogistic } = await import('./train-logistic.ts');
    const { buildLogisticDesign, logisticDesignLogits } = await import('./logistic-design.ts');
    const { designLayout } = await import('../pipeline/design-matrix.ts');
    const layout = designLayout(context.pipeline);
    const design = buildLogisticDesign(context.pipeline, table, layout, all, 'newton');
    const state = await trainLogistic(
      context.pipeline,
      { design, labels: prepared.labels },
      { design, labels: prepared.labels },
      { lambdas: [0.01] },
    );
    const inSample = auc(prepared.labels, logisticDesignLogits(design, Float64Array.from(state.coefficients), state.intercept));
    const outOfFold = auc(prepared.labels, oof);
    expect(inSample).toBeGreaterThan(0.58);
    expect(outOfFold).toBeLessThan(0.55);
  });
});
