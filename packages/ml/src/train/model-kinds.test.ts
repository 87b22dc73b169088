/**
 * Every model kind, trained end to end on an unfamiliar loan file: the model file round trip scores
 * exactly like the trainer, single rows score like batches, explanations add up, PDs stay in (0, 1),
 * and the lean deep scorer agrees with the tfjs forward pass.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { unfamiliarLoansCsv } from '../../test/support/unfamiliar-loans.ts';
import { readCsvText } from '../data/read-csv.ts';
import { assignSplit, parseSplit, ROLE_TRAIN, ROLE_VALIDATION, rowsWithRole } from '../data/split.ts';
import { extractLabels } from '../data/target.ts';
import { cellValue, type Table } from '../data/table.ts';
import { decodeFloat32 } from '../deep/lean.ts';
import { summaryMetrics } from '../metrics/index.ts';
import { parseModel, serializeModel } from '../model-file/io.ts';
import { memberState } from '../model-file/parts.ts';
import type { ModelFile, ModelKind } from '../model-file/types.ts';
import { buildDeepDataset } from '../pipeline/deep-dataset.ts';
import { ModelScorer } from '../scorer/model-scorer.ts';
import type { TrainReport } from './report.ts';
import { trainModel } from './train-model.ts';

const KINDS: ModelKind[] = ['logistic', 'deep', 'gbdt', 'fusion'];
const trained = new Map<ModelKind, { model: ModelFile; report: TrainReport }>();
let table: Table;

beforeAll(async () => {
  ({ table } = await readCsvText(unfamiliarLoansCsv({ rows: 2000, seed: 8, european: true })));
  for (const kind of KINDS) {
    trained.set(
      kind,
      await trainModel(table, {
        model: kind,
        target: 'status',
        defaultValue: 'default',
        limitColumn: 'credit_limit',
        split: { kind: 'random', seed: 3, fraction: 0.2 },
        deep: { epochs: 3, seed: 7 },
        backend: 'cpu',
        logistic: { lambdas: [100, 10] },
        // Re-scoring the validation rows reproduces the trainer's figures only for trees not refit on
        // them (refit trees report the held-out first fit's figures: gbdt.test.ts covers that).
        gbdt: { refit: 'off' },
        // The fusion's default stacking: out of fold.
      }),
    );
  }
}, 120_000);

function recordOf(row: number): Record<string, string | number | null> {
  const record: Record<string, string | number | null> = {};
  for (const column of table.columns) record[column.name] = cellValue(column, row);
  return record;
}

describe.each(KINDS)('%s model', (kind) => {
  it('beats chance on validation and keeps every weight finite and every PD inside (0, 1)', () => {
    const { model, report } = trained.get(kind)!;
    expect(report.validation.auc).toBeGreaterThan(0.6);
    const logistic = memberState(model.model, 'logistic');
    const deep = memberState(model.model, 'deep');
    if (logistic) expect(logistic.coefficients.every(Number.isFinite)).toBe(true);
    if (deep) for (const tensor of Object.values(deep.weights)) expect(decodeFloat32(tensor.data).every(Number.isFinite)).toBe(true);
    const { pd } = new ModelScorer(model).score(table);
    for (const p of pd) if (!(p > 0 && p < 1)) throw new Error(`PD ${p} outside (0, 1)`);
  });

  it('scores the same after a model file round trip (within 1e-12), reproducing the trainer metrics', () => {
    const { model } = trained.get(kind)!;
    const loaded = parseModel(serializeModel(model));
    const before = new ModelScorer(model).score(table).pd;
    const after = new ModelScorer(loaded).score(table).pd;
    let worst = 0;
    for (let i = 0; i < before.length; i++) worst = Math.max(worst, Math.abs(before[i]! - after[i]!));
    expect(worst).toBeLessThan(1e-12);
    // Re-scoring the validation rows from the loaded file gives the trainer's own figures.
    const { roles } = assignSplit(table, undefined, parseSplit(model.trainingData.split));
    const rows = rowsWithRole(roles, ROLE_VALIDATION);
    expect(rows.length).toBe(model.trainingData.validationRows);
    const labels = extractLabels(table, { column: 'status', defaultValue: 'default' }).labels;
    const metrics = summaryMetrics(
      Array.from(rows, (r) => labels[r]!),
      new ModelScorer(loaded).score(table, rows).pd,
    );
    for (const key of ['auc', 'gini', 'ks', 'brier', 'logLoss'] as const)
      expect(metrics[key]).toBeCloseTo(model.metrics.validation[key], 12);
  });

  it('scores a single record exactly like the same row in a batch', () => {
    const { model } = trained.get(kind)!;
    const scorer = new ModelScorer(model);
    const batch = scorer.score(table).pd;
    for (const row of [0, 17, 1999]) {
      const single = scorer.scoreRecord(recordOf(row), { explain: false });
      expect(single.pd).toBeCloseTo(batch[row]!, 12);
    }
  });

  it('explains every prediction: contributions add up to the explained log-odds minus the baseline', () => {
    const { model } = trained.get(kind)!;
    const scorer = new ModelScorer(model);
    const rows = [0, 5, 99, 640, 1300];
    const tolerance = kind === 'logistic' || kind === 'gbdt' ? 1e-9 : 1e-3;
    for (const explanation of scorer.explain(table, rows, { reasons: 3 })) {
      const sum = explanation.contributions.reduce((s, c) => s + c.contribution, 0);
      expect(Math.abs(explanation.explained.value - explanation.baseline.logit - sum)).toBeLessThan(tolerance);
      expect(explanation.gap).toBeLessThan(tolerance);
      expect(explanation.explained.value).toBeCloseTo(explanation.logit, 12); // Platt / stacking keep it exact
      for (const reason of explanation.reasons) expect(reason.contribution).toBeGreaterThan(0);
      expect(explanation.contributions.map((c) => c.feature)).toContain('balance_1..balance_6');
    }
  });
});

describe('model kinds together', () => {
  it('the lean deep scorer agrees with the tfjs forward pass', async () => {
    const { tfDeepLogits } = await import('../deep/index.ts');
    const { model } = trained.get('deep')!;
    const ds = buildDeepDataset(model.pipeline, table);
    const scored = new ModelScorer(model).score(table).parts.deep!;
    const reference = await tfDeepLogits(memberState(model.model, 'deep')!, ds);
    let worst = 0;
    for (let i = 0; i < ds.n; i++) worst = Math.max(worst, Math.abs(scored[i]! - reference[i]!));
    expect(worst).toBeLessThan(1e-4);
  });

  it('reports test metrics that match the scored test rows', () => {
    const { model, report } = trained.get('logistic')!;
    expect(report.test).not.toBeNull();
    expect(report.testAucInterval!.lower).toBeLessThan(report.test!.auc);
    expect(report.testAucInterval!.upper).toBeGreaterThan(report.test!.auc);
    expect(model.metrics.test).toEqual(report.test);
    expect(report.calibrationByDecile).toHaveLength(10);
    expect(report.calibrationByGrade!.reduce((n, row) => n + row.count, 0)).toBe(model.trainingData.testRows);
    expect(report.hosmerLemeshow!.pValue).toBeGreaterThanOrEqual(0);
    expect(report.scoreStability!.psi).toBeLessThan(0.25);
  });

  it('stacks the three families on out-of-fold log-odds (trees without a refit on validation rows), leaving out members whose weight would be 0 or less', () => {
    const { model, report } = trained.get('fusion')!;
    if (model.model.kind !== 'fusion') throw new Error('expected a fusion');
    const fusion = report.fusion!;
    // Logistic gives out-of-fold log-odds; deep and the trees (refit off: no cross-validation here)
    // join on the validation rows. Every subset of the out-of-fold members was stacked and judged.
    expect(fusion.stacking.rows).toBe('out-of-fold');
    expect(model.model.state.stacking).toEqual({
      rows: 'out-of-fold',
      count: fusion.stacking.count,
      defaults: fusion.stacking.defaults,
      folds: 5,
    });
    expect(fusion.stacking.validationMembers.map((v) => v.kind)).toEqual(['deep', 'gbdt']);
    expect(fusion.candidates).toHaveLength(1);
    const late = fusion.stacking.validationMembers.filter((v) => v.kept).map((v) => v.kind);
    const kept = model.model.state.members.map((m) => m.model.kind);
    const keptTrial = fusion.candidates.find((c) => c.members.join() === kept.filter((k) => !late.includes(k)).join())!;
    // Every member with a positive weight when stacked with the others: all three, or a member
    // left out whose weight with the rest was 0 or less.
    expect(keptTrial.admissible).toBe(true);
    expect(fusion.tolerance).toBeGreaterThanOrEqual(1e-4);
    for (const m of model.model.state.members) {
      expect(m.weight).toBeGreaterThan(0);
      expect(fusion.weights[m.model.kind]).toBe(m.weight);
    }
    // The others are in the report with weight 0 and the reason.
    expect(kept.length + model.model.state.dropped.length).toBe(3);
    for (const d of model.model.state.dropped) {
      expect(fusion.weights[d.kind]).toBe(0);
      expect(d.reason).toMatch(/^weight 0: /);
      expect(report.notes.some((n) => n.startsWith(`fusion: ${d.kind} left out`))).toBe(true);
    }
    expect(report.description).toMatch(/^fusion: /);
    // The stacking field is checked on load; files without it (written before) still load.
    const doc = JSON.parse(serializeModel(model)) as { model: { state: { stacking?: { rows: string } } } };
    doc.model.state.stacking!.rows = 'guessed';
    expect(() => parseModel(JSON.stringify(doc))).toThrow(/field "model\.state\.stacking\.rows"/);
    delete doc.model.state.stacking;
    expect(parseModel(JSON.stringify(doc)).model.kind).toBe('fusion');
    expect(report.logistic?.validation.auc).toBeGreaterThan(0.6);
    expect(report.deep?.[0]?.validation.auc).toBeGreaterThan(0.5);
    expect(report.gbdt?.validation.auc).toBeGreaterThan(0.6);
  });
});

describe('options for small or skewed portfolios', { timeout: 60_000 }, () => {
  it('re-anchors to a long-run default rate: the mean PD over the development rows meets it, explanations stay exact', async () => {
    const { model, report } = await trainModel(table, {
      model: 'logistic',
      target: 'status',
      defaultValue: 'default',
      logistic: { lambdas: [30] },
      anchorRate: 0.05,
      split: { kind: 'random', seed: 3, fraction: 0.2 },
    });
    expect(report.anchor?.rate).toBe(0.05);
    const { roles } = assignSplit(table, undefined, parseSplit(model.trainingData.split));
    const development = Int32Array.from([...rowsWithRole(roles, ROLE_TRAIN), ...rowsWithRole(roles, ROLE_VALIDATION)]);
    const { pd } = new ModelScorer(model).score(table, development);
    expect(pd.reduce((a, b) => a + b, 0) / pd.length).toBeCloseTo(0.05, 9);
    const [explanation] = new ModelScorer(model).explain(table, [3]);
    const sum = explanation!.contributions.reduce((s, c) => s + c.contribution, 0);
    expect(explanation!.logit - explanation!.baseline.logit - sum).toBeCloseTo(0, 9);
  });

  it('calibrates by isotonic regression and then explains the log-odds before calibration', async () => {
    const { model } = await trainModel(table, {
      model: 'logistic',
      target: 'status',
      defaultValue: 'default',
      logistic: { lambdas: [30] },
      calibration: 'isotonic',
    });
    expect(model.calibration.method).toBe('isotonic');
    const scorer = new ModelScorer(model);
    const { pd } = scorer.score(table);
    for (const p of pd) if (!(p > 0 && p < 1)) throw new Error(`PD ${p} outside (0, 1)`);
    const [explanation] = scorer.explain(table, [11]);
    expect(explanation!.explained.quantity).toMatch(/before isotonic calibration/);
    expect(explanation!.gap).toBeLessThan(1e-9);
    expect(explanation!.pd).toBeCloseTo(pd[11]!, 12);
  });

  it('weighs rare defaults when asked, on two solver threads (labels and weights in shared memory)', async () => {
    const { model } = await trainModel(table, {
      model: 'logistic',
      target: 'status',
      defaultValue: 'default',
      logistic: { lambdas: [30] },
      classWeight: 'balanced',
      threads: 2,
    });
    expect(memberState(model.model, 'logistic')!.defaultWeight).toBeGreaterThan(2);
    expect(memberState(model.model, 'logistic')!.solver.threads).toBe(2);
    expect(model.metrics.validation.auc).toBeGreaterThan(0.6);
  });

  it('fine-tunes the deep part of an existing model on a new segment and compares it with a model from scratch', async () => {
    const warm = trained.get('deep')!.model;
    const segment = (await readCsvText(unfamiliarLoansCsv({ rows: 1200, seed: 77, european: true }))).table;
    const { model, report } = await trainModel(segment, {
      model: 'deep',
      target: 'status',
      defaultValue: 'default',
      warmStart: warm,
      deep: { epochs: 2, seed: 7 },
      backend: 'cpu',
      split: { kind: 'random', seed: 1, fraction: 0.2 },
    });
    expect(report.deep!.map((r) => r.run)).toEqual(['fine-tuned from the warm-start model', 'from scratch']);
    expect(report.deep![0]!.warmStarted).toBe(true);
    expect(report.deep![1]!.warmStarted).toBe(false);
    // The fine-tuned model starts where the warm model was: far better than a random start.
    expect(report.deep![0]!.initial.valAuc).toBeGreaterThan(report.deep![1]!.initial.valAuc);
    expect(model.pipeline).toEqual(warm.pipeline);
    expect(report.notes).toContain('the feature pipeline was taken unchanged from the warm-start model');
  });
});
