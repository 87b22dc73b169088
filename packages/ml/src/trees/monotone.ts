/**
 * Monotone constraints per raw column, carried to every tree input computed from that column: the
 * column itself, max/min/mean over a group holding it and ratios with it in the numerator keep its
 * direction, a ratio with it as denominator reverses it, a trend (first minus last) keeps or reverses
 * it by position. A std over its group cannot hold any direction, so the trees leave that input out.
 */
import type { Derivation, PipelineState } from '../pipeline/types.ts';
import type { FeatureSource } from './features.ts';

export type MonotoneSpec = Record<string, 1 | -1>;

/** "DAYS_PAST_DUE=+1,INCOME=-1" to {DAYS_PAST_DUE: 1, INCOME: -1}. */
export function parseMonotoneSpec(text: string): MonotoneSpec {
  const spec: MonotoneSpec = {};
  for (const part of text.split(',')) {
    const match = /^\s*([^=]+?)\s*=\s*([+-]?1)\s*$/.exec(part);
    if (!match) throw new Error(`--monotone takes COLUMN=+1 or COLUMN=-1 separated by commas; "${part}" is neither`);
    spec[match[1]!] = match[2] === '-1' ? -1 : 1;
  }
  return spec;
}

/** How an input moves when `column` rises: +1, -1, 0 (not at all) or null (no fixed direction). */
function effect(derivation: Derivation, column: string): 1 | -1 | 0 | null {
  if (derivation.kind === 'column') return derivation.column === column ? 1 : 0;
  const index = derivation.columns.indexOf(column);
  if (derivation.kind === 'ratio') {
    if (derivation.denominator === column) return index >= 0 ? null : -1;
    if (index < 0) return 0;
    return derivation.stat === 'first' ? (index === 0 ? 1 : 0) : 1;
  }
  if (index < 0) return 0;
  switch (derivation.stat) {
    case 'max':
    case 'min':
    case 'mean':
      return 1;
    case 'trend':
      // first - last: the first member raises it, the last lowers it (a one-member group cancels out).
      return derivation.columns.length === 1 ? 0 : index === 0 ? 1 : index === derivation.columns.length - 1 ? -1 : 0;
    case 'std':
      return null;
  }
}

export interface ResolvedMonotone {
  direction: Int8Array;
  usable: Uint8Array;
  /** Inputs left out, and why (for the report). */
  excluded: string[];
}

export function resolveMonotone(pipeline: PipelineState, features: FeatureSource[], spec: MonotoneSpec): ResolvedMonotone {
  const direction = new Int8Array(features.length);
  const usable = new Uint8Array(features.length).fill(1);
  const excluded: string[] = [];
  for (const [column, sign] of Object.entries(spec)) {
    let found = false;
    features.forEach((feature, f) => {
      if (feature.source === 'categorical') {
        const input = pipeline.categorical.find((c) => c.name === feature.input);
        if (input?.column === column)
          throw new Error(`--monotone ${column}: the column is categorical; a direction needs a numeric column`);
        return;
      }
      const input = pipeline.numeric.find((n) => n.name === feature.input)!;
      const e = effect(input.derivation, column);
      if (e === 0) return;
      found = true;
      const wanted = e === null ? null : ((e * sign) as 1 | -1);
      if (wanted === null || (direction[f] !== 0 && direction[f] !== wanted)) {
        if (usable[f]) excluded.push(`${feature.input} (its direction in ${column} is not fixed)`);
        usable[f] = 0;
        direction[f] = 0;
      } else if (usable[f]) {
        direction[f] = wanted;
      }
    });
    if (!found) {
      const known = pipeline.numeric.filter((n) => n.derivation.kind === 'column').map((n) => n.name);
      throw new Error(`--monotone ${column}: no numeric input of the model reads that column (numeric columns: ${known.join(', ')})`);
    }
  }
  return { direction, usable, excluded };
}
