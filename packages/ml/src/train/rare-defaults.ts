/**
 * With --augment, the report compares the three ways of handling rare defaults on the same split:
 * synthetic defaults (the model kept), class weighting ("balanced") and nothing. Each variant is
 * trained by the same family and calibrated as the kept model is (on the real validation rows), so
 * the comparison is of what each would have delivered: AUC (unaffected by calibration), log loss and
 * Brier score, and the mean PD before and after calibration next to the observed default rate, which
 * shows the shift that augmentation and weighting put into the raw scores and its correction.
 */
import { calibratedLogit, fitCalibration } from '../calibration/apply.ts';
import type { CalibrationMethod } from '../calibration/types.ts';
import type { FitContext, FitResult, ModelFamily, ModelKind } from '../families/types.ts';
import { summaryMetrics, type SummaryMetrics } from '../metrics/index.ts';
import { sigmoid } from '../util/logistic-math.ts';
import type { AugmentMethod, Augmented } from './augment.ts';

export interface RareDefaultVariant {
  variant: string;
  /** Calibrated figures on the validation rows (where the calibration was fitted) and the test rows. */
  validation: SummaryMetrics;
  test: SummaryMetrics | null;
  meanPd: { validationRaw: number; validationCalibrated: number; testCalibrated: number | null };
}

export interface AugmentationReport {
  method: AugmentMethod;
  ratio: number;
  syntheticRows: number;
  trainingDefaults: number;
  trainingNonDefaults: number;
  trainingDefaultRate: { before: number; after: number };
  observedDefaultRate: { validation: number; test: number | null };
  /** Augmentation (kept), class weighting, nothing. */
  comparison: RareDefaultVariant[];
}

type AnyFamily = ModelFamily<ModelKind, unknown, unknown>;

function mean(values: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += values[i]!;
  return sum / Math.max(values.length, 1);
}

function variantFigures(
  variant: string,
  family: AnyFamily,
  fitted: FitResult<unknown>,
  context: FitContext,
  calibrationMethod: Exclude<CalibrationMethod, 'none'>,
): RareDefaultVariant {
  const calibration = family.selfCalibrated
    ? { method: 'none' as const }
    : fitCalibration(calibrationMethod, fitted.validationLogits, context.validation.labels);
  const pd = (raw: ArrayLike<number>) => Float64Array.from(raw, (z) => sigmoid(calibratedLogit(calibration, null, z)));
  const validationPd = pd(fitted.validationLogits);
  let test: SummaryMetrics | null = null;
  let testMean: number | null = null;
  if (context.test) {
    const compiled = family.compile(fitted.state, context.pipeline);
    const testPd = pd(compiled.logits(compiled.encode(context.table, context.test.rows)).raw);
    test = summaryMetrics(context.test.labels, testPd);
    testMean = mean(testPd);
  }
  return {
    variant,
    validation: summaryMetrics(context.validation.labels, validationPd),
    test,
    meanPd: {
      validationRaw: mean(Array.from(fitted.validationLogits, sigmoid)),
      validationCalibrated: mean(validationPd),
      testCalibrated: testMean,
    },
  };
}

/** Trains the two other variants and reports all three; `augmentedFit` is the model kept. */
export async function compareRareDefaultHandling(
  family: AnyFamily,
  context: FitContext,
  familyOptions: unknown,
  augmentedFit: FitResult<unknown>,
  augmented: Augmented,
  settings: { method: AugmentMethod; ratio: number; calibration: Exclude<CalibrationMethod, 'none'> },
): Promise<AugmentationReport> {
  const quiet = { ...context, log: (message: string) => context.log(`(comparison) ${message}`) };
  context.stage('comparing with class weighting');
  const weighted = await family.fit({ ...quiet, classWeight: 'balanced' }, familyOptions);
  context.stage('comparing with no rare-default handling');
  const plain = await family.fit({ ...quiet, classWeight: undefined }, familyOptions);
  const trainingRows = augmented.defaultsBefore + augmented.nonDefaults;
  return {
    method: settings.method,
    ratio: settings.ratio,
    syntheticRows: augmented.synthetic,
    trainingDefaults: augmented.defaultsBefore,
    trainingNonDefaults: augmented.nonDefaults,
    trainingDefaultRate: {
      before: augmented.defaultsBefore / trainingRows,
      after: (augmented.defaultsBefore + augmented.synthetic) / (trainingRows + augmented.synthetic),
    },
    observedDefaultRate: { validation: mean(context.validation.labels), test: context.test ? mean(context.test.labels) : null },
    comparison: [
      variantFigures(`augmented (${settings.method}, the model kept)`, family, augmentedFit, context, settings.calibration),
      variantFigures('class weighting (balanced)', family, weighted, context, settings.calibration),
      variantFigures('nothing', family, plain, context, settings.calibration),
    ],
  };
}
