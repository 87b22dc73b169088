import { describe, expect, it } from 'vitest';
import { unfamiliarLoansCsv } from '../test/support/unfamiliar-loans.ts';
import { DataValidationError, explain, parseModel, readCsvText, score, serializeModel, train } from './index.ts';

describe('public API', () => {
  it('trains from a table, then scores and explains records', async () => {
    const { table } = await readCsvText(unfamiliarLoansCsv({ rows: 900, seed: 31 }));
    const { model, report } = await train(table, {
      model: 'logistic',
      target: 'status',
      defaultValue: 'default',
      logistic: { lambdas: [30] },
    });
    expect(report.validation.auc).toBeGreaterThan(0.6);
    const loaded = parseModel(serializeModel(model));
    const records = [
      {
        region: 'north',
        product: 'card',
        employment: 'unemployed',
        credit_limit: 3000,
        income: '25000',
        age: 30,
        late_payments: 3,
        balance_1: 2900,
      },
      { region: 'mars', product: 'card' },
    ];
    const { pd } = score(loaded, records);
    expect(pd[0]! > 0 && pd[0]! < 1).toBe(true);
    expect(pd[1]! > 0 && pd[1]! < 1).toBe(true);
    const [first] = explain(loaded, records, [0], { reasons: 2 });
    const sum = first!.contributions.reduce((s, c) => s + c.contribution, 0);
    expect(first!.logit - first!.baseline.logit - sum).toBeCloseTo(0, 9);
  });

  it('throws the validation report on bad data', async () => {
    const { table } = await readCsvText('x,y\n1,0\n2,0\n');
    await expect(train(table, { model: 'logistic', target: 'y' })).rejects.toBeInstanceOf(DataValidationError);
  });
});
