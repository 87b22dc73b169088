/**
 * Reason codes in bulk: per row, the k explanation units with the largest positive contributions
 * (largest first; equal contributions keep unit order, as `reasonCodes` does), as typed arrays.
 */
export interface TopReasons {
  k: number;
  /** rows x k, row-major: unit index, or -1 where a row has fewer than k positive contributions. */
  unit: Int32Array;
  contribution: Float64Array;
}

export function topReasons(contributions: Float64Array, rows: number, units: number, k: number): TopReasons {
  const unit = new Int32Array(rows * k).fill(-1);
  const contribution = new Float64Array(rows * k);
  for (let r = 0; r < rows; r++) {
    const at = r * k;
    let filled = 0;
    for (let u = 0; u < units; u++) {
      const c = contributions[r * units + u]!;
      if (!(c > 0)) continue;
      // Insertion into the row's sorted list; a strictly larger value moves ahead of equal ones only.
      let slot = filled;
      while (slot > 0 && contribution[at + slot - 1]! < c) slot--;
      if (slot >= k) continue;
      for (let s = Math.min(filled, k - 1); s > slot; s--) {
        unit[at + s] = unit[at + s - 1]!;
        contribution[at + s] = contribution[at + s - 1]!;
      }
      unit[at + slot] = u;
      contribution[at + slot] = c;
      if (filled < k) filled++;
    }
  }
  return { k, unit, contribution };
}
