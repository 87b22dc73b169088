import { describe, expect, it } from 'vitest';
import { unfamiliarLoansCsv } from '../../test/support/unfamiliar-loans.ts';
import { prepareDataset } from '../data/dataset.ts';
import { readCsvText } from '../data/read-csv.ts';
import { tableFromRecords } from '../data/table.ts';
import { buildDeepDataset } from './deep-dataset.ts';
import { buildDesign, designLayout } from './design-matrix.ts';
import { fitPipeline } from './fit-pipeline.ts';
import { CODE_MISSING, CODE_OTHER, type Encoding } from './types.ts';

async function fitted(encoding: Encoding = 'bins', limitColumn: string | undefined = 'credit_limit') {
  const { table } = await readCsvText(unfamiliarLoansCsv({ rows: 1500, seed: 5 }));
  const prepared = prepareDataset(table, { target: 'status', defaultValue: 'default' });
  // Train on the first 1000 rows only.
  const trainRows = Int32Array.from({ length: 1000 }, (_, i) => i);
  const state = fitPipeline(
    { table, columns: prepared.columns, groups: prepared.groups, labels: prepared.labels, trainRows },
    { encoding, limitColumn },
  );
  return { table, prepared, state, trainRows };
}

describe('fitPipeline', () => {
  it('detects the balance history and builds aggregates, ratios and sequences from it', async () => {
    const { prepared, state } = await fitted();
    expect(prepared.groups).toEqual([
      { name: 'balance', columns: ['balance_1', 'balance_2', 'balance_3', 'balance_4', 'balance_5', 'balance_6'] },
    ]);
    const names = state.numeric.map((n) => n.name);
    expect(names).toEqual(expect.arrayContaining(['balance:max', 'balance:trend', 'balance:mean/credit_limit']));
    expect(state.numeric.find((n) => n.name === 'balance:max')?.unit).toBe('balance_1..balance_6');
    expect(state.sequences).toEqual([expect.objectContaining({ name: 'balance', steps: 6 })]);
    expect(state.units.map((u) => u.name)).toEqual(expect.arrayContaining(['region', 'income', 'balance_1..balance_6', 'balance_3']));
    expect(state.numeric.find((n) => n.name === 'late_payments')?.codeLike).toBe(true);
    expect(state.numeric.find((n) => n.name === 'income')?.scaling.hasMissing).toBe(true);
    expect(state.numeric.find((n) => n.name === 'income')?.bins.missingBin).toBe(true);
  });

  it('learns levels from training rows only and sends unseen, rare and missing levels to their codes', async () => {
    const { state, table } = await fitted();
    const employment = state.categorical.find((c) => c.name === 'employment')!;
    expect(employment.levels.sort()).toEqual(['retired', 'salaried', 'self-employed', 'unemployed']);
    const layout = designLayout(state);
    const slot = layout.slots.find((s) => s.source.kind === 'levels' && s.source.input.name === 'employment')!;
    const scoring = tableFromRecords(
      [
        { employment: 'astronaut', region: 'north' },
        { employment: null, region: 'north' },
        { employment: 'retired', region: 'north' },
      ],
      state.columns,
    );
    const design = buildDesign(state, scoring, layout);
    const slotIndex = layout.slots.indexOf(slot);
    const codeOf = (row: number) => design.onehot[row * design.slotCount + slotIndex]! - slot.offset;
    expect(codeOf(0)).toBe(CODE_OTHER);
    expect(codeOf(1)).toBe(CODE_MISSING);
    expect(employment.levels[codeOf(2) - 2]).toBe('retired');

    expect(table.rowCount).toBe(1500);
  });

  it('makes a design with one active column per slot inside its block', async () => {
    const { state, table } = await fitted();
    const layout = designLayout(state);
    const design = buildDesign(state, table, layout);
    expect(design.columnCount).toBe(layout.columns.length);
    let outside = 0;
    for (let i = 0; i < design.rows; i++) {
      for (let s = 0; s < design.slotCount; s++) {
        const column = design.onehot[i * design.slotCount + s]!;
        const slot = layout.slots[s]!;
        if (column < slot.offset || column >= slot.offset + slot.size) outside++;
      }
    }
    expect(design.slotCount).toBeGreaterThan(10);
    expect(outside).toBe(0);
  });

  it('WoE, linear and hybrid encodings make finite dense designs', async () => {
    for (const encoding of ['woe', 'linear', 'hybrid'] as const) {
      const { state, table } = await fitted(encoding);
      const design = buildDesign(state, table);
      expect(design.denseDim).toBeGreaterThan(10);
      expect(design.dense.every(Number.isFinite)).toBe(true);
    }
  });

  it('builds the deep dataset: standardised dense block, codes in range, sequences with column names', async () => {
    const { state, table, trainRows } = await fitted();
    const ds = buildDeepDataset(state, table, { rows: trainRows });
    expect(ds.n).toBe(1000);
    expect(ds.dense.length).toBe(ds.n * ds.denseDim);
    expect(ds.denseFeatures.length).toBe(ds.denseDim);
    // Standardised on training rows: each non-indicator column has mean ~0.
    const income = ds.denseFeatures.indexOf('income');
    let mean = 0;
    for (let i = 0; i < ds.n; i++) mean += ds.dense[i * ds.denseDim + income]!;
    expect(Math.abs(mean / ds.n)).toBeLessThan(0.15);
    for (const c of ds.categorical) for (const code of c.codes) expect(code).toBeLessThan(c.cardinality);
    expect(ds.sequences[0]!.features.map((step) => step[0])).toEqual([
      'balance_1',
      'balance_2',
      'balance_3',
      'balance_4',
      'balance_5',
      'balance_6',
    ]);
    expect(ds.sequences[0]!.values.every(Number.isFinite)).toBe(true);
  });
});
