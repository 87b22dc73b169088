import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { unfamiliarLoansCsv } from '../../test/support/unfamiliar-loans.ts';
import { readCsvText } from '../data/read-csv.ts';
import { trainModel } from '../train/train-model.ts';
import { loadModel, parseModel, saveModel, serializeModel } from './io.ts';
import type { ModelFile } from './types.ts';

let model: ModelFile;

beforeAll(async () => {
  const { table, sha256 } = await readCsvText(unfamiliarLoansCsv({ rows: 800, seed: 4 }));
  ({ model } = await trainModel(table, {
    model: 'logistic',
    target: 'status',
    defaultValue: 'default',
    lambdas: [10],
    source: { file: 'loans.csv', sha256 },
  }));
});

function mutate(change: (doc: Record<string, unknown>) => void): string {
  const doc = JSON.parse(serializeModel(model)) as Record<string, unknown>;
  change(doc);
  return JSON.stringify(doc);
}

describe('model file', () => {
  it('is self-describing: format, version, data hash, labels, backend, package version, warnings', () => {
    expect(model.format).toBe('probity-pd-model');
    expect(model.formatVersion).toBe(1);
    expect(model.trainingData.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(model.packageVersion).toMatch(/^\d+\.\d+\.\d+/);
    expect(model.backend.name).toBe('newton');
    expect(model.labels['balance_1..balance_6']).toBe('history of balance_1..balance_6');
    expect(model.metrics.test?.auc).toBeGreaterThan(0.5);
    expect(Array.isArray(model.warnings)).toBe(true);
  });

  it('saves and loads through a file', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'probity-model-')), 'model.json');
    await saveModel(path, model);
    expect((await loadModel(path)).logistic?.coefficients).toEqual(model.logistic?.coefficients);
  });

  it('rejects malformed and unknown files with a clear error', async () => {
    expect(() => parseModel('{not json')).toThrow(/invalid model file: not JSON/);
    expect(() => parseModel('[]')).toThrow(/not a JSON object/);
    expect(() => parseModel(mutate((d) => (d.format = 'something-else')))).toThrow(/format is "something-else"/);
    expect(() => parseModel(mutate((d) => (d.formatVersion = 2)))).toThrow(/formatVersion 2 is not supported/);
    expect(() => parseModel(mutate((d) => (d.kind = 'forest')))).toThrow(/field "kind"/);
    expect(() => parseModel(mutate((d) => (d.logistic = null)))).toThrow(/needs the "logistic" part/);
    expect(() => parseModel(mutate((d) => (d.kind = 'fusion')))).toThrow(/needs the "deep" part/);
    expect(() =>
      parseModel(
        mutate((d) => {
          (d.logistic as { coefficients: number[] }).coefficients.pop();
        }),
      ),
    ).toThrow(/coefficients but its pipeline makes/);
    expect(() =>
      parseModel(
        mutate((d) => {
          (d.logistic as { coefficients: unknown[] }).coefficients[0] = 'NaN';
        }),
      ),
    ).toThrow(/finite numbers/);
    const path = join(mkdtempSync(join(tmpdir(), 'probity-model-')), 'bad.json');
    writeFileSync(
      path,
      mutate((d) => (d.formatVersion = 9)),
    );
    await expect(loadModel(path)).rejects.toThrow(/bad\.json: formatVersion 9/);
    await expect(loadModel(join(tmpdir(), 'no-such-model.json'))).rejects.toThrow(/cannot read model file/);
  });
});
