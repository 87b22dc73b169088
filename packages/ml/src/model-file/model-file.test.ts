import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { unfamiliarLoansCsv } from '../../test/support/unfamiliar-loans.ts';
import { readCsvText } from '../data/read-csv.ts';
import { ModelScorer } from '../scorer/model-scorer.ts';
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
    logistic: { lambdas: [10] },
    source: { file: 'loans.csv', sha256 },
  }));
});

/** The parts of a model file the cases below edit; values are loose on purpose (the cases break them). */
interface Doc {
  format: unknown;
  formatVersion: unknown;
  comment?: unknown;
  labels?: unknown;
  model: { kind: unknown; state: { coefficients: unknown[]; columns: unknown[] } };
  pipeline: { numeric: { bins: { edges: unknown[]; woe: unknown[] } }[] };
  calibration: { method: unknown };
  metrics: { validation: { auc: unknown } };
  trainingData: { rows: unknown };
}

function mutate(change: (doc: Doc) => void): string {
  const doc = JSON.parse(serializeModel(model)) as Doc;
  change(doc);
  return JSON.stringify(doc);
}

describe('model file', () => {
  it('is self-describing: format, version, data hash, labels, backend, package version, warnings', () => {
    expect(model.format).toBe('probity-pd-model');
    expect(model.formatVersion).toBe(2);
    expect(model.model.kind).toBe('logistic');
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
    expect(await loadModel(path)).toEqual(model);
  });

  it('round-trips through plain JSON (as a database stores it) and scores the same', async () => {
    const { table } = await readCsvText(unfamiliarLoansCsv({ rows: 800, seed: 4 }));
    const stored = JSON.parse(JSON.stringify(model)) as unknown;
    const loaded = parseModel(JSON.stringify(stored));
    expect(loaded).toEqual(model);
    expect(Array.from(new ModelScorer(loaded).score(table).pd)).toEqual(Array.from(new ModelScorer(model).score(table).pd));
  });

  it('rejects malformed, unknown and hand-edited files, naming the first wrong field', async () => {
    expect(() => parseModel('{not json')).toThrow(/invalid model file: not JSON/);
    expect(() => parseModel('[]')).toThrow(/not a JSON object/);
    const cases: [string, (doc: Doc) => void, RegExp][] = [
      ['format', (d) => (d.format = 'something-else'), /format is "something-else"/],
      ['future version', (d) => (d.formatVersion = 3), /formatVersion 3 is not supported \(this package reads versions 1 and 2\)/],
      ['kind', (d) => (d.model.kind = 'forest'), /field "model\.kind"/],
      ['a coefficient', (d) => (d.model.state.coefficients[0] = 'NaN'), /field "model\.state\.coefficients\[0\]": .*number/],
      [
        'a missing coefficient',
        (d) => d.model.state.coefficients.pop(),
        /field "model\.state\.coefficients": .*coefficients but its pipeline makes/,
      ],
      [
        'a renamed design column',
        (d) => (d.model.state.columns[1] = 'income in [0, 1)'),
        /field "model\.state\.columns\[1\]": is "income in \[0, 1\)"/,
      ],
      ['a bin edge', (d) => (d.pipeline.numeric[0]!.bins.edges[0] = null), /field "pipeline\.numeric\[0\]\.bins\.edges\[0\]"/],
      [
        'bin edges out of order',
        (d) => {
          const edges = d.pipeline.numeric.find((n) => n.bins.edges.length >= 2)!.bins.edges;
          [edges[0], edges[1]] = [edges[1], edges[0]];
        },
        /field "pipeline\.numeric\[\d+\]\.bins\.edges\[1\]": .* is below the edge before it/,
      ],
      [
        'a bin table',
        (d) => d.pipeline.numeric[0]!.bins.woe.pop(),
        /field "pipeline\.numeric\[0\]\.bins\.woe": has \d+ entries for \d+ bins/,
      ],
      ['the calibration', (d) => (d.calibration.method = 'magic'), /field "calibration\.method"/],
      ['a metric', (d) => (d.metrics.validation.auc = '0.9'), /field "metrics\.validation\.auc"/],
      ['a missing part', (d) => delete d.labels, /field "labels"/],
      ['an unknown field', (d) => (d.comment = 'edited by hand'), /unrecognized key.*"comment"/i],
      ['a negative count', (d) => (d.trainingData.rows = -1), /field "trainingData\.rows"/],
    ];
    for (const [what, change, message] of cases) expect(() => parseModel(mutate(change)), what).toThrow(message);
    const path = join(mkdtempSync(join(tmpdir(), 'probity-model-')), 'bad.json');
    writeFileSync(
      path,
      mutate((d) => (d.formatVersion = 9)),
    );
    await expect(loadModel(path)).rejects.toThrow(/bad\.json: formatVersion 9/);
    await expect(loadModel(join(tmpdir(), 'no-such-model.json'))).rejects.toThrow(/cannot read model file/);
  });
});

describe('version-1 model files', () => {
  it.each(['logistic', 'fusion'])('a %s file written before version 2 loads and scores and explains exactly as it did', async (kind) => {
    const fixture = JSON.parse(readFileSync(new URL(`../../test/fixtures/model-file/v1-${kind}.json`, import.meta.url), 'utf8')) as {
      data: { rows: number; seed: number };
      pd: number[];
      explainedRow: number;
      contributions: Record<string, number>;
      model: Doc;
    };
    expect(fixture.model.formatVersion).toBe(1);
    const loaded = parseModel(JSON.stringify(fixture.model));
    expect(loaded.formatVersion).toBe(2);
    expect(loaded.model.kind).toBe(kind);
    const { table } = await readCsvText(unfamiliarLoansCsv(fixture.data));
    const scorer = new ModelScorer(loaded);
    const pd = scorer.score(table).pd;
    // The fixtures were written when the deep part ran in float64 row by row; it now runs in float32
    // SIMD batches, held to 1e-5 log-odds (PDs within 2.5e-6) and explanations to 1e-4.
    const pdTolerance = kind === 'logistic' ? 1e-12 : 2.5e-6;
    const contributionTolerance = kind === 'logistic' ? 1e-9 : 1e-4;
    fixture.pd.forEach((p, i) => expect(Math.abs(pd[i]! - p)).toBeLessThan(pdTolerance));
    const [explanation] = scorer.explain(table, [fixture.explainedRow]);
    for (const c of explanation!.contributions)
      expect(Math.abs(c.contribution - fixture.contributions[c.feature]!)).toBeLessThan(contributionTolerance);
    // A version-1 file missing its part is named as such.
    const broken = { ...fixture.model, logistic: null };
    expect(() => parseModel(JSON.stringify(broken))).toThrow(/needs the "logistic" part \(a version-1 file\)/);
  });
});
