// The design's dense block and the group statistics are written by specialised loops (scoring runs
// them for every input of every row); these tests hold them to the plain definitions: binIndex and
// applyScaling per value, and each statistic computed row by row across the members.
import { describe, expect, it } from 'vitest';
import { unfamiliarLoansCsv } from '../../test/support/unfamiliar-loans.ts';
import { prepareDataset } from '../data/dataset.ts';
import { readCsvText } from '../data/read-csv.ts';
import { requireColumn, type Table } from '../data/table.ts';
import { binIndex } from './binning.ts';
import { deriveInput, type GroupFiguresCache } from './derived-inputs.ts';
import { buildDesign, designLayout } from './design-matrix.ts';
import { fitPipeline } from './fit-pipeline.ts';
import { applyScaling } from './scaling.ts';
import type { AggregateStat, Derivation, NumericInputState, RatioStat } from './types.ts';

/** The statistic of one row, as written before (member by member, skipping missing values). */
function rowStat(stat: AggregateStat | RatioStat, values: number[]): number {
  const present = values.filter((v) => !Number.isNaN(v));
  if (present.length === 0) return Number.NaN;
  let sum = 0;
  let sumSq = 0;
  for (const v of present) {
    sum += v;
    sumSq += v * v;
  }
  const mean = sum / present.length;
  switch (stat) {
    case 'max':
      return Math.max(...present);
    case 'min':
      return Math.min(...present);
    case 'mean':
      return mean;
    case 'std':
      return Math.sqrt(Math.max(0, sumSq / present.length - mean * mean));
    case 'trend':
      return values[0]! - values[values.length - 1]!;
    case 'first':
      return values[0]!;
  }
}

function randomTable(rows: number, seed: number): Table {
  let state = seed;
  const next = () => (state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const column = (name: string, missingShare: number) => ({
    name,
    numbers: Float64Array.from({ length: rows }, () => (next() < missingShare ? Number.NaN : Math.round((next() - 0.3) * 1e4) / 10)),
    textCodes: null,
    texts: [],
    missingCount: 0,
  });
  return { rowCount: rows, columns: [column('a', 0.3), column('b', 0.5), column('c', 0.2), column('limit', 0.1)] };
}

describe('group statistics', () => {
  const table = randomTable(2000, 11);
  const members = ['a', 'b', 'c'];
  const cases: Derivation[] = [
    ...(['max', 'min', 'mean', 'std', 'trend'] as const).map((stat) => ({ kind: 'aggregate' as const, columns: members, stat })),
    ...(['first', 'mean', 'max'] as const).map((stat) => ({ kind: 'ratio' as const, columns: members, stat, denominator: 'limit' })),
  ];
  it.each(cases.map((c) => [`${c.kind} ${'stat' in c ? c.stat : ''}`, c] as const))(
    '%s equals the row-by-row definition, bit for bit',
    (_, derivation) => {
      const got = deriveInput(derivation, table);
      if (derivation.kind === 'column') throw new Error('not a group');
      const columns = derivation.columns.map((name) => requireColumn(table, name).numbers);
      let missing = 0;
      for (let row = 0; row < table.rowCount; row++) {
        let want = rowStat(
          derivation.stat,
          columns.map((c) => c[row]!),
        );
        if (derivation.kind === 'ratio') {
          const d = requireColumn(table, derivation.denominator).numbers[row]!;
          want = d > 0 ? want / d : Number.NaN;
        }
        if (Number.isNaN(want)) missing++;
        expect(Object.is(got[row], want) || (Number.isNaN(got[row]!) && Number.isNaN(want)), `row ${row}`).toBe(true);
      }
      // The rows include both kinds: values and missing results.
      expect(missing).toBeGreaterThan(0);
      expect(missing).toBeLessThan(table.rowCount);
    },
  );

  it("are the same bits when a table's statistics share one pass per group, whichever comes first", () => {
    const alone = cases.map((derivation) => deriveInput(derivation, table));
    for (const order of [cases, [...cases].reverse()]) {
      const groups: GroupFiguresCache = new Map();
      for (const derivation of order) {
        const shared = deriveInput(derivation, table, groups);
        const want = alone[cases.indexOf(derivation)]!;
        for (let row = 0; row < table.rowCount; row++) {
          expect(Object.is(shared[row], want[row]) || (Number.isNaN(shared[row]!) && Number.isNaN(want[row]!)), `row ${row}`).toBe(true);
        }
      }
      // One pass for the group, kept: the members' names key it.
      expect([...groups.keys()]).toEqual([members.join('\n')]);
    }
  });
});

describe('dense design columns', () => {
  it('hold each input WoE, scaled value and missing indicator as binIndex and applyScaling give them, on all rows and on a selection', async () => {
    const { table } = await readCsvText(unfamiliarLoansCsv({ rows: 1200, seed: 8 }));
    const prepared = prepareDataset(table, { target: 'status', defaultValue: 'default' });
    const trainRows = Int32Array.from({ length: 900 }, (_, i) => i);
    const state = fitPipeline(
      { table, columns: prepared.columns, groups: prepared.groups, labels: prepared.labels, trainRows },
      { encoding: 'hybrid', limitColumn: 'credit_limit' },
    );
    const layout = designLayout(state);
    const selection = Int32Array.from({ length: 300 }, (_, i) => 1199 - 4 * i);
    for (const rows of [undefined, selection]) {
      const design = buildDesign(state, table, layout, rows);
      const expected = (input: NumericInputState, kind: string, v: number) =>
        kind === 'woe-numeric'
          ? input.bins.woe[binIndex(input.bins, v, input.scaling.median)]!
          : kind === 'scaled'
            ? applyScaling(input.scaling, v)
            : Number.isNaN(v)
              ? 1
              : 0;
      let checked = 0;
      layout.dense.forEach((source, j) => {
        if (source.kind === 'woe-categorical') return;
        const values = deriveInput(source.input.derivation, table);
        for (let i = 0; i < design.rows; i++) {
          const v = values[rows ? rows[i]! : i]!;
          expect(design.dense[i * design.denseDim + j]).toBe(Math.fround(expected(source.input, source.kind, v)));
          checked++;
        }
      });
      expect(checked).toBeGreaterThan(design.rows * 10);
    }
  });
});
