import { beforeAll, describe, expect, it } from 'vitest';
import { unfamiliarLoansCsv } from '../../test/support/unfamiliar-loans.ts';
import { readCsvText } from '../data/read-csv.ts';
import type { Table } from '../data/table.ts';
import { tableFromRecords } from '../data/table.ts';
import { ModelScorer } from '../scorer/model-scorer.ts';
import { trainModel } from '../train/train-model.ts';
import { counterfactual } from './counterfactual.ts';
import { reasonCodes } from './reason-codes.ts';

let table: Table;
let scorer: ModelScorer;

beforeAll(async () => {
  ({ table } = await readCsvText(unfamiliarLoansCsv({ rows: 1500, seed: 21 })));
  const { model } = await trainModel(table, {
    model: 'logistic',
    target: 'status',
    defaultValue: 'default',
    limitColumn: 'credit_limit',
    logistic: { lambdas: [30] },
    labels: { late_payments: 'Number of late payments', employment: 'Employment status' },
  });
  scorer = new ModelScorer(model);
});

describe('reason codes', () => {
  it('lists the k largest contributions that raise the PD, in words from the labels', () => {
    const reasons = reasonCodes(
      [
        { feature: 'a', label: 'Alpha', value: 3, contribution: 0.2 },
        { feature: 'b', label: 'Beta', value: null, contribution: -0.9 },
        { feature: 'c', label: 'Gamma', value: 'x', contribution: 0.5 },
        { feature: 'd', label: 'Delta', value: [1, null], contribution: 0.1 },
      ],
      2,
    );
    expect(reasons.map((r) => r.feature)).toEqual(['c', 'a']);
    expect(reasons[0]!.text).toBe('Gamma = x raises the risk (+0.500 log-odds)');
  });

  it('uses the model labels in a real explanation', () => {
    const rows = Array.from({ length: 200 }, (_, i) => i);
    const texts = scorer.explain(table, rows, { reasons: 3 }).flatMap((e) => e.reasons.map((r) => r.text));
    expect(texts.some((t) => t.startsWith('Number of late payments = '))).toBe(true);
  });
});

describe('unseen levels', () => {
  it('are scored as the other level and reported with their rows', () => {
    const records = [{ region: 'north', employment: 'astronaut' }, { region: 'mars', employment: 'retired' }, { region: 'south' }];
    const scoring = tableFromRecords(records, scorer.requiredColumns);
    const warnings = scorer.unseenLevels(scoring);
    expect(warnings.find((w) => w.column === 'employment')).toMatchObject({
      severity: 'warning',
      code: 'unseen-level',
      rows: [1],
      count: 1,
    });
    expect(warnings.find((w) => w.column === 'region')?.message).toMatch(/"mars".*in row 2;/);
    const { pd } = scorer.score(scoring);
    for (const p of pd) expect(p > 0 && p < 1).toBe(true);
  });
});

describe('counterfactual', () => {
  it('finds a one-column change that brings the PD below the threshold, and it really does', () => {
    const scored = scorer.score(table).pd;
    const risky = scored.findIndex((p) => p > 0.5);
    expect(risky).toBeGreaterThanOrEqual(0);
    const result = counterfactual(scorer, table, risky, 0.3);
    expect(result.pd).toBeCloseTo(scored[risky]!, 12);
    expect(result.best).not.toBeNull();
    for (const change of result.changes) expect(change.pd).toBeLessThan(0.3);
    // Re-score the best change independently.
    const best = result.best!;
    const row: Record<string, string | number | null> = {};
    for (const column of table.columns) {
      const code = column.textCodes?.[risky] ?? -1;
      row[column.name] = code >= 0 ? column.texts[code]! : Number.isNaN(column.numbers[risky]!) ? null : column.numbers[risky]!;
    }
    row[best.feature] = best.to;
    const pd = scorer.score(tableFromRecords([row], scorer.requiredColumns)).pd[0]!;
    expect(pd).toBeLessThan(0.3);
    expect(pd).toBeCloseTo(best.pd, 12);
  });

  it('says so when the PD is already below the threshold', () => {
    const scored = scorer.score(table).pd;
    const safe = scored.findIndex((p) => p < 0.1);
    const result = counterfactual(scorer, table, safe, 0.1);
    expect(result.alreadyBelow).toBe(true);
    expect(result.changes).toEqual([]);
  });
});
