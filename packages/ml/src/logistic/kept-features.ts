/**
 * The features a penalised logistic model kept: every explanation unit (an original column, or a
 * repeated group for its aggregates) with a non-zero coefficient on at least one of its design
 * columns, with those coefficients. For L1 and elastic net this is the selection a scorecard team
 * reads; for L2 every feature is kept.
 */
import type { DesignLayout } from '../pipeline/design-matrix.ts';

export interface KeptFeature {
  feature: string;
  /** The largest |coefficient| among its columns (the order of the list). */
  strength: number;
  columns: { column: string; coefficient: number }[];
}

export function keptFeatures(layout: DesignLayout, coefficients: ArrayLike<number>): { kept: KeptFeature[]; features: number } {
  const byUnit = new Map<string, KeptFeature>();
  const units = new Set<string>();
  layout.columns.forEach((column, j) => {
    units.add(column.unit);
    const coefficient = coefficients[j]!;
    if (coefficient === 0) return;
    let entry = byUnit.get(column.unit);
    if (!entry) {
      entry = { feature: column.unit, strength: 0, columns: [] };
      byUnit.set(column.unit, entry);
    }
    entry.columns.push({ column: column.name, coefficient });
    entry.strength = Math.max(entry.strength, Math.abs(coefficient));
  });
  const kept = [...byUnit.values()].sort((a, b) => b.strength - a.strength || (a.feature < b.feature ? -1 : 1));
  return { kept, features: units.size };
}
