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
import type { DeepModelState } from '../../deep/types.ts';
import { compileModel } from '../../families/registry.ts';
import type { BatchExplanation, MemberModel, ModelKind } from '../../families/types.ts';
import type { ModelFile } from '../../model-file/types.ts';
import { buildDeepDataset } from '../../pipeline/deep-dataset.ts';
import { trainModel } from '../../train/train-model.ts';
import { calibrateExplanation, calibrateScores, type CalibratedExplanation } from '../calibrated.ts';
import { ModelScorer } from '../model-scorer.ts';
import { BatchScorer } from './batch-scorer.ts';
import { OffloadedBatchScorer, tableScorer } from './offloaded-scorer.ts';
import { sliceTable } from './table-slice.ts';
import { topReasons } from './top-reasons.ts';

const KINDS: ModelKind[] = ['logistic', 'deep', 'gbdt', 'fusion'];
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
      logistic: { lambdas: [30] },
    });
    models.set(kind, model);
  }
}, 120_000);

/** A member's raw log-odds and explanation, its deep part through the float64 lean network and reference Integrated Gradients. */
function referenceMember(model: ModelFile, member: MemberModel): { raw: Float64Array; explanation: BatchExplanation } {
  if (member.kind !== 'deep') {
    const compiled = compileModel(member, model.pipeline);
    const batch = compiled.encode(table);
    return { raw: compiled.logits(batch).raw, explanation: compiled.explain(batch, {}) };
  }
  const state: DeepModelState = member.state;
  const ds = buildDeepDataset(model.pipeline, table);
  const explainer = createDeepExplainer(state);
  const units = model.pipeline.units.map((u) => u.name);
  const k = units.length;
  const contributions = new Float64Array(ds.n * k);
  const explanations = explainer.explainDataset(ds);
  explanations.forEach((e, r) => {
    for (const [feature, value] of Object.entries(e.attributions)) contributions[r * k + units.indexOf(feature)] = value;
  });
  const raw = compileDeepScorer(state).logits(ds);
  return {
    raw,
    explanation: { contributions, raw, baseline: explainer.baselineLogit, baselineDescription: '', methods: [] },
  };
}

const references = new Map<ModelFile, { logit: Float64Array; pd: Float64Array; explained: CalibratedExplanation }>();

/** The trainer's maths for every row of the table: members stacked as the fusion family does, then calibrated. */
function reference(model: ModelFile) {
  let found = references.get(model);
  if (found) return found;
  let raw: Float64Array;
  let explanation: BatchExplanation;
  if (model.model.kind !== 'fusion') {
    ({ raw, explanation } = referenceMember(model, model.model));
  } else {
    const { intercept, members } = model.model.state;
    const parts = members.map((m) => ({ weight: m.weight, ...referenceMember(model, m.model) }));
    raw = parts[0]!.raw.map((_, i) => parts.reduce((z, p) => z + p.weight * p.raw[i]!, intercept));
    const contributions = parts[0]!.explanation.contributions.map((_, c) =>
      parts.reduce((sum, p) => sum + p.weight * p.explanation.contributions[c]!, 0),
    );
    const baseline = parts.reduce((b, p) => b + p.weight * p.explanation.baseline, intercept);
    explanation = { contributions, raw, baseline, baselineDescription: '', methods: [] };
  }
  const { logit, pd } = calibrateScores(model, raw);
  found = { logit, pd, explained: calibrateExplanation(model, logit, explanation) };
  references.set(model, found);
  return found;
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
    reference(models.get(kind)!);
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
    expect(diff).toBeLessThan(kind === 'logistic' ? 1e-12 : 1e-5);
    expect(maxAbsDiff(got.pd, expected.pd)).toBeLessThan(1e-5);
    // The same numbers as the single-threaded scorer the trainer measured its metrics with.
    expect(Array.from(new ModelScorer(models.get(kind)!).score(table).pd)).toEqual(Array.from(got.pd));
  });

  it('explains like the reference: contributions within 1e-4, complete within 1e-4, the same reasons', () => {
    const model = models.get(kind)!;
    const expected = reference(model);
    const got = scored.get(1)!;
    const units = model.pipeline.units.length;
    const n = table.rowCount;
    const want = topReasons(expected.explained.contributions, n, units, REASONS);
    let compared = 0;
    for (let r = 0; r < n; r++) {
      expect(got.gap![r]).toBeLessThanOrEqual(1e-4 * (model.calibration.method === 'platt' ? Math.abs(model.calibration.a) : 1) + 1e-12);
      for (let s = 0; s < REASONS; s++) {
        const at = r * REASONS + s;
        expect(Math.abs(got.reasons!.contribution[at]! - want.contribution[at]!)).toBeLessThan(1e-4);
        // A different unit only where two contributions tie within the tolerance.
        if (got.reasons!.unit[at] !== want.unit[at]) {
          const a = expected.explained.contributions[r * units + got.reasons!.unit[at]!]!;
          expect(Math.abs(a - want.contribution[at]!)).toBeLessThan(1e-4);
        } else compared++;
      }
    }
    expect(compared).toBeGreaterThan(n * REASONS * 0.99);
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

describe('batch scorer on a thread of its own', () => {
  it("gives the in-thread scorer's bits for the logistic model, two tables in flight, and keeps families with threads in-thread", async () => {
    const model = models.get('logistic')!;
    const reference = await new BatchScorer(model, { threads: 1, batchSize: 97 }).score(table, { reasons: REASONS });
    const scorer = tableScorer(model, { batchSize: 97 });
    expect(scorer).toBeInstanceOf(OffloadedBatchScorer);
    const half = sliceTable(table, 0, 700);
    // Two requests queued at once: each answer is its own table's.
    const [whole, first] = await Promise.all([scorer.score(table, { reasons: REASONS }), scorer.score(half, { reasons: REASONS })]);
    expect(Array.from(whole.pd)).toEqual(Array.from(reference.pd));
    expect(Array.from(whole.logit)).toEqual(Array.from(reference.logit));
    expect(Array.from(whole.reasons!.unit)).toEqual(Array.from(reference.reasons!.unit));
    expect(Array.from(whole.reasons!.contribution)).toEqual(Array.from(reference.reasons!.contribution));
    expect(Array.from(first.pd)).toEqual(Array.from(reference.pd.subarray(0, 700)));
    const without = { ...table, columns: table.columns.filter((c) => c.name !== 'region') };
    await expect(scorer.score(without)).rejects.toThrow(/lacks column\(s\) the model needs: region/);
    await expect(scorer.score(table, { reasons: -1 })).rejects.toThrow(/reasons must be a whole number/);
    // The thread lives on after a refused table.
    expect(Array.from((await scorer.score(half)).pd)).toEqual(Array.from(first.pd));
    await scorer.close();
    const trees = tableScorer(models.get('gbdt')!, { threads: 1 });
    expect(trees).toBeInstanceOf(BatchScorer);
    await trees.close();
  });

  it("warms: the threads load before the first table, and the first answer is still that table's", async () => {
    for (const [kind, threads] of [
      ['logistic', 1],
      ['gbdt', 2],
    ] as const) {
      const model = models.get(kind)!;
      const reference = await new BatchScorer(model, { threads: 1, batchSize: 97 }).score(table, { reasons: REASONS });
      const scorer = tableScorer(model, { threads, batchSize: 97 });
      await scorer.warm();
      const scored = await scorer.score(table, { reasons: REASONS });
      expect(Array.from(scored.pd)).toEqual(Array.from(reference.pd));
      expect(Array.from(scored.reasons!.unit)).toEqual(Array.from(reference.reasons!.unit));
      await scorer.close();
    }
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
