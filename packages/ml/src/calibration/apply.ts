/** Applies a calibration (and an optional anchor shift) to raw log-odds. */
import { clampLogit, logit } from '../util/logistic-math.ts';
import { applyIsotonic, fitIsotonic } from './isotonic.ts';
import { fitPlatt } from './platt.ts';
import type { AnchorState, CalibrationMethod, CalibrationState } from './types.ts';

export function calibratedLogit(state: CalibrationState, anchor: AnchorState | null, z: number): number {
  let out: number;
  if (state.method === 'platt') out = state.a * z + state.b;
  else if (state.method === 'isotonic') out = logit(applyIsotonic(state, z));
  else out = z;
  return clampLogit(out + (anchor ? anchor.shift : 0));
}

export function fitCalibration(method: CalibrationMethod, logits: ArrayLike<number>, labels: ArrayLike<number>): CalibrationState {
  if (method === 'platt') return { method, ...fitPlatt(logits, labels) };
  if (method === 'isotonic') return { method, ...fitIsotonic(logits, labels) };
  return { method: 'none' };
}
