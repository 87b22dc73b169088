/**
 * The weighted empirical loss distribution of an importance-sampled sample, seen from the top:
 * distinct losses in descending order with the estimated probability P(L > x) above each. All
 * estimates are the unbiased (not self-normalised) ones: P(L > x) = (1/N) sum_j w_j 1{L_j > x}.
 */
export interface WeightedTail {
  scenarios: number;
  /** Distinct losses, descending. */
  values: Float64Array;
  /** Estimated P(L = values[g]). */
  mass: Float64Array;
  /** Estimated P(L > values[g]). */
  above: Float64Array;
  /** Scenario indices sorted by loss, descending (ties by index). */
  order: Uint32Array;
}

export function weightedTail(losses: Float64Array, weights: Float64Array): WeightedTail {
  const n = losses.length;
  const order = new Uint32Array(n);
  for (let j = 0; j < n; j++) order[j] = j;
  order.sort((x, y) => losses[y]! - losses[x]! || x - y);
  const values: number[] = [];
  const mass: number[] = [];
  for (let k = 0; k < n; k++) {
    const j = order[k]!;
    const loss = losses[j]!;
    if (values.length === 0 || values[values.length - 1] !== loss) {
      values.push(loss);
      mass.push(0);
    }
    mass[mass.length - 1]! += weights[j]! / n;
  }
  const above = new Float64Array(values.length);
  let cumulative = 0;
  for (let g = 0; g < values.length; g++) {
    above[g] = cumulative;
    cumulative += mass[g]!;
  }
  return { scenarios: n, values: Float64Array.from(values), mass: Float64Array.from(mass), above, order };
}

export interface QuantilePoint {
  /** VaR: the smallest loss x with P(L > x) <= 1 - level. */
  value: number;
  /** Index into values. */
  group: number;
  /** Estimated P(L > value). */
  above: number;
  /** Share of the atom P(L = value) that belongs to the 1 - level tail (Acerbi-Tasche). */
  atomShare: number;
}

export function quantileOf(tail: WeightedTail, level: number): QuantilePoint {
  const target = 1 - level;
  const { values, mass, above } = tail;
  // First group whose cumulative mass (above + own) reaches the target.
  let low = 0;
  let high = values.length - 1;
  if (values.length === 0) return { value: NaN, group: -1, above: 0, atomShare: 0 };
  if (above[high]! + mass[high]! < target) {
    return { value: values[high]!, group: high, above: above[high]!, atomShare: 1 };
  }
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (above[mid]! + mass[mid]! >= target) high = mid;
    else low = mid + 1;
  }
  const atom = mass[low]!;
  return {
    value: values[low]!,
    group: low,
    above: above[low]!,
    atomShare: atom > 0 ? Math.min(1, Math.max(0, (target - above[low]!) / atom)) : 0,
  };
}
