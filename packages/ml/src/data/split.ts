/**
 * Train / validation / test assignment. `mod5` is the fixed evaluation protocol (test = rows whose id,
 * or 0-based row number without an id, is divisible by 5); `random:SEED:FRACTION` draws the test set.
 * The validation rows (early stopping, calibration, stacking) are drawn from the non-test rows.
 */
import { seededRandom } from '../util/random.ts';
import type { Table } from './table.ts';

export type SplitSpec = { kind: 'mod5' } | { kind: 'random'; seed: number; fraction: number };

export const ROLE_TRAIN = 0;
export const ROLE_VALIDATION = 1;
export const ROLE_TEST = 2;

export function parseSplit(text: string): SplitSpec {
  if (text === 'mod5') return { kind: 'mod5' };
  const match = /^random:(\d+):(0?\.\d+|[01](?:\.0*)?)$/.exec(text);
  if (match) {
    const fraction = Number(match[2]);
    if (fraction > 0 && fraction < 1) return { kind: 'random', seed: Number(match[1]), fraction };
  }
  throw new Error(`--split must be "mod5" or "random:SEED:FRACTION" with 0 < FRACTION < 1, got ${JSON.stringify(text)}`);
}

export function formatSplit(spec: SplitSpec): string {
  return spec.kind === 'mod5' ? 'mod5' : `random:${spec.seed}:${spec.fraction}`;
}

export interface SplitResult {
  roles: Uint8Array;
  notes: string[];
}

export function assignSplit(
  table: Table,
  idColumn: string | undefined,
  spec: SplitSpec,
  validationFraction = 0.2,
  seed = 20240501,
): SplitResult {
  const roles = new Uint8Array(table.rowCount);
  const notes: string[] = [];
  if (spec.kind === 'mod5') {
    const id = idColumn === undefined ? undefined : table.columns.find((c) => c.name === idColumn);
    let numericIds = id !== undefined;
    if (id) {
      for (let row = 0; row < table.rowCount && numericIds; row++) {
        if (!Number.isInteger(id.numbers[row])) numericIds = false;
      }
      if (!numericIds) notes.push(`id column "${idColumn}" is not all integers; --split mod5 uses the 0-based row number instead`);
    }
    for (let row = 0; row < table.rowCount; row++) {
      const key = numericIds && id ? id.numbers[row]! : row;
      if (key % 5 === 0) roles[row] = ROLE_TEST;
    }
  } else {
    const random = seededRandom(spec.seed);
    for (let row = 0; row < table.rowCount; row++) if (random() < spec.fraction) roles[row] = ROLE_TEST;
  }
  const random = seededRandom(seed);
  for (let row = 0; row < table.rowCount; row++) {
    if (roles[row] !== ROLE_TEST && random() < validationFraction) roles[row] = ROLE_VALIDATION;
  }
  return { roles, notes };
}

export function rowsWithRole(roles: Uint8Array, role: number): Int32Array {
  let count = 0;
  for (const r of roles) if (r === role) count++;
  const rows = new Int32Array(count);
  let k = 0;
  for (let i = 0; i < roles.length; i++) if (roles[i] === role) rows[k++] = i;
  return rows;
}
