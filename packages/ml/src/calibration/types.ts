/** Calibration maps a model's raw log-odds to calibrated log-odds; stored in the model file. */
export type CalibrationState =
  | { method: 'none' }
  /** calibrated logit = a * z + b */
  | { method: 'platt'; a: number; b: number }
  /** Piecewise-linear PD through (x[k], y[k]) over raw logits, flat outside. */
  | { method: 'isotonic'; x: number[]; y: number[] };

export type CalibrationMethod = CalibrationState['method'];

/** Shift added to the calibrated log-odds so the mean PD on the development rows meets a long-run rate. */
export interface AnchorState {
  rate: number;
  shift: number;
  /** Mean PD on the development rows before the shift. */
  meanBefore: number;
}
