/**
 * One training run, from a read table to a model file and its report: validate, split, fit the
 * pipeline on training rows, train the requested model(s), calibrate on validation, optionally
 * re-anchor, and measure on validation and test rows with the same lean scorer that will score later.
 */
import { fitCalibration } from '../calibration/apply.ts';
import { solveAnchorShift } from '../calibration/anchor.ts';
import type { CalibrationState } from '../calibration/types.ts';
import { prepareDataset } from '../data/dataset.ts';
import { assignSplit, formatSplit, ROLE_TEST, ROLE_TRAIN, ROLE_VALIDATION, rowsWithRole } from '../data/split.ts';
import type { Table } from '../data/table.ts';
import { describeDropped } from '../data/usable-features.ts';
import { DataValidationError, makeReport, type ValidationIssue } from '../data/validation-report.ts';
import { deepLogits, type DeepDataset, type DeepModelState } from '../deep/lean.ts';
import { resolveLabels } from '../explain/labels.ts';
import { fitFusion, type FusionState } from '../fusion/stack.ts';
import { keptFeatures } from '../logistic/kept-features.ts';
import { buildLogisticDesign, logisticDesignLogits } from '../logistic/logistic-design.ts';
import { makePenalty } from '../logistic/penalty.ts';
import { chooseSolver } from '../logistic/solver-choice.ts';
import { defaultWeightFor, trainLogistic } from '../logistic/train-logistic.ts';
import type { LogisticModelState } from '../logistic/types.ts';
import {
  aucDeLong,
  calibrationByDecile,
  calibrationByGrade,
  hosmerLemeshow,
  psi,
  summaryMetrics,
  type SummaryMetrics,
} from '../metrics/index.ts';
import { MODEL_FORMAT, MODEL_FORMAT_VERSION, type ModelFile } from '../model-file/types.ts';
import { buildDeepDataset } from '../pipeline/deep-dataset.ts';
import { designLayout } from '../pipeline/design-matrix.ts';
import { fitPipeline } from '../pipeline/fit-pipeline.ts';
import type { PipelineState } from '../pipeline/types.ts';
import { ModelScorer } from '../scorer/model-scorer.ts';
import { sigmoid } from '../util/logistic-math.ts';
import { sharedUint8 } from '../util/shared-arrays.ts';
import type { TrainHooks, TrainOptions } from './options.ts';
import { PACKAGE_VERSION } from './package-version.ts';
import type { DeepRunReport, TrainReport } from './report.ts';

function meanOf(values: Uint8Array): number {
  let sum = 0;
  for (const v of values) sum += v;
  return sum / Math.max(values.length, 1);
}

/** Labels of the given rows, in shared memory (the solver's worker threads read them). */
function labelsOf(labels: Uint8Array, rows: Int32Array): Uint8Array {
  const out = sharedUint8(rows.length);
  for (let i = 0; i < rows.length; i++) out[i] = labels[rows[i]!]!;
  return out;
}

function metricsOf(labels: Uint8Array, logits: ArrayLike<number>): SummaryMetrics {
  return summaryMetrics(labels, Array.from(logits, sigmoid));
}

// Each split needs at least two defaults and two non-defaults: calibration, AUC and DeLong's
// variance are undefined below that.
const MIN_PER_CLASS = 2;

function checkBothClasses(labels: Uint8Array, what: string): ValidationIssue | null {
  let positives = 0;
  for (const y of labels) positives += y;
  const negatives = labels.length - positives;
  if (positives >= MIN_PER_CLASS && negatives >= MIN_PER_CLASS) return null;
  return {
    severity: 'error',
    code: positives < MIN_PER_CLASS ? 'no-defaults' : 'no-non-defaults',
    message: `the ${what} rows (${labels.length}) hold ${positives} defaults and ${negatives} non-defaults; each split needs at least ${MIN_PER_CLASS} of each: use more data or another --split`,
  };
}

interface DeepRun {
  state: DeepModelState;
  report: DeepRunReport;
}

export async function trainModel(
  table: Table,
  options: TrainOptions,
  hooks: TrainHooks = {},
  readIssues: ValidationIssue[] = [],
): Promise<{ model: ModelFile; report: TrainReport }> {
  const started = performance.now();
  const stage = (name: string) => hooks.onStage?.(name);
  const log = (message: string) => hooks.onLog?.(message);

  stage('validating the data');
  const prepared = prepareDataset(table, options, readIssues);
  if (!prepared.report.ok) throw new DataValidationError(prepared.report);
  const split = assignSplit(
    table,
    options.id ?? prepared.idColumn,
    options.split ?? { kind: 'mod5' },
    options.validationFraction ?? 0.2,
    options.seed ?? 20240501,
  );
  const trainRows = rowsWithRole(split.roles, ROLE_TRAIN);
  const validationRows = rowsWithRole(split.roles, ROLE_VALIDATION);
  const testRows = rowsWithRole(split.roles, ROLE_TEST);
  const labels = prepared.labels;
  const trainLabels = labelsOf(labels, trainRows);
  const validationLabels = labelsOf(labels, validationRows);
  const testLabels = labelsOf(labels, testRows);
  const splitIssues = [checkBothClasses(trainLabels, 'training'), checkBothClasses(validationLabels, 'validation')].filter(
    (i): i is ValidationIssue => i !== null,
  );
  if (splitIssues.length > 0) throw new DataValidationError(makeReport([...prepared.report.issues, ...splitIssues]));
  const testIssue = testRows.length > 0 ? checkBothClasses(testLabels, 'test') : null;
  const hasTest = testRows.length > 0 && testIssue === null;
  const notes = [...split.notes];
  if (testIssue) notes.push(`${testIssue.message}; test metrics are left out`);
  log(`rows: ${trainRows.length} train, ${validationRows.length} validation, ${testRows.length} test`);

  let pipeline: PipelineState;
  if (options.warmStart) {
    stage('reusing the warm-start model pipeline');
    pipeline = options.warmStart.pipeline;
    notes.push('the feature pipeline was taken unchanged from the warm-start model');
  } else {
    stage('fitting the feature pipeline');
    pipeline = fitPipeline(
      { table, columns: prepared.columns, groups: prepared.groups, labels, trainRows },
      { ...options.pipeline, encoding: options.encoding ?? 'bins', limitColumn: options.limitColumn },
    );
  }
  const layout = designLayout(pipeline);
  const variesOnTraining = (c: PipelineState['categorical'][number]) => c.counts.filter((n) => n > 0).length >= 2;
  if (pipeline.numeric.length === 0 && !pipeline.categorical.some(variesOnTraining) && pipeline.sequences.length === 0) {
    const features = prepared.columns.filter((c) => c.kind === 'numeric' || c.kind === 'categorical');
    throw new DataValidationError(
      makeReport([
        ...prepared.report.issues,
        {
          severity: 'error',
          code: 'no-usable-feature',
          message: `no feature varies on the ${trainRows.length} training rows (${describeDropped(features.map((c) => ({ name: c.name, reason: 'one value, or only rare levels, on the training rows' })))}); nothing is left to learn from`,
        },
      ]),
    );
  }
  log(
    `pipeline: ${pipeline.numeric.length} numeric and ${pipeline.categorical.length} categorical inputs, ${layout.columnCount} logistic columns, groups ${prepared.groups.map((g) => g.name).join(', ') || 'none'}`,
  );

  const kind = options.model;
  let logistic: LogisticModelState | null = null;
  let logisticReport: TrainReport['logistic'] = null;
  const valLogits: { logistic?: Float64Array; deep?: Float64Array } = {};
  const testLogits: { logistic?: Float64Array; deep?: Float64Array } = {};
  if (kind !== 'deep') {
    stage('training the logistic model');
    const penalty = makePenalty(options.penalty, options.l1Ratio);
    const solver = chooseSolver({ rows: trainRows.length, columns: layout.columnCount, penalty, threads: options.threads });
    log(`logistic solver: ${solver.method} (${solver.reason})`);
    const trainDesign = buildLogisticDesign(pipeline, table, layout, trainRows, solver.method);
    const validationDesign = buildLogisticDesign(pipeline, table, layout, validationRows, solver.method);
    logistic = await trainLogistic(
      pipeline,
      { design: trainDesign, labels: trainLabels },
      { design: validationDesign, labels: validationLabels },
      {
        lambdas: options.lambdas,
        penalty,
        solver,
        classWeight: options.classWeight,
        standardErrors: options.standardErrors,
        scorecard: options.scorecard,
        threads: options.threads,
      },
    );
    for (const trial of logistic.lambdaSearch)
      log(
        `logistic lambda ${trial.lambda.toPrecision(4)}: validation log loss ${trial.validationLogLoss.toFixed(5)}, AUC ${trial.validationAuc.toFixed(4)}, ${trial.nonZero} non-zero columns`,
      );
    const coefficients = Float64Array.from(logistic.coefficients);
    valLogits.logistic = logisticDesignLogits(validationDesign, coefficients, logistic.intercept);
    if (hasTest)
      testLogits.logistic = logisticDesignLogits(
        buildLogisticDesign(pipeline, table, layout, testRows, solver.method),
        coefficients,
        logistic.intercept,
      );
    const selection = keptFeatures(layout, coefficients);
    if (penalty.kind !== 'l2') log(`logistic kept ${selection.kept.length} of ${selection.features} features`);
    if (logistic.standardErrors === null && (options.standardErrors ?? true))
      notes.push(
        penalty.kind === 'l2'
          ? 'standard errors are not computed for a design this wide (they need the columns x columns Hessian)'
          : 'standard errors are not computed for an L1 or elastic-net selection (they would ignore the selection); refit the kept features with --penalty l2 for them',
      );
    logisticReport = {
      lambda: logistic.lambda,
      penalty,
      solver: { method: solver.method, reason: solver.reason },
      iterations: logistic.solver.iterations,
      gradientNorm: logistic.solver.gradientNorm,
      converged: logistic.solver.converged,
      seconds: logistic.solver.seconds,
      lambdaSearch: logistic.lambdaSearch,
      features: selection.features,
      keptFeatures: selection.kept,
      validation: metricsOf(validationLabels, valLogits.logistic),
      test: testLogits.logistic ? metricsOf(testLabels, testLogits.logistic) : null,
    };
  }

  let deep: DeepModelState | null = null;
  let deepReports: DeepRunReport[] | null = null;
  let backend =
    logistic?.solver.method === 'coordinate-descent'
      ? {
          name: 'coordinate-descent',
          detail: 'coordinate descent (proximal Newton steps on a working set of columns) in TypeScript on 1 thread',
        }
      : { name: 'newton', detail: `Newton-Raphson (IRLS) in TypeScript on ${logistic?.solver.threads ?? 1} thread(s)` };
  if (kind !== 'logistic') {
    stage('choosing the deep-learning backend');
    const { selectBackend } = await import('../backend/index.ts');
    const choice = options.backend !== undefined ? await selectBackend(options.backend) : await selectBackend();
    backend = { name: choice.name, detail: choice.detail };
    log(`deep backend: ${choice.name} (${choice.detail})`);
    const { trainDeep } = await import('../deep/index.ts');
    const defaultWeight = defaultWeightFor(trainLabels, options.classWeight);
    const weights = defaultWeight === 1 ? undefined : Float32Array.from(trainLabels, (y) => (y === 1 ? defaultWeight : 1));
    const trainDs = buildDeepDataset(pipeline, table, { rows: trainRows, labels: trainLabels, weights });
    const validationDs = buildDeepDataset(pipeline, table, { rows: validationRows, labels: validationLabels });
    const testDs: DeepDataset | null = hasTest ? buildDeepDataset(pipeline, table, { rows: testRows, labels: testLabels }) : null;
    const runDeep = async (run: string, init?: DeepModelState): Promise<DeepRun> => {
      stage(`training the deep model (${run})`);
      const result = await trainDeep(
        trainDs,
        validationDs,
        { ...options.deep, ...(init ? { init } : {}) },
        { onEpoch: (e) => hooks.onEpoch?.({ ...e, run }) },
      );
      const state = result.state;
      const validation = deepLogits(state, validationDs);
      const test = testDs ? deepLogits(state, testDs) : null;
      return {
        state,
        report: {
          run,
          warmStarted: state.training.warmStarted,
          epochsRun: state.training.epochsRun,
          bestEpoch: state.training.bestEpoch,
          seconds: result.seconds,
          validation: metricsOf(validationLabels, validation),
          test: test ? metricsOf(testLabels, test) : null,
          initial: state.training.initial,
          history: state.training.history,
        },
      };
    };
    const runs: DeepRun[] = [];
    if (options.warmStart) {
      if (!options.warmStart.deep) throw new Error('--warm-start needs a model file with a deep part (kind deep or fusion)');
      runs.push(await runDeep('fine-tuned from the warm-start model', options.warmStart.deep));
      if (options.compareWithScratch ?? true) runs.push(await runDeep('from scratch'));
    } else {
      runs.push(await runDeep('from scratch'));
    }
    deep = runs[0]!.state;
    deepReports = runs.map((r) => r.report);
    valLogits.deep = deepLogits(deep, validationDs);
    if (testDs) testLogits.deep = deepLogits(deep, testDs);
  }

  stage('calibrating');
  let fusion: FusionState | null = null;
  let calibration: CalibrationState;
  if (kind === 'fusion') {
    fusion = fitFusion(valLogits.logistic!, valLogits.deep!, validationLabels);
    calibration = { method: 'none' };
    log(
      `fusion weights: logistic ${fusion.logisticWeight.toFixed(4)}, deep ${fusion.deepWeight.toFixed(4)}, intercept ${fusion.intercept.toFixed(4)}`,
    );
  } else {
    calibration = fitCalibration(
      options.calibration ?? 'platt',
      kind === 'logistic' ? valLogits.logistic! : valLogits.deep!,
      validationLabels,
    );
  }

  const model: ModelFile = {
    format: MODEL_FORMAT,
    formatVersion: MODEL_FORMAT_VERSION,
    kind,
    createdAt: new Date().toISOString(),
    packageVersion: PACKAGE_VERSION,
    backend,
    trainingData: {
      sha256: options.source?.sha256 ?? '',
      file: options.source?.file ?? null,
      rows: table.rowCount,
      trainRows: trainRows.length,
      validationRows: validationRows.length,
      testRows: testRows.length,
      split: formatSplit(options.split ?? { kind: 'mod5' }),
      defaultRate: meanOf(labels),
    },
    target: prepared.target,
    idColumn: options.id ?? prepared.idColumn ?? null,
    schema: prepared.columns.map((c) => ({ name: c.name, kind: c.kind, codeLike: c.codeLike })),
    groups: prepared.groups,
    pipeline,
    logistic,
    deep,
    fusion,
    calibration,
    anchor: null,
    labels: resolveLabels(pipeline.units, options.labels),
    metrics: { validation: { auc: 0, gini: 0, ks: 0, brier: 0, logLoss: 0 }, test: null },
    warnings: prepared.report.issues.filter((issue) => issue.severity === 'warning'),
  };

  if (options.anchorRate !== undefined) {
    stage('re-anchoring to the long-run default rate');
    const development = Int32Array.from([...trainRows, ...validationRows]).sort();
    const before = new ModelScorer(model).score(table, development);
    const shift = solveAnchorShift(before.logit, options.anchorRate);
    let meanBefore = 0;
    for (const p of before.pd) meanBefore += p;
    model.anchor = { rate: options.anchorRate, shift, meanBefore: meanBefore / development.length };
    log(`anchored: mean PD ${model.anchor.meanBefore.toFixed(5)} -> ${options.anchorRate} (log-odds shift ${shift.toFixed(5)})`);
  }

  stage('measuring');
  const scorer = new ModelScorer(model);
  const validationScores = scorer.score(table, validationRows);
  model.metrics.validation = summaryMetrics(validationLabels, validationScores.pd);
  let testAucInterval: TrainReport['testAucInterval'] = null;
  const calibrationChecks: Pick<TrainReport, 'calibrationByDecile' | 'calibrationByGrade' | 'hosmerLemeshow' | 'scoreStability'> = {
    calibrationByDecile: null,
    calibrationByGrade: null,
    hosmerLemeshow: null,
    scoreStability: null,
  };
  if (hasTest) {
    const testScores = scorer.score(table, testRows);
    model.metrics.test = summaryMetrics(testLabels, testScores.pd);
    const interval = aucDeLong(testLabels, testScores.pd, 0.95);
    testAucInterval = { auc: interval.auc, lower: interval.lower, upper: interval.upper, se: interval.se };
    calibrationChecks.calibrationByDecile = calibrationByDecile(testLabels, testScores.pd);
    calibrationChecks.calibrationByGrade = calibrationByGrade(testLabels, testScores.pd);
    try {
      calibrationChecks.hosmerLemeshow = hosmerLemeshow(testLabels, testScores.pd);
    } catch (error) {
      notes.push(`Hosmer-Lemeshow not computed: ${error instanceof Error ? error.message : String(error)}`);
    }
    calibrationChecks.scoreStability = psi(scorer.score(table, trainRows).pd, testScores.pd);
  }
  for (const p of validationScores.pd) if (!(p > 0 && p < 1)) throw new Error(`training produced a PD outside (0, 1): ${p}`);

  const informationValue = [
    ...pipeline.numeric.map((input) => ({ input: input.name, iv: input.bins.informationValue })),
    ...pipeline.categorical.filter((c) => c.inDesign).map((input) => ({ input: input.name, iv: input.informationValue })),
  ].sort((a, b) => b.iv - a.iv);
  const report: TrainReport = {
    kind,
    test: model.metrics.test,
    validation: model.metrics.validation,
    testAucInterval,
    backend: backend.name,
    backendDetail: backend.detail,
    trainSeconds: (performance.now() - started) / 1000,
    data: {
      file: model.trainingData.file,
      sha256: model.trainingData.sha256,
      rows: table.rowCount,
      trainRows: trainRows.length,
      validationRows: validationRows.length,
      testRows: testRows.length,
      defaultRate: model.trainingData.defaultRate,
      split: model.trainingData.split,
    },
    pipeline: {
      encoding: pipeline.options.encoding,
      inputs: pipeline.numeric.length + pipeline.categorical.length,
      designColumns: layout.columnCount,
      groups: prepared.groups.map((g) => g.columns),
      informationValue,
    },
    logistic: logisticReport,
    deep: deepReports,
    fusion: fusion ? { ...fusion, validation: model.metrics.validation, test: model.metrics.test } : null,
    calibration,
    anchor: model.anchor,
    ...calibrationChecks,
    warnings: model.warnings,
    notes,
  };
  return { model, report };
}
