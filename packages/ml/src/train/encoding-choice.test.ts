/**
 * The logistic's encoding is chosen by cross-validation when none is given: on a German-credit-like
 * file (code columns, smooth numeric effects, 1,000 rows) `linear` has the lower held-out loss and is
 * kept, with a note saying so; a given encoding is never overridden. The
 * refit on training and validation rows keeps the validation figures those of the fit that never saw them.
 */
import { describe, expect, it } from 'vitest';
import { germanLike } from '../../test/support/statlog-like.ts';
import { readCsvText } from '../data/read-csv.ts';
import type { Table } from '../data/table.ts';
import { trainModel } from './train-model.ts';
import type { TrainOptions } from './options.ts';

async function german(seed = 31): Promise<Table> {
  const d = germanLike(1000, seed);
  // Whitespace-delimited, as Statlog ships its files.
  const text = [d.header, ...d.lines].map((l) => l.join('  ')).join('\n');
  return (await readCsvText(`${text}\n`)).table;
}

const base: TrainOptions = {
  model: 'logistic',
  target: 'BAD',
  split: { kind: 'random', seed: 2, fraction: 0.2 },
  createdAt: '2026-01-01T00:00:00.000Z',
};

describe('logistic encoding choice and refit', () => {
  it('keeps linear where it is clearly better, and a given encoding as given', async () => {
    const table = await german();
    const chosen = await trainModel(table, base);
    expect(chosen.model.pipeline.options.encoding).toBe('linear');
    expect(chosen.report.notes.some((n) => n.includes('encodes numeric inputs as linear'))).toBe(true);
    const given = await trainModel(table, { ...base, encoding: 'hybrid' });
    expect(given.model.pipeline.options.encoding).toBe('hybrid');
  }, 120_000);

  it('keeps the encoding with the lower held-out loss even when it is lower by less than a standard error', async () => {
    // Another German-like draw: linear lower by about half a standard error (kept hybrid before).
    const chosen = await trainModel(await german(32), base);
    expect(chosen.model.pipeline.options.encoding).toBe('linear');
    const note = chosen.report.notes.find((n) => n.includes('encodes numeric inputs as linear'))!;
    const [by, se] = [...note.matchAll(/\d+\.\d+/g)].map((m) => Number(m[0]));
    expect(by).toBeGreaterThan(0);
    expect(by).toBeLessThan(se!);
  }, 120_000);

  it('refits on training and validation rows, the validation figures held out', async () => {
    const table = await german();
    const refit = await trainModel(table, { ...base, encoding: 'linear' });
    const first = await trainModel(table, { ...base, encoding: 'linear', logistic: { refit: false } });
    if (refit.model.model.kind !== 'logistic' || first.model.model.kind !== 'logistic') throw new Error('expected logistic models');
    expect(refit.model.model.state.coefficients).not.toEqual(first.model.model.state.coefficients);
    expect(refit.report.logistic!.validation.auc).toBe(first.report.logistic!.validation.auc);
    expect(refit.report.logistic!.lambda).toBe(first.report.logistic!.lambda);
  }, 120_000);
});
