/** A small file the model separates: Platt scaling and stacking keep the test rows' order (no ties at the log-odds bound). */
import { describe, expect, it } from 'vitest';
import { tableFromRecords } from '../data/table.ts';
import { ModelScorer } from '../scorer/model-scorer.ts';
import { MAX_LOGIT } from '../util/logistic-math.ts';
import { seededRandom } from '../util/random.ts';
import { trainModel } from './train-model.ts';

/** Two well-separated classes, as breast-cancer's 569 rows are for a logistic model. */
function separable(n: number) {
  const random = seededRandom(41);
  const gauss = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  return Array.from({ length: n }, (_, i) => {
    const y = random() < 0.35 ? 1 : 0;
    const shift = y ? 2.2 : -2.2;
    return { id: i, a: shift + gauss(), b: shift + gauss(), c: gauss(), y };
  });
}

describe('calibration on rows the model separates', () => {
  it('keeps a finite Platt slope, so test PDs stay distinct and the test AUC is the model its own', async () => {
    const table = tableFromRecords(separable(600));
    const { model, report } = await trainModel(table, { model: 'logistic', target: 'y', id: 'id', split: { kind: 'mod5' } });
    if (model.calibration.method !== 'platt') throw new Error('expected platt');
    // Fitted to 0/1 labels the slope was 8.4 here (about 20 on breast-cancer), and rows tied at the bound.
    expect(model.calibration.a).toBeLessThan(5);
    const test = Int32Array.from({ length: table.rowCount }, (_, i) => i).filter((i) => i % 5 === 0);
    const scored = new ModelScorer(model).score(table, test);
    const bound = scored.logit.filter((z) => Math.abs(z) >= MAX_LOGIT).length;
    expect(bound).toBe(0);
    expect(report.test!.auc).toBeGreaterThan(0.97);
  }, 60_000);
});
