/**
 * The trees' out-of-fold log-odds must not have seen their rows' labels through the categorical
 * encoding: on a code column of many levels that carries no signal, the pipeline's weight of evidence
 * learned on the training rows separates those same rows, and before the per-fold encoding the trees'
 * out-of-fold AUC there came out well above a coin's.
 */
import { describe, expect, it } from 'vitest';
import { tableFromRecords } from '../data/table.ts';
import { auc } from '../metrics/auc.ts';
import { trainModel } from '../train/train-model.ts';
import type { StackInputs } from '../train/options.ts';
import { seededRandom } from '../util/random.ts';

describe('per-fold weight of evidence for the trees', () => {
  it('gives out-of-fold log-odds no better than chance on a noise code column', async () => {
    const random = seededRandom(11);
    const records = Array.from({ length: 1500 }, (_, i) => ({
      id: i + 1,
      code: `L${Math.floor(random() * 60)}`,
      noise: Math.round(random() * 1000) / 1000,
      bad: random() < 0.3 ? 1 : 0,
    }));
    let inputs: StackInputs | null = null;
    await trainModel(
      tableFromRecords(records),
      {
        model: 'fusion',
        target: 'bad',
        id: 'id',
        split: { kind: 'random', seed: 1, fraction: 0.2 },
        fusion: { members: ['logistic', 'gbdt'] },
      },
      { onStackInputs: (i) => (inputs = i) },
    );
    const stacked = inputs as StackInputs | null;
    if (!stacked) throw new Error('no stack inputs');
    const trees = stacked.members.find((m) => m.kind === 'gbdt')!;
    const labels = Uint8Array.from([...stacked.labels.train, ...stacked.labels.validation]);
    expect(auc(labels, trees.outOfFold!)).toBeLessThan(0.56);
  }, 120_000);
});
