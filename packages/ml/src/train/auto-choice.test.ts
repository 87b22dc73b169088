/** `--model auto` keeps the fusion or the single family with the lowest held-out log loss, and says why. */
import { describe, expect, it } from 'vitest';
import { tableFromRecords } from '../data/table.ts';
import { ModelScorer } from '../scorer/model-scorer.ts';
import { seededRandom } from '../util/random.ts';
import { trainModel } from './train-model.ts';

/** Risk driven by a threshold and an interaction, which trees find and a linear model cannot. */
function thresholdData(n: number) {
  const random = seededRandom(31);
  return Array.from({ length: n }, () => {
    const a = random() * 10;
    const b = random() * 10;
    const c = random() * 10;
    const z = -2 + (a > 7 ? 2.2 : 0) + (b > 5 && c < 3 ? 1.8 : 0) + 0.05 * c;
    return { a, b, c, y: random() < 1 / (1 + Math.exp(-z)) ? 1 : 0 };
  });
}

describe('auto', () => {
  it('keeps the model with the lowest held-out log loss, with the reason, and scores it', async () => {
    const table = tableFromRecords(thresholdData(5000));
    const { model, report } = await trainModel(table, {
      model: 'auto',
      target: 'y',
      split: { kind: 'random', seed: 2, fraction: 0.2 },
      deep: { epochs: 4, seed: 3 },
      backend: 'cpu',
    });
    const auto = report.auto!;
    expect(auto.chosen).toBe(model.model.kind);
    expect(report.kind).toBe(model.model.kind);
    const fusion = report.fusion!;
    const keptByFusion = Object.entries(fusion.weights)
      .filter(([, w]) => w > 0)
      .map(([k]) => k);
    const fusionLoss = fusion.candidates.find((c) => c.members.join() === keptByFusion.join())!.crossValidatedLogLoss;
    expect(fusion.bestKeptSingle.margin).toBeGreaterThanOrEqual(1e-4);
    expect(keptByFusion).toContain(fusion.bestKeptSingle.member);
    // The fusion when it keeps two or more members (every one with a positive weight), else the one it kept.
    if (keptByFusion.length > 1) {
      expect(model.model.kind).toBe('fusion');
      expect(auto.logLoss).toBe(fusionLoss);
    } else {
      expect(model.model.kind).toBe(keptByFusion[0]);
    }
    // Thresholds and an interaction: the trees are the single model or in the fusion, and they beat logistic.
    const kept = model.model.kind === 'fusion' ? model.model.state.members.map((m) => m.model.kind) : [model.model.kind];
    expect(kept).toContain('gbdt');
    expect(report.gbdt!.validation.auc).toBeGreaterThan(report.logistic!.validation.auc);
    expect(auto.reason).toMatch(/held-out log loss/);
    expect(auto.runnerUp).not.toBeNull();
    if (model.model.kind !== 'fusion') expect(model.calibration.method).toBe('platt');
    const pd = new ModelScorer(model).score(table).pd;
    expect(pd.every((p) => p > 0 && p < 1)).toBe(true);
  }, 180_000);
});
