import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readTaiwanCsv, taiwanDatasets } from './taiwan.ts';

const header =
  'ID,LIMIT_BAL,SEX,EDUCATION,MARRIAGE,AGE,PAY_0,PAY_2,PAY_3,PAY_4,PAY_5,PAY_6,BILL_AMT1,BILL_AMT2,BILL_AMT3,BILL_AMT4,BILL_AMT5,BILL_AMT6,PAY_AMT1,PAY_AMT2,PAY_AMT3,PAY_AMT4,PAY_AMT5,PAY_AMT6,DEFAULT_NEXT_MONTH';

function csv(rows: string[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'taiwan-'));
  const path = join(dir, 'taiwan.csv');
  writeFileSync(path, `\uFEFF${header}\r\n${rows.join('\r\n')}\r\n`);
  return path;
}

describe('dev Taiwan loader', () => {
  it('reads Excel notation, a BOM and CRLF', () => {
    const path = csv(['1,5.00E+05,2,2,1,24,2,2,-1,-1,-2,-2,3913,3102,689,0,0,0,0,689,0,0,0,0,1']);
    const table = readTaiwanCsv(path);
    expect(table.header[0]).toBe('ID');
    expect(table.rows[0]![1]).toBe(500000);
  });

  it('names the row and column of a cell that is not a number', () => {
    const path = csv([
      '1,20000,2,2,1,24,2,2,-1,-1,-2,-2,3913,3102,689,0,0,0,0,689,0,0,0,0,1',
      '2,abc,2,2,1,24,2,2,-1,-1,-2,-2,3913,3102,689,0,0,0,0,689,0,0,0,0,1',
    ]);
    expect(() => readTaiwanCsv(path)).toThrow(/row 3, column LIMIT_BAL: 'abc' is not a number/);
  });

  it('puts ID mod 5 == 0 in the test set and names each sequence cell by its source column', () => {
    const rows = Array.from(
      { length: 40 },
      (_, i) =>
        `${i + 1},${(i + 1) * 1e4},${1 + (i % 2)},${i % 4},${i % 3},${20 + i},${(i % 5) - 2},0,0,0,0,0,${i * 100},50,40,30,20,10,${i},1,2,3,4,5,${i % 3 === 0 ? 1 : 0}`,
    );
    const { train, validation, test } = taiwanDatasets(csv(rows), {
      channels: ['pay', 'bill'],
      payCategorical: false,
      validationShare: 0.25,
      seed: 1,
    });
    expect(test.n).toBe(8);
    expect(train.n + validation.n).toBe(32);
    expect(validation.n).toBe(8);
    expect(test.sequences[0]!.features[0]).toEqual(['PAY_0', 'BILL_AMT1']);
    expect(test.sequences[0]!.features[5]).toEqual(['PAY_6', 'BILL_AMT6']);
  });
});
