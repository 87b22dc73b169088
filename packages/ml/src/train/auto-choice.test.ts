/** `--model auto` keeps the fusion or the best single family by out-of-fold log loss (the simplest within two standard errors), and says why. */
import { describe, expect, it } from 'vitest';
import { tableFromRecords } from '../data/table.ts';
import { ModelScorer } from '../scorer/model-scorer.ts';
import { seededRandom } from '../util/random.ts';
import type { StackInputs } from './options.ts';
import { trainModel } from './train-model.ts';
import { SIMPLER_MARGIN } from '../fusion/out-of-fold.ts';

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
  it('keeps the fusion only when it beats every single model out of fold by more than two standard errors, with the reason, and scores it', async () => {
    const table = tableFromRecords(thresholdData(5000));
    let inputs: StackInputs | null = null;
    const { model, report } = await trainModel(
      table,
      {
        model: 'auto',
        target: 'y',
        split: { kind: 'random', seed: 2, fraction: 0.2 },
        deep: { epochs: 4, seed: 3 },
        backend: 'cpu',
        // The fusion's default stacking: out of fold.
      },
      { onStackInputs: (given) => (inputs = given) },
    );
    // What the fusion stacked, handed out for replays (bench/quality-cv.ts --dump).
    const given = inputs as StackInputs | null;
    expect(given!.members.map((m) => m.kind)).toEqual(['logistic', 'deep', 'gbdt']);
    const development = given!.labels.train.length + given!.labels.validation.length;
    expect(given!.members.find((m) => m.kind === 'logistic')!.outOfFold).toHaveLength(development);
    expect(given!.members.every((m) => m.test!.length === given!.labels.test!.length)).toBe(true);
    const auto = report.auto!;
    expect(auto.chosen).toBe(model.model.kind);
    expect(report.kind).toBe(model.model.kind);
    const fusion = report.fusion!;
    const keptByFusion = Object.entries(fusion.weights)
      .filter(([, w]) => w > 0)
      .map(([k]) => k);
    expect(fusion.bestKeptSingle.margin).toBeGreaterThanOrEqual(1e-4);
    expect(keptByFusion).toContain(fusion.bestKeptSingle.member);
    // Stacked out of fold: the fusion only when it beats the best single member by more than two
    // standard errors (on every development row, or a validation-row member on top), else that member.
    expect(fusion.stacking.rows).toBe('out-of-fold');
    const best = fusion.candidates
      .filter((c) => c.members.length === 1)
      .sort((a, b) => a.crossValidatedLogLoss - b.crossValidatedLogLoss)[0]!;
    if (model.model.kind === 'fusion') {
      expect(fusion.stacking.fusionWins).toBe(true);
      expect(keptByFusion.length).toBeGreaterThan(1);
      const late = fusion.stacking.validationMembers.filter((v) => v.kept).map((v) => v.kind);
      const stacked = fusion.candidates.find((c) => c.members.join() === keptByFusion.filter((k) => !late.includes(k as never)).join())!;
      if (late.length === 0)
        expect(best.crossValidatedLogLoss - stacked.crossValidatedLogLoss).toBeGreaterThan(SIMPLER_MARGIN * fusion.bestKeptSingle.margin);
      expect(auto.logLoss).toBe(stacked.crossValidatedLogLoss);
    } else {
      // The simplest single member within two standard errors of the lowest loss (not always the lowest).
      expect(fusion.stacking.fusionWins).toBe(false);
      expect(model.model.kind).toBe(fusion.bestKeptSingle.member);
      expect(auto.logLoss).toBe(fusion.bestKeptSingle.crossValidatedLogLoss);
      expect(auto.logLoss).toBeGreaterThanOrEqual(best.crossValidatedLogLoss);
    }
    expect(auto.reason).toMatch(new RegExp(`${fusion.stacking.count} out-of-fold training and validation rows`));
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
