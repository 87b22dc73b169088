/**
 * The batched path against the trainer's maths: every model kind, trained end to end, scored and
 * explained by BatchScorer on batches of 1, 7 and 4,096 rows (two worker threads) and compared with
 * the same model scored through the float64 row-at-a-time deep network and its reference Integrated
 * Gradients, within the tolerances the lean scorer has always been held to (1e-5 log-odds against
 * TensorFlow.js; explanations complete within 1e-4).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unfamiliarLoansCsv } from '../../../test/support/unfamiliar-loans.ts';
import { readCsvText } from '../../data/read-csv.ts';
import type { Table } from '../../data/table.ts';
import { createDeepExplainer } from '../../deep/integrated-gradients.ts';
import { compileDeepScorer } from '../../deep/scorer.ts';
import type { ModelFile, ModelKind } from '../../model-file/types.ts';
import { trainModel } from '../../train/train-model.ts';
import { ModelScorer } from '../model-scorer.ts';
import { BatchScorer } from './batch-scorer.ts';
import { ModelBatch, type BatchScores, type DeepPart } from './model-batch.ts';
import { sliceTable } from './table-slice.ts';
import { topReasons } from './top-reasons.ts';

const KINDS: ModelKind[] = ['logistic', 'deep', 'fusion'];
const REASONS = 3;
const models = new Map<ModelKind, ModelFile>();
let table: Table;

beforeAll(async () => {
  ({ table } = await readCsvText(unfamiliarLoansCsv({ rows: 1500, seed: 21, european: true })));
  for (const kind of KINDS) {
    const { model } = await trainModel(table, {
      model: kind,
      target: 'status',
      defaultValue: 'default',
      limitColumn: 'credit_limit',
      split: { kind: 'random', seed: 4, fraction: 0.2 },
      deep: { epochs: 3, seed: 5 },
      backend: 'cpu',
      lambdas: [30],
    });
    models.set(kind, model);
  }
}, 120_000);

const references = new Map<ModelFile, BatchScores>();

/** The trainer's maths: the deep part from the float64 lean network and its reference Integrated Gradients. */
function reference(model: ModelFile): BatchScores {
  let scores = references.get(model);
  if (!scores) {
    scores = computeReference(model);
    references.set(model, scores);
  }
  return scores;
}

function computeReference(model: ModelFile): BatchScores {
  const core = new ModelBatch(model);
  const batch = core.encode(table);
  let deep: DeepPart | null = null;
  if (batch.deep) {
    const explainer = createDeepExplainer(model.deep!);
    const explanations = explainer.explainDataset(batch.deep);
    const F = explainer.features.length;
    const attributions = new Float64Array(batch.n * F);
    explanations.forEach((e, r) => explainer.features.forEach((f, j) => (attributions[r * F + j] = e.attributions[f]!)));
    const logits = compileDeepScorer(model.deep!).logits(batch.deep);
    deep = {
      logits,
      explanation: {
        logit: logits,
        attributions,
        gap: Float64Array.from(explanations, (e) => e.gap),
        steps: Int32Array.from(explanations, (e) => e.steps),
      },
    };
  }
  return core.finish(batch, deep, true);
}

function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  expect(a.length).toBe(b.length);
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]! - b[i]!));
  return m;
}

describe.each(KINDS)('%s model: the batched path', (kind) => {
  const scored = new Map<number, Awaited<ReturnType<BatchScorer['score']>>>();
  const scorers: BatchScorer[] = [];

  beforeAll(async () => {
    for (const batchSize of [1, 7, 4096]) {
      const scorer = new BatchScorer(models.get(kind)!, { batchSize, threads: 2 });
      scorers.push(scorer);
      scored.set(batchSize, await scorer.score(table, { reasons: REASONS }));
    }
  }, 120_000);
  afterAll(async () => {
    await Promise.all(scorers.map((s) => s.close()));
  });

  it('gives the same bits on batches of 1, 7 and 4,096 rows', () => {
    const whole = scored.get(4096)!;
    for (const batchSize of [1, 7]) {
      const part = scored.get(batchSize)!;
      expect(Array.from(part.pd)).toEqual(Array.from(whole.pd));
      expect(Array.from(part.reasons!.unit)).toEqual(Array.from(whole.reasons!.unit));
      expect(Array.from(part.reasons!.contribution)).toEqual(Array.from(whole.reasons!.contribution));
    }
  });

  it("scores like the trainer's maths: log-odds within 1e-5 (logistic: exactly)", () => {
    const expected = reference(models.get(kind)!);
    const got = scored.get(7)!;
    const diff = maxAbsDiff(got.logit, expected.logit);
    if (kind === 'logistic') expect(diff).toBe(0);
    else expect(diff).toBeLessThan(1e-5);
    expect(maxAbsDiff(got.pd, expected.pd)).toBeLessThan(1e-5);
    // The same numbers as the single-threaded scorer the trainer measured its metrics with.
    expect(Array.from(new ModelScorer(models.get(kind)!).score(table).pd)).toEqual(Array.from(got.pd));
  });

  it('explains like the reference: contributions within 1e-4, complete within 1e-4, the same reasons', () => {
    const model = models.get(kind)!;
    const expected = reference(model);
    const got = scored.get(1)!;
    const units = model.pipeline.units.length;
    const want = topReasons(expected.explanations!.contributions, expected.n, units, REASONS);
    let compared = 0;
    for (let r = 0; r < expected.n; r++) {
      expect(got.gap![r]).toBeLessThanOrEqual(1e-4 * (model.calibration.method === 'platt' ? Math.abs(model.calibration.a) : 1) + 1e-12);
      for (let s = 0; s < REASONS; s++) {
        const at = r * REASONS + s;
        expect(Math.abs(got.reasons!.contribution[at]! - want.contribution[at]!)).toBeLessThan(1e-4);
        // A different unit only where two contributions tie within the tolerance.
        if (got.reasons!.unit[at] !== want.unit[at]) {
          const a = expected.explanations!.contributions[r * units + got.reasons!.unit[at]!]!;
          expect(Math.abs(a - want.contribution[at]!)).toBeLessThan(1e-4);
        } else compared++;
      }
    }
    expect(compared).toBeGreaterThan(expected.n * REASONS * 0.99);
  });

  it('explains the same as ModelScorer.explain (one core under both)', () => {
    const model = models.get(kind)!;
    const rows = [0, 7, 1499];
    const explanations = new ModelScorer(model).explain(table, rows, { reasons: REASONS });
    const got = scored.get(4096)!;
    const units = model.pipeline.units.map((u) => u.name);
    explanations.forEach((e, i) => {
      const r = rows[i]!;
      expect(e.pd).toBe(got.pd[r]);
      e.reasons.forEach((reason, s) => {
        expect(reason.feature).toBe(units[got.reasons!.unit[r * REASONS + s]!]);
        expect(reason.contribution).toBe(got.reasons!.contribution[r * REASONS + s]);
      });
    });
  });
});

describe('batch scorer input', () => {
  it('names a missing column and a bad option', async () => {
    const scorer = new BatchScorer(models.get('logistic')!, { threads: 1 });
    const without = { ...table, columns: table.columns.filter((c) => c.name !== 'region') };
    await expect(scorer.score(without)).rejects.toThrow(/lacks column\(s\) the model needs: region/);
    await expect(scorer.score(table, { reasons: -1 })).rejects.toThrow(/reasons must be a whole number/);
    expect(() => new BatchScorer(models.get('deep')!, { batchSize: 0 })).toThrow(/batchSize must be a positive integer/);
    await scorer.close();
  });
});

describe('topReasons', () => {
  it('keeps the k largest positive contributions per row, largest first, ties in unit order', () => {
    const contributions = Float64Array.of(0.1, -2, 0.5, 0.5, 0.3, /* row 2 */ -1, 0, -0.2, 0.05, -3);
    const { unit, contribution } = topReasons(contributions, 2, 5, 3);
    expect(Array.from(unit)).toEqual([2, 3, 4, 3, -1, -1]);
    expect(Array.from(contribution)).toEqual([0.5, 0.5, 0.3, 0.05, 0, 0]);
  });
});

describe('sliceTable', () => {
  it('views rows [from, to) and counts their missing cells', () => {
    const slice = sliceTable(table, 10, 20);
    expect(slice.rowCount).toBe(10);
    const column = table.columns[1]!;
    expect(Array.from(slice.columns[1]!.numbers)).toEqual(Array.from(column.numbers.subarray(10, 20)));
    expect(() => sliceTable(table, 5, table.rowCount + 1)).toThrow(/outside the table/);
  });
});
