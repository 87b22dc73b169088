// The demo's model features, so both portfolios can be scored by the demo's champion models:
// - each retail card (CARD-<ID>) carries its client's row of the Taiwan file (every column but ID and
//   the DEFAULT_NEXT_MONTH target), exposure level;
// - each of the corporate book's 80 companies (CORP-0001..0080) carries the 64 financial ratios of one
//   company of the Polish bankruptcy file (every column but BANKRUPT), obligor level. Company i takes
//   data row 85 x (i - 1): rows whose number is a multiple of 5, the test rows of the mod5 split the
//   demo's corporate model is trained with, so the book is scored on companies the model never saw.
import { fileURLToPath } from 'node:url';
import { readCsvFile, type Table } from '@probity/ml';
import type pg from 'pg';
import { writeFeatureRows } from '../features/write-features.ts';
import { CORPORATE_OBLIGOR_COUNT } from './corporate-book.ts';
import { TAIWAN_CSV } from './taiwan-cards.ts';

export const POLISH_CSV = fileURLToPath(new URL('../../../../data/polish-bankruptcy-1year.csv', import.meta.url));
export const POLISH_ROW_STRIDE = 85;

const featureIndexes = (table: Table, exclude: string[]): number[] =>
  table.columns.map((c, i) => (exclude.includes(c.name) ? -1 : i)).filter((i) => i >= 0);

function columnIndex(table: Table, name: string): number {
  const index = table.columns.findIndex((c) => c.name === name);
  if (index < 0) throw new Error(`demo features: column ${name} is missing`);
  return index;
}

/** Loads both feature sets unless a load of the same file for the same day is already there. */
export async function seedDemoFeatures(client: pg.ClientBase, organizationId: string, asOf: string): Promise<number> {
  let loads = 0;
  const already = async (sha256: string): Promise<boolean> =>
    (
      await client.query('SELECT 1 FROM feature_loads WHERE organization_id = $1 AND sha256 = $2 AND as_of = $3::date', [
        organizationId,
        sha256,
        asOf,
      ])
    ).rowCount! > 0;

  const taiwan = await readCsvFile(TAIWAN_CSV);
  if (!(await already(taiwan.sha256))) {
    const id = taiwan.table.columns[columnIndex(taiwan.table, 'ID')]!.numbers;
    const rows = Array.from({ length: taiwan.table.rowCount }, (_, i) => i);
    const written = await writeFeatureRows(client, {
      organizationId,
      level: 'EXPOSURE',
      asOf,
      table: taiwan.table,
      rows,
      ids: rows.map((r) => `CARD-${id[r]}`),
      featureColumns: featureIndexes(taiwan.table, ['ID', 'DEFAULT_NEXT_MONTH']),
      sha256: taiwan.sha256,
      fileName: 'taiwan-credit-default.csv',
      createdById: null,
      idColumn: 'ID',
      portfolioId: null,
    });
    if (!written.ok) throw new Error(`demo features (Taiwan): ${written.issues.map((i) => i.message).join('; ')}`);
    loads += 1;
  }

  const polish = await readCsvFile(POLISH_CSV);
  if (!(await already(polish.sha256))) {
    const rows = Array.from({ length: CORPORATE_OBLIGOR_COUNT }, (_, i) => i * POLISH_ROW_STRIDE);
    const written = await writeFeatureRows(client, {
      organizationId,
      level: 'OBLIGOR',
      asOf,
      table: polish.table,
      rows,
      ids: rows.map((_, i) => `CORP-${String(i + 1).padStart(4, '0')}`),
      featureColumns: featureIndexes(polish.table, ['BANKRUPT']),
      sha256: polish.sha256,
      fileName: 'polish-bankruptcy-1year.csv',
      createdById: null,
      idColumn: 'external_id',
      portfolioId: null,
    });
    if (!written.ok) throw new Error(`demo features (Polish): ${written.issues.map((i) => i.message).join('; ')}`);
    loads += 1;
  }
  return loads;
}
