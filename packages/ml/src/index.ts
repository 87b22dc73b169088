/**
 * @probity/ml public API for the platform: train, load, score and explain PD models. Everything
 * imported here at load time is free of TensorFlow.js; training a deep model loads it on demand.
 */
import { inspectCsvFile, readCsvFile, type ReadCsvOptions } from './data/read-csv.ts';
import { tableFromRecords, type Table } from './data/table.ts';
import { loadModel, parseModel, saveModel, serializeModel } from './model-file/io.ts';
import type { ModelFile } from './model-file/types.ts';
import { ModelScorer, type ExplainOptions, type ScoreOutput } from './scorer/model-scorer.ts';
import type { Explanation } from './scorer/explanation-types.ts';
import type { TrainHooks, TrainOptions } from './train/options.ts';
import type { TrainReport } from './train/report.ts';

export type { ModelFile, ModelKind, FamilyKind, ModelState, FusionState } from './model-file/types.ts';
export type { CompiledModel, BatchExplanation, ModelFamily, TrainProgress } from './families/types.ts';
export { describeModel, familyOf, MODEL_KINDS } from './families/registry.ts';
export { memberState } from './model-file/parts.ts';
export type { Explanation, Contribution, ReasonCode } from './scorer/explanation-types.ts';
export type { TrainOptions, TrainHooks } from './train/options.ts';
export type { TrainReport } from './train/report.ts';
export type { Table } from './data/table.ts';
export type { ValidationIssue, ValidationReport } from './data/validation-report.ts';
export { DataValidationError, formatReport } from './data/validation-report.ts';
export { ModelFileError } from './model-file/validate-model.ts';
export { ModelScorer, type ScoreOutput, type ExplainOptions } from './scorer/model-scorer.ts';
export {
  BatchScorer,
  DEFAULT_BATCH_SIZE,
  type BatchScorerOptions,
  type ScoreBatchOptions,
  type ScoredBatch,
} from './scorer/batch/batch-scorer.ts';
export { OffloadedBatchScorer, tableScorer, type TableScorer } from './scorer/batch/offloaded-scorer.ts';
export type { TopReasons } from './scorer/batch/top-reasons.ts';
export { counterfactual, type Counterfactual } from './explain/counterfactual.ts';
export { featureCounterfactuals, type FeatureCounterfactual } from './explain/feature-counterfactual.ts';
export { trainInThread, TrainingCancelledError, type TrainingThread, type ThreadHooks } from './train/train-thread.ts';
export {
  validateUpload,
  guessTargetColumn,
  type UploadValidation,
  type UploadColumn,
  type ValidateUploadOptions,
} from './data/validate-upload.ts';
export { validationCharts, type ValidationCharts, type RocPoint, type KsPoint, type DistributionBin } from './metrics/charts.ts';
export { psi, type PsiResult, type PsiBin } from './metrics/psi.ts';
export { auc } from './metrics/auc.ts';
export { aucDeLong, deLongCompare, type AucInterval } from './metrics/delong.ts';
export { calibrationByGrade } from './metrics/grades.ts';
export {
  addCounts,
  countCategorical,
  countNumeric,
  profileCategorical,
  profileNumeric,
  stabilityOf,
  trafficLight,
  type CategoricalProfile,
  type FeatureProfile,
  type NumericProfile,
  type PopulationProfile,
  type ProfileCounts,
  type Stability,
  type StabilityBin,
  type TrafficLight,
} from './metrics/profile.ts';
export { DEFAULT_MASTER_SCALE, checkGradeScale, type GradeScale, type GradeBound, type GradeRow } from './metrics/grades.ts';
export { readCsvFile, readCsvText, readCsvStream, type ReadCsvOptions, type CsvReadResult } from './data/read-csv.ts';
export { tableFromRecords, cellLevel, cellValue } from './data/table.ts';
export { parseSplit } from './data/split.ts';
// Neither loads TensorFlow.js here: the probe loads the backend on a thread of its own.
export { probeBackend, type BackendProbe } from './backend/probe.ts';
export { vulkanDefaults } from './backend/vulkan.ts';
export { loadModel, parseModel, saveModel, serializeModel };

type RecordRow = Record<string, string | number | null | undefined>;

/** Trains a model on a CSV file or an in-memory table; throws DataValidationError with the report on bad data. */
export async function train(
  data: string | Table,
  options: TrainOptions,
  hooks: TrainHooks = {},
  csv: ReadCsvOptions = {},
): Promise<{ model: ModelFile; report: TrainReport }> {
  const { trainModel } = await import('./train/train-model.ts');
  if (typeof data !== 'string') return trainModel(data, options, hooks);
  const { checkMemoryBudget, defaultMemoryBudget, estimateFromFile, RUNTIME_BYTES } = await import('./train/memory-budget.ts');
  const budget = options.maxMemory ?? defaultMemoryBudget();
  const head = await inspectCsvFile(data, csv);
  checkMemoryBudget(estimateFromFile(head, options), budget, `reading and training on ${data}:`);
  const read = await readCsvFile(data, { maxTableBytes: budget - RUNTIME_BYTES, ...csv });
  return trainModel(read.table, { ...options, source: options.source ?? { file: data, sha256: read.sha256 } }, hooks, read.issues);
}

function asTable(rows: Table | RecordRow[], scorer: ModelScorer): Table {
  return Array.isArray(rows) ? tableFromRecords(rows, scorer.requiredColumns) : rows;
}

/** PDs for a batch: a table (e.g. from readCsvFile) or records of raw values. */
export function score(model: ModelFile, rows: Table | RecordRow[]): ScoreOutput {
  const scorer = new ModelScorer(model);
  return scorer.score(asTable(rows, scorer));
}

/** Explanations (contributions per feature, reason codes) for the given 0-based rows, all by default. */
export function explain(model: ModelFile, rows: Table | RecordRow[], which?: number[], options: ExplainOptions = {}): Explanation[] {
  const scorer = new ModelScorer(model);
  const table = asTable(rows, scorer);
  return scorer.explain(table, which ?? Array.from({ length: table.rowCount }, (_, i) => i), options);
}
