/**
 * The model file: one self-describing, versioned JSON document holding everything needed to score and
 * explain, plus the training facts a reviewer asks for (data hash, metrics, warnings). Version 2
 * keeps the fitted model under `model` ({kind, state}, one family or a fusion of them); version-1
 * files (logistic, deep, fusion parts at the top level) are read and upgraded on load.
 */
import type { AnchorState, CalibrationState } from '../calibration/types.ts';
import type { ColumnKind } from '../data/column-types.ts';
import type { ColumnGroup } from '../data/groups.ts';
import type { ValidationIssue } from '../data/validation-report.ts';
import type { ModelState } from '../families/types.ts';
import type { SummaryMetrics } from '../metrics/index.ts';
import type { PipelineState } from '../pipeline/types.ts';

export type { ModelKind, FamilyKind, ModelState, FusionState, MemberModel } from '../families/types.ts';

export const MODEL_FORMAT = 'probity-pd-model';
export const MODEL_FORMAT_VERSION = 2;

export interface ModelFile {
  format: typeof MODEL_FORMAT;
  formatVersion: typeof MODEL_FORMAT_VERSION;
  createdAt: string;
  packageVersion: string;
  /** The training backend: the Newton solver for logistic, the tfjs backend for deep. */
  backend: { name: string; detail: string };
  trainingData: {
    sha256: string;
    file: string | null;
    rows: number;
    trainRows: number;
    validationRows: number;
    testRows: number;
    split: string;
    defaultRate: number;
  };
  target: { column: string; defaultValue: string; nonDefaultValue: string | null };
  idColumn: string | null;
  /** Columns of the training data and how they were read. */
  schema: { name: string; kind: ColumnKind; codeLike: boolean }[];
  groups: ColumnGroup[];
  pipeline: PipelineState;
  /** The fitted model: its family and state. */
  model: ModelState;
  /** Maps the model's raw log-odds (fusion: the stacked log-odds) to calibrated log-odds. */
  calibration: CalibrationState;
  anchor: AnchorState | null;
  /** Human labels per column or group unit, for reason codes. */
  labels: Record<string, string>;
  metrics: { validation: SummaryMetrics; test: SummaryMetrics | null };
  warnings: ValidationIssue[];
}
