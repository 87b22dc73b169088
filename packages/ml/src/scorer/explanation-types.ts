/** What an explanation of one prediction looks like (shared by the scorer, CLI and platform). */

export type CellValue = string | number | null;

export interface Contribution {
  /** The explanation unit: an original column, or a group ("BILL_AMT1..BILL_AMT6") for its aggregates. */
  feature: string;
  label: string;
  /** The row's value(s) of that column or group. */
  value: CellValue | CellValue[];
  /** Signed change in log-odds against the baseline. */
  contribution: number;
}

export interface ReasonCode {
  feature: string;
  label: string;
  value: CellValue | CellValue[];
  contribution: number;
  text: string;
}

export interface Explanation {
  /** 0-based row of the scored table. */
  row: number;
  pd: number;
  /** Final (calibrated, anchored) log-odds of default. */
  logit: number;
  /** The quantity the contributions add up to (minus the baseline), and its value for this row. */
  explained: { quantity: string; value: number };
  baseline: { logit: number; description: string };
  /** All units, largest absolute contribution first. */
  contributions: Contribution[];
  /** |explained - baseline - sum(contributions)|: 0 up to rounding for logistic, the IG quadrature gap for deep. */
  gap: number;
  method: string;
  reasons: ReasonCode[];
}
