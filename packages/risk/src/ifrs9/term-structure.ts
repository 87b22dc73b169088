/**
 * PD term structures for lifetime expected credit loss. A term structure is the cumulative default
 * probability PD(t) at whole years t = 1, 2, ...; between whole years the hazard is constant
 * (survival interpolated geometrically), and after the last year it stays at the last year's
 * hazard. Built from a flat annual PD, from cumulative or marginal yearly PDs, or from a rating
 * migration matrix (Markov chain: PD(t) is the default column of the t-th matrix power).
 */
import { inputError } from '../errors.ts';

export interface PdTermStructure {
  /** Cumulative PD at t = 1, 2, ..., non-decreasing, in [0, 1]. */
  cumulative: number[];
}

export function flatTermStructure(annualPd: number, years: number): PdTermStructure {
  if (!(annualPd >= 0 && annualPd <= 1)) inputError('annualPd', `must be in [0, 1], got ${annualPd}`);
  return { cumulative: Array.from({ length: Math.max(1, Math.ceil(years)) }, (_, t) => 1 - (1 - annualPd) ** (t + 1)) };
}

export function fromMarginal(marginal: number[]): PdTermStructure {
  let sum = 0;
  return checkTermStructure({ cumulative: marginal.map((p) => (sum += p)) }, 'marginal');
}

export function checkTermStructure(structure: PdTermStructure, path = 'pdTermStructure'): PdTermStructure {
  const values = structure.cumulative;
  if (!Array.isArray(values) || values.length === 0) inputError(path, 'must list at least one cumulative PD');
  values.forEach((p, t) => {
    if (!(typeof p === 'number' && p >= 0 && p <= 1 + 1e-12)) inputError(`${path}[${t}]`, `must be a PD in [0, 1], got ${p}`);
    if (t > 0 && p < values[t - 1]! - 1e-12) inputError(`${path}[${t}]`, `cumulative PD must not decrease (${values[t - 1]} then ${p})`);
  });
  return structure;
}

/** Survival S(t) = 1 - PD(t) at any t >= 0. */
export function survival(structure: PdTermStructure, t: number): number {
  const values = structure.cumulative;
  if (t <= 0) return 1;
  const whole = Math.floor(t);
  const at = (k: number) => (k === 0 ? 1 : 1 - Math.min(1, values[Math.min(k, values.length) - 1]!));
  if (whole >= values.length) {
    // Beyond the data: keep the last year's hazard.
    const last = at(values.length);
    const before = at(values.length - 1);
    const yearly = before > 0 ? last / before : 0;
    return last * yearly ** (t - values.length);
  }
  const start = at(whole);
  const end = at(whole + 1);
  if (t === whole) return start;
  return start > 0 ? start * (end / start) ** (t - whole) : 0;
}

/**
 * Cumulative PDs by year for each starting grade from a one-year migration matrix (rows: from,
 * columns: to, rows summing to 1, the last state being default and absorbing).
 */
export function termStructuresFromMigration(matrix: number[][], years: number): PdTermStructure[] {
  const n = matrix.length;
  matrix.forEach((row, i) => {
    if (!Array.isArray(row) || row.length !== n) inputError(`matrix[${i}]`, `must have ${n} entries`);
    let sum = 0;
    row.forEach((p, j) => {
      if (!(p >= 0 && p <= 1)) inputError(`matrix[${i}][${j}]`, `must be a probability, got ${p}`);
      sum += p;
    });
    if (Math.abs(sum - 1) > 1e-9) inputError(`matrix[${i}]`, `must sum to 1, got ${sum}`);
  });
  if (Math.abs(matrix[n - 1]![n - 1]! - 1) > 1e-12)
    inputError(`matrix[${n - 1}][${n - 1}]`, 'the last state must be default and absorbing (1)');
  const result: number[][] = Array.from({ length: n - 1 }, () => []);
  let power = matrix.map((row) => [...row]);
  for (let t = 1; t <= years; t++) {
    for (let i = 0; i < n - 1; i++) result[i]!.push(power[i]![n - 1]!);
    power = power.map((row) => matrix[0]!.map((_, j) => row.reduce((sum, p, k) => sum + p * matrix[k]![j]!, 0)));
  }
  return result.map((cumulative) => ({ cumulative }));
}
