import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { runCli } from '../cli/main.ts';
import { inspectCsvFile, readCsvText } from '../data/read-csv.ts';
import { DataValidationError } from '../data/validation-report.ts';
import { unfamiliarLoansCsv } from '../../test/support/unfamiliar-loans.ts';
import { estimateFromFile, estimateFromTable, parseMemorySize, tableBytes } from './memory-budget.ts';
import { trainModel } from './train-model.ts';

const dir = mkdtempSync(join(tmpdir(), 'probity-memory-'));

describe('--max-memory sizes', () => {
  it('reads sizes with units and refuses others', () => {
    expect(parseMemorySize('8G')).toBe(8e9);
    expect(parseMemorySize('512mb')).toBe(512e6);
    expect(parseMemorySize('1.5 GB')).toBe(1.5e9);
    expect(parseMemorySize('2000000')).toBe(2e6);
    for (const bad of ['', 'lots', '8X', '-1G', '0']) expect(parseMemorySize(bad)).toBeNull();
  });
});

describe('memory estimates', () => {
  it('guess rows and columns from the first lines and the file size', async () => {
    const path = join(dir, 'loans.csv');
    writeFileSync(path, unfamiliarLoansCsv({ rows: 20_000, seed: 3 }));
    const estimate = estimateFromFile(await inspectCsvFile(path), { model: 'logistic' });
    expect(estimate.columns).toBe(15);
    expect(estimate.rows).toBeGreaterThan(19_000);
    expect(estimate.rows).toBeLessThan(21_000);
    expect(estimate.parts.map((p) => p.name)).toEqual(expect.arrayContaining(['runtime', 'logistic designs']));
  });

  it('count the table as read at its real size', async () => {
    const { table } = await readCsvText(unfamiliarLoansCsv({ rows: 3000, seed: 3 }));
    const estimate = estimateFromTable(table, { model: 'logistic' });
    expect(estimate.parts.find((p) => p.name === 'table')?.bytes).toBe(tableBytes(table));
    expect(tableBytes(table)).toBeGreaterThanOrEqual(3000 * 15 * 8);
  });
});

describe('a run that cannot fit is refused before the work, with the figure it needs', () => {
  it('the CLI refuses before reading the file (exit 2)', async () => {
    const path = join(dir, 'loans-big.csv');
    writeFileSync(path, unfamiliarLoansCsv({ rows: 50_000, seed: 5 }));
    const err = new PassThrough();
    const chunks: Buffer[] = [];
    err.on('data', (c: Buffer) => chunks.push(c));
    const args = [
      'train',
      '--data',
      path,
      '--target',
      'status',
      '--default-value',
      'default',
      '--model',
      'logistic',
      '--out',
      join(dir, 'm.json'),
    ];
    const code = await runCli([...args, '--max-memory', '160M'], {
      stdout: new PassThrough(),
      stderr: err as unknown as NodeJS.WriteStream,
    });
    const stderr = Buffer.concat(chunks).toString('utf8');
    expect(code).toBe(2);
    expect(stderr).toMatch(
      /ERROR memory-budget: reading and training on .*loans-big\.csv: about (49|50),\d{3} rows x 15 columns needs about \d+ MB \(runtime 150 MB, table/,
    );
    expect(stderr).toMatch(/more than the memory budget of 160 MB: give --max-memory 0\.\dG or more/);
    expect(stderr).not.toMatch(/\[probity-ml\] reading/); // the progress line of the reading stage never came
  });

  it('the reader stops once the table passes its share', async () => {
    const text = unfamiliarLoansCsv({ rows: 70_000, seed: 6 });
    await expect(readCsvText(text, { maxTableBytes: 2e6 })).rejects.toThrow(/the table passes 0\.\d GB after 65,536 rows/);
  });

  it('training refuses a table that leaves no room for the designs', async () => {
    const { table } = await readCsvText(unfamiliarLoansCsv({ rows: 4000, seed: 7 }));
    const run = trainModel(table, { model: 'logistic', target: 'status', defaultValue: 'default', maxMemory: 151e6 });
    await expect(run).rejects.toBeInstanceOf(DataValidationError);
    await expect(run).rejects.toThrow(/training on 4,000 rows x 15 columns needs about 15\d MB/);
  });
});
