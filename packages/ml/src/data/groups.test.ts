import { describe, expect, it } from 'vitest';
import { detectGroups, parseGroupSpec } from './groups.ts';

describe('detectGroups', () => {
  it('detects indexed groups in index order, gaps included', () => {
    const columns = [
      'LIMIT_BAL',
      'PAY_6',
      'PAY_0',
      'PAY_2',
      'PAY_3',
      'PAY_4',
      'PAY_5',
      'BILL_AMT1',
      'BILL_AMT2',
      'BILL_AMT3',
      'PAY_AMT10',
      'PAY_AMT2',
      'PAY_AMT1',
      'AGE',
    ];
    expect(detectGroups(columns)).toEqual([
      { name: 'PAY', columns: ['PAY_0', 'PAY_2', 'PAY_3', 'PAY_4', 'PAY_5', 'PAY_6'] },
      { name: 'BILL_AMT', columns: ['BILL_AMT1', 'BILL_AMT2', 'BILL_AMT3'] },
      { name: 'PAY_AMT', columns: ['PAY_AMT1', 'PAY_AMT2', 'PAY_AMT10'] },
    ]);
  });

  it('keeps caller-named groups and takes their columns out of detection', () => {
    const groups = detectGroups(
      ['bal_jan', 'bal_feb', 'bal_mar', 'x1', 'x2', 'x3'],
      [{ name: 'balance', columns: ['bal_jan', 'bal_feb', 'bal_mar'] }],
    );
    expect(groups).toEqual([
      { name: 'balance', columns: ['bal_jan', 'bal_feb', 'bal_mar'] },
      { name: 'x', columns: ['x1', 'x2', 'x3'] },
    ]);
  });

  it('ignores indexed names with fewer than three members', () => {
    expect(detectGroups(['a1', 'a2', 'b'])).toEqual([]);
  });
});

describe('parseGroupSpec', () => {
  it('parses NAME=A,B,C and rejects malformed specs', () => {
    expect(parseGroupSpec('bal=jan, feb,mar')).toEqual({ name: 'bal', columns: ['jan', 'feb', 'mar'] });
    expect(() => parseGroupSpec('bal')).toThrow(/NAME=COL1,COL2/);
    expect(() => parseGroupSpec('bal=jan')).toThrow(/two or more/);
  });
});
