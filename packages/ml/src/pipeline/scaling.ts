/**
 * Scaling of one continuous input: median imputation, clipping at training percentiles, an optional
 * signed log for skewed inputs (amounts), then standardisation. Used for the deep model's dense block,
 * the linear encoding and the sequence channels.
 */
import { quantileSorted } from './quantiles.ts';
import type { ScalingState } from './types.ts';

export function signedLog(x: number): number {
  return x < 0 ? -Math.log1p(-x) : Math.log1p(x);
}

function skewness(values: ArrayLike<number>, map: (x: number) => number): number {
  let mean = 0;
  for (let i = 0; i < values.length; i++) mean += map(values[i]!);
  mean /= values.length;
  let m2 = 0;
  let m3 = 0;
  for (let i = 0; i < values.length; i++) {
    const d = map(values[i]!) - mean;
    m2 += d * d;
    m3 += d * d * d;
  }
  m2 /= values.length;
  m3 /= values.length;
  return m2 > 0 ? m3 / Math.pow(m2, 1.5) : 0;
}

/** Fits scaling on the sorted finite training values; `missingCount` says whether an indicator is needed. */
export function fitScaling(sorted: Float64Array, missingCount: number, clip: [number, number], allowLog: boolean): ScalingState {
  if (sorted.length === 0) {
    return { median: 0, hasMissing: missingCount > 0, low: 0, high: 0, signedLog: false, mean: 0, std: 1 };
  }
  const median = quantileSorted(sorted, 0.5);
  const low = quantileSorted(sorted, clip[0]);
  const high = quantileSorted(sorted, clip[1]);
  const clipped = new Float64Array(sorted.length);
  for (let i = 0; i < sorted.length; i++) clipped[i] = Math.min(high, Math.max(low, sorted[i]!));
  const rawSkew = Math.abs(skewness(clipped, (x) => x));
  const useLog = allowLog && rawSkew > 1 && Math.abs(skewness(clipped, signedLog)) < rawSkew && high - low > 10;
  let mean = 0;
  for (let i = 0; i < clipped.length; i++) mean += useLog ? signedLog(clipped[i]!) : clipped[i]!;
  mean /= clipped.length;
  let variance = 0;
  for (let i = 0; i < clipped.length; i++) {
    const d = (useLog ? signedLog(clipped[i]!) : clipped[i]!) - mean;
    variance += d * d;
  }
  const std = Math.sqrt(variance / clipped.length);
  return { median, hasMissing: missingCount > 0, low, high, signedLog: useLog, mean, std: std > 1e-12 ? std : 1 };
}

/** Standardised value of a raw input (missing becomes the median, i.e. close to 0). */
export function applyScaling(state: ScalingState, raw: number): number {
  let x = Number.isNaN(raw) ? state.median : raw;
  x = x < state.low ? state.low : x > state.high ? state.high : x;
  if (state.signedLog) x = signedLog(x);
  return (x - state.mean) / state.std;
}
