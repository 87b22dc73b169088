/**
 * Categorical levels learned on training rows: frequent levels keep their own code, rare ones share
 * the "other" code with levels never seen in training, and missing has its own code. The same codes
 * feed the one-hot design, the WoE encoding and the deep model's embeddings.
 */
import { cellLevel, type RawColumn } from '../data/table.ts';
import { weightOfEvidence } from './binning.ts';
import { CODE_MISSING, CODE_OTHER, FIRST_LEVEL_CODE, type CategoricalInputState } from './types.ts';

/** More levels than this go to the rare bucket regardless of count (keeps one-hot blocks small). */
const MAX_LEVELS = 200;

export interface LevelFitOptions {
  name: string;
  unit: string;
  minCount: number;
  inDesign: boolean;
}

export function fitLevels(column: RawColumn, rows: ArrayLike<number>, labels: Uint8Array, options: LevelFitOptions): CategoricalInputState {
  const tally = new Map<string, { count: number; defaults: number }>();
  let missing = 0;
  let missingDefaults = 0;
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i]!;
    const level = cellLevel(column, row);
    if (level === null) {
      missing++;
      missingDefaults += labels[row]!;
      continue;
    }
    const entry = tally.get(level) ?? { count: 0, defaults: 0 };
    entry.count++;
    entry.defaults += labels[row]!;
    tally.set(level, entry);
  }
  const frequent = [...tally.entries()]
    .filter(([, entry]) => entry.count >= options.minCount)
    .sort((a, b) => b[1].count - a[1].count || (a[0] < b[0] ? -1 : 1))
    .slice(0, MAX_LEVELS);
  const kept = new Set(frequent.map(([level]) => level));
  let otherCount = 0;
  let otherDefaults = 0;
  for (const [level, entry] of tally) {
    if (kept.has(level)) continue;
    otherCount += entry.count;
    otherDefaults += entry.defaults;
  }
  const counts = [missing, otherCount, ...frequent.map(([, e]) => e.count)];
  const defaults = [missingDefaults, otherDefaults, ...frequent.map(([, e]) => e.defaults)];
  const { woe, informationValue } = weightOfEvidence(counts, defaults);
  return {
    name: options.name,
    unit: options.unit,
    column: column.name,
    levels: frequent.map(([level]) => level),
    counts,
    defaults,
    woe,
    informationValue,
    inDesign: options.inDesign,
  };
}

export function levelIndex(state: CategoricalInputState): Map<string, number> {
  return new Map(state.levels.map((level, i) => [level, FIRST_LEVEL_CODE + i]));
}

export function encodeLevels(state: CategoricalInputState, column: RawColumn, rowCount: number, index = levelIndex(state)): Int32Array {
  const codes = new Int32Array(rowCount);
  for (let row = 0; row < rowCount; row++) {
    const level = cellLevel(column, row);
    codes[row] = level === null ? CODE_MISSING : (index.get(level) ?? CODE_OTHER);
  }
  return codes;
}

export function cardinality(state: CategoricalInputState): number {
  return FIRST_LEVEL_CODE + state.levels.length;
}
