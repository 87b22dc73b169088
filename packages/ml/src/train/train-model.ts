/**
 * One training run, from a read table to a model file and its report: validate, split, fit the
 * pipeline on training rows, train the requested model(s), calibrate on validation, optionally
 * re-anchor, and measure on validation and test rows with the same lean scorer that will score later.
 */
import { availableParallelism } from 'node:os';
import { fitCalibration } from '../calibration/apply.ts';
import { solveAnchorShift } from '../calibration/anchor.ts';
import { prepareDataset } from '../data/dataset.ts';
import { assignSplit, formatSplit, ROLE_TEST, ROLE_TRAIN, ROLE_VALIDATION, rowsWithRole } from '../data/split.ts';
import type { Table } from '../data/table.ts';
import { describeDropped } from '../data/usable-features.ts';
import { DataValidationError, makeReport, type ValidationIssue } from '../data/validation-report.ts';
import { resolveLabels } from '../explain/labels.ts';
import { describeModel, familyOf, type FusionFamilyOptions } from '../families/registry.ts';
import type { GbdtOptions } from '../families/gbdt.ts';
import type { FitContext, FitResult, FusionState, ModelKind, ModelState } from '../families/types.ts';
import { chooseAuto, type AutoChoice } from './auto-choice.ts';
import { aucDeLong, calibrationByDecile, calibrationByGrade, hosmerLemeshow, psi, summaryMetrics } from '../metrics/index.ts';
import { validationCharts } from '../metrics/charts.ts';
import { memberState } from '../model-file/parts.ts';
import { MODEL_FORMAT, MODEL_FORMAT_VERSION, type ModelFile } from '../model-file/types.ts';
import { makePenalty } from '../logistic/penalty.ts';
import { pruneLogistic } from '../logistic/prune.ts';
import type { LogisticModelState } from '../logistic/types.ts';
import { chooseSolver } from '../logistic/solver-choice.ts';
import { deepDenseFeatures } from '../pipeline/deep-dataset.ts';
import { designLayout } from '../pipeline/design-matrix.ts';
import { fitPipeline } from '../pipeline/fit-pipeline.ts';
import { DEFAULT_PIPELINE_OPTIONS, type Encoding, type PipelineState } from '../pipeline/types.ts';
import { chooseEncoding, ENCODING_CHOICE_MAX_COLUMNS, ENCODING_CHOICE_MAX_ROWS } from './encoding-choice.ts';
import { calibrateScores } from '../scorer/calibrated.ts';
import { ModelScorer } from '../scorer/model-scorer.ts';
import { sharedUint8 } from '../util/shared-arrays.ts';
import { augmentTraining } from './augment.ts';
import { compareRareDefaultHandling, type AugmentationReport } from './rare-defaults.ts';
import { checkMemoryBudget, defaultMemoryBudget, estimateFromDesign, estimateFromTable } from './memory-budget.ts';
import type { TrainHooks, TrainOptions } from './options.ts';
import { PACKAGE_VERSION } from './package-version.ts';
import type { TrainReport } from './report.ts';
import { trainingPopulation } from './population.ts';

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

/** Synthetic rows --augment will add (for the memory estimate). */
function expectedSynthetic(trainLabels: Uint8Array, ratio = 1, augment: boolean): number {
  if (!augment) return 0;
  let defaults = 0;
  for (const y of trainLabels) defaults += y;
  return Math.max(0, Math.round(ratio * (trainLabels.length - defaults)) - defaults);
}

/** The trees' options: their own section, seeded like the rest of the run unless told otherwise. */
function gbdtOptions(options: TrainOptions): GbdtOptions {
  return { ...(options.seed !== undefined ? { seed: options.seed } : {}), ...options.gbdt };
}

/** The options a family gets: its own section of the training options (all of them for a fusion). */
function familyOptions(kind: ModelKind | 'auto', options: TrainOptions): unknown {
  const deep = () => {
    const warm = options.warmStart ? memberState(options.warmStart.model, 'deep') : null;
    if (options.warmStart && !warm) throw new Error('--warm-start needs a model file with a deep part (kind deep or fusion)');
    return {
      ...options.deep,
      ...(warm ? { warmStart: warm, compareWithScratch: options.compareWithScratch } : {}),
      ...(options.backend !== undefined ? { backend: options.backend } : {}),
    };
  };
  if (kind === 'logistic') return options.logistic ?? {};
  if (kind === 'deep') return deep();
  if (kind === 'gbdt') return gbdtOptions(options);
  const members = options.fusion?.members ?? ['logistic', 'deep', 'gbdt'];
  const fusion: FusionFamilyOptions = {
    members,
    ...(options.fusion?.stacking ? { stacking: options.fusion.stacking } : {}),
    logistic: options.logistic ?? {},
    gbdt: gbdtOptions(options),
    ...(members.includes('deep') ? { deep: deep() } : {}),
  };
  return fusion;
}

export async function trainModel(
  table: Table,
  options: TrainOptions,
  hooks: TrainHooks = {},
  readIssues: ValidationIssue[] = [],
): Promise<{ model: ModelFile; report: TrainReport }> {
  const started = performance.now();
  const elapsed = () => (performance.now() - started) / 1000;
  const signal = hooks.signal;
  const stage = (name: string) => {
    signal?.throwIfAborted();
    hooks.onStage?.(name);
    hooks.onProgress?.({ stage: name, elapsedSeconds: elapsed() });
  };
  const log = (message: string) => hooks.onLog?.(message);

  stage('validating the data');
  if (options.augment && options.classWeight !== undefined)
    throw new Error('--augment and --class-weight both correct for rare defaults: choose one (with --augment the report compares them)');
  const prepared = prepareDataset(table, options, readIssues);
  if (!prepared.report.ok) throw new DataValidationError(prepared.report);
  const budget = options.maxMemory ?? defaultMemoryBudget();
  const shapeOptions = { model: options.model, encoding: options.encoding, threads: options.threads };
  checkMemoryBudget(estimateFromTable(table, shapeOptions), budget, 'training on');
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

  let pipeline!: PipelineState;
  if (options.warmStart) {
    stage('reusing the warm-start model pipeline');
    pipeline = options.warmStart.pipeline;
    notes.push('the feature pipeline was taken unchanged from the warm-start model');
  }
  // The logistic's encoding: the user's, else chosen by cross-validation on small files (./encoding-choice.ts).
  let encoding = options.encoding ?? DEFAULT_PIPELINE_OPTIONS.encoding;
  const pipelineOn = (rows: Int32Array, e: Encoding = encoding) =>
    fitPipeline(
      { table, columns: prepared.columns, groups: prepared.groups, labels, trainRows: rows },
      { ...options.pipeline, encoding: e, limitColumn: options.limitColumn },
    );
  if (
    !options.warmStart &&
    options.encoding === undefined &&
    !options.augment &&
    ['logistic', 'fusion', 'auto'].includes(options.model) &&
    validationRows.length > 0 &&
    trainRows.length + validationRows.length <= ENCODING_CHOICE_MAX_ROWS &&
    // Wide files and L1 / elastic-net selections keep the default: the choice fits L2 models on every column.
    prepared.columns.length <= ENCODING_CHOICE_MAX_COLUMNS &&
    (options.logistic?.penalty?.kind ?? 'l2') === 'l2'
  ) {
    stage('choosing the logistic encoding (5-fold cross-validation)');
    const choice = await chooseEncoding(
      table,
      Int32Array.from([...trainRows, ...validationRows]),
      Uint8Array.from([...trainLabels, ...validationLabels]),
      (e, rows) => pipelineOn(rows, e),
      options.seed ?? 20240501,
    );
    encoding = choice.encoding;
    const losses = Object.entries(choice.heldOutLogLoss).map(([e, l]) => `${e} ${l.toFixed(5)}`);
    log(`logistic encoding: ${encoding} (held-out log loss ${losses.join(', ')})`);
    if (encoding !== DEFAULT_PIPELINE_OPTIONS.encoding)
      notes.push(
        `the logistic model encodes numeric inputs as ${encoding}: its 5-fold held-out log loss was lower than ${DEFAULT_PIPELINE_OPTIONS.encoding}'s by ${(-choice.difference.mean).toFixed(5)} (standard error ${choice.difference.se.toFixed(5)}); --encoding sets it`,
      );
  }
  if (!options.warmStart) {
    stage('fitting the feature pipeline');
    pipeline = pipelineOn(trainRows);
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
  const penalty = options.logistic?.penalty ?? makePenalty('l2');
  checkMemoryBudget(
    estimateFromDesign(
      table,
      {
        model: options.model,
        storedPerRow: layout.denseDim + layout.slots.length,
        designColumns: layout.columnCount,
        solver: chooseSolver({ rows: trainRows.length, columns: layout.columnCount, penalty, threads: options.threads }).method,
        deepInputs: deepDenseFeatures(pipeline).length,
        threads: options.threads ?? availableParallelism(),
      },
      expectedSynthetic(trainLabels, options.augment?.ratio, options.augment !== undefined),
    ),
    budget,
    'training on',
  );
  log(
    `pipeline: ${pipeline.numeric.length} numeric and ${pipeline.categorical.length} categorical inputs, ${layout.columnCount} logistic columns, groups ${prepared.groups.map((g) => g.name).join(', ') || 'none'}`,
  );

  let kind: ModelKind = options.model === 'auto' ? 'fusion' : options.model;
  let family = familyOf(kind);
  const context: FitContext = {
    pipeline,
    table,
    train: { rows: trainRows, labels: trainLabels },
    validation: { rows: validationRows, labels: validationLabels },
    test: hasTest ? { rows: testRows, labels: testLabels } : null,
    classWeight: options.classWeight,
    threads: options.threads,
    signal,
    stage,
    log,
    ...(hooks.onStackInputs ? { onStackInputs: hooks.onStackInputs } : {}),
    note: (message) => notes.push(message),
    progress: (event) => {
      signal?.throwIfAborted();
      hooks.onProgress?.({ ...event, elapsedSeconds: elapsed() });
    },
    // Out-of-fold fits (a fusion's stacker) fit the pipeline again on their fold's rows, as above.
    refitPipeline: (rows) => (options.warmStart ? pipeline : pipelineOn(rows)),
  };
  const memberOptions = familyOptions(options.model, options);
  let fitted: Awaited<ReturnType<typeof family.fit>>;
  let augmentation: AugmentationReport | null = null;
  if (options.augment) {
    // Synthetic defaults from the training rows only; the pipeline above was fitted on the real ones.
    stage(`adding synthetic defaults (${options.augment.method})`);
    const augmented = augmentTraining(table, prepared.columns, pipeline, trainRows, labels, prepared.target, {
      seed: options.seed,
      ...options.augment,
    });
    log(
      `augmentation: ${augmented.synthetic} synthetic defaults added to ${trainRows.length} training rows (${augmented.defaultsBefore} defaults)`,
    );
    fitted = await family.fit(
      // Synthetic rows are no out-of-fold material: the fusion stacks on the validation rows here.
      { ...context, table: augmented.table, train: { rows: augmented.trainRows, labels: augmented.trainLabels }, refitPipeline: undefined },
      memberOptions,
    );
    augmentation = await compareRareDefaultHandling(family, context, memberOptions, fitted, augmented, {
      method: options.augment.method,
      ratio: options.augment.ratio ?? 1,
      calibration: options.calibration ?? 'platt',
    });
    notes.push(
      `training used ${augmented.synthetic} synthetic defaults (${options.augment.method}); the calibration, fitted on the real validation rows, brings the PDs back to the observed default rate`,
    );
  } else {
    fitted = await family.fit(context, memberOptions);
  }
  let auto: AutoChoice | null = null;
  if (options.model === 'auto') {
    const chosen = chooseAuto(fitted as FitResult<FusionState>, context);
    ({ kind, choice: auto } = chosen);
    fitted = chosen.fitted as typeof fitted;
    family = familyOf(kind);
    log(`auto: ${kind} kept, because ${auto.reason}`);
  }
  const fittedPipeline = pipeline;
  if (kind === 'logistic' && (options.logistic?.penalty?.kind ?? 'l2') !== 'l2') {
    // A selection keeps a few inputs: the model (and a scoring file) needs only those.
    const pruned = pruneLogistic(pipeline, fitted.state as LogisticModelState);
    if (pruned.droppedInputs > 0) {
      log(`the model file keeps the ${pruned.pipeline.columns.length} columns its kept features read`);
      pipeline = pruned.pipeline;
      fitted = { ...fitted, state: pruned.state };
    }
  }
  const fittedModel = { kind, state: fitted.state } as ModelState;
  const backend = fitted.backend;

  stage('calibrating');
  // Stacking is calibrated already; the other families get Platt or isotonic on the validation rows.
  const calibration = family.selfCalibrated
    ? { method: 'none' as const }
    : fitCalibration(options.calibration ?? 'platt', fitted.validationLogits, validationLabels);

  const model: ModelFile = {
    format: MODEL_FORMAT,
    formatVersion: MODEL_FORMAT_VERSION,
    createdAt: options.createdAt ?? new Date().toISOString(),
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
    model: fittedModel,
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
  // A model refit on the validation rows is measured there by the held-out fit's log-odds, calibrated.
  const validationScores = fitted.refitOnValidation ? calibrateScores(model, fitted.validationLogits) : scorer.score(table, validationRows);
  model.metrics.validation = summaryMetrics(validationLabels, validationScores.pd);
  let testAucInterval: TrainReport['testAucInterval'] = null;
  const calibrationChecks: Pick<
    TrainReport,
    'calibrationByDecile' | 'calibrationByGrade' | 'hosmerLemeshow' | 'scoreStability' | 'charts'
  > = {
    charts: null,
    calibrationByDecile: null,
    calibrationByGrade: null,
    hosmerLemeshow: null,
    scoreStability: null,
  };
  const trainPd = scorer.score(table, trainRows).pd;
  const population = trainingPopulation(table, model.pipeline, trainRows, trainPd);
  if (hasTest) {
    const testScores = scorer.score(table, testRows);
    model.metrics.test = summaryMetrics(testLabels, testScores.pd);
    const interval = aucDeLong(testLabels, testScores.pd, 0.95);
    testAucInterval = { auc: interval.auc, lower: interval.lower, upper: interval.upper, se: interval.se };
    calibrationChecks.calibrationByDecile = calibrationByDecile(testLabels, testScores.pd);
    calibrationChecks.calibrationByGrade = calibrationByGrade(testLabels, testScores.pd, options.masterScale);
    calibrationChecks.charts = validationCharts(testLabels, testScores.pd);
    try {
      calibrationChecks.hosmerLemeshow = hosmerLemeshow(testLabels, testScores.pd);
    } catch (error) {
      notes.push(`Hosmer-Lemeshow not computed: ${error instanceof Error ? error.message : String(error)}`);
    }
    calibrationChecks.scoreStability = psi(trainPd, testScores.pd);
  }
  for (const p of validationScores.pd) if (!(p > 0 && p < 1)) throw new Error(`training produced a PD outside (0, 1): ${p}`);

  const informationValue = [
    ...fittedPipeline.numeric.map((input) => ({ input: input.name, iv: input.bins.informationValue })),
    ...fittedPipeline.categorical.filter((c) => c.inDesign).map((input) => ({ input: input.name, iv: input.informationValue })),
  ].sort((a, b) => b.iv - a.iv);
  const report: TrainReport = {
    kind,
    description: describeModel(fittedModel),
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
      inputs: fittedPipeline.numeric.length + fittedPipeline.categorical.length,
      designColumns: layout.columnCount,
      groups: prepared.groups.map((g) => g.columns),
      informationValue,
    },
    logistic: fitted.reports.logistic ?? null,
    deep: fitted.reports.deep ?? null,
    gbdt: fitted.reports.gbdt ?? null,
    auto,
    fusion: fitted.reports.fusion ?? null,
    augmentation,
    calibration,
    anchor: model.anchor,
    ...calibrationChecks,
    population,
    warnings: model.warnings,
    notes,
  };
  return { model, report };
}
