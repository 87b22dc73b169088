/**
 * TreeSHAP completeness on real data: trees trained on the Taiwan file, every one of its 6,000 test
 * rows (ID mod 5 = 0) explained per original column and repeated group; the contributions add up to
 * the explained log-odds minus the expected value within 1e-9.
 */
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { readCsvFile } from '../data/read-csv.ts';
import { assignSplit, ROLE_TEST, rowsWithRole } from '../data/split.ts';
import { ModelScorer } from '../scorer/model-scorer.ts';
import { trainModel } from '../train/train-model.ts';

const TAIWAN = fileURLToPath(new URL('../../../../data/taiwan-credit-default.csv', import.meta.url));

it('explains every Taiwan test row exactly: contributions sum to the log-odds minus the expected value within 1e-9', async () => {
  const { table } = await readCsvFile(TAIWAN);
  const { model } = await trainModel(table, {
    model: 'gbdt',
    target: 'DEFAULT_NEXT_MONTH',
    id: 'ID',
    limitColumn: 'LIMIT_BAL',
    split: { kind: 'mod5' },
    // Completeness does not depend on how the number of trees was chosen: one validation slice, for time.
    gbdt: { folds: 0 },
  });
  const test = rowsWithRole(assignSplit(table, 'ID', { kind: 'mod5' }, 0.2, 20240501).roles, ROLE_TEST);
  expect(test.length).toBe(6000);
  const scorer = new ModelScorer(model);
  const logits = scorer.score(table, test).logit;
  let worst = 0;
  let groups = 0;
  scorer.explain(table, Array.from(test), { reasons: 3 }).forEach((e, i) => {
    const sum = e.contributions.reduce((s, c) => s + c.contribution, 0);
    worst = Math.max(worst, Math.abs(e.explained.value - e.baseline.logit - sum), Math.abs(e.explained.value - logits[i]!));
    if (e.contributions.some((c) => c.feature === 'PAY_AMT1..PAY_AMT6' && c.contribution !== 0)) groups++;
  });
  expect(worst).toBeLessThan(1e-9);
  // Repeated groups get their own contributions (from their aggregates).
  expect(groups).toBeGreaterThan(1000);
}, 300_000);
