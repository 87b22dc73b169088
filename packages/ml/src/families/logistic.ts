/**
 * The logistic family: penalised logistic regression (L2, L1 or elastic net) on the pipeline's design
 * (bins, WoE or linear), fitted by Newton's method or, for wide designs and L1, coordinate descent.
 */
import { logisticContributor, unitIndex } from '../explain/logistic-contributions.ts';
import { designLogits, designScores } from '../logistic/logits.ts';
import { logisticStateSchema } from '../logistic/state-schema.ts';
import { keptFeatures } from '../logistic/kept-features.ts';
import { logisticOutOfFold } from '../logistic/out-of-fold.ts';
import { buildLogisticDesign } from '../logistic/logistic-design.ts';
import { describePenalty, makePenalty } from '../logistic/penalty.ts';
import { chooseSolver } from '../logistic/solver-choice.ts';
import { trainLogistic, type LogisticTrainOptions } from '../logistic/train-logistic.ts';
import type { LogisticModelState } from '../logistic/types.ts';
import type { WasmDesign } from '../logistic/wasm/design-memory.ts';
import { buildDesign, designLayout, type DesignMatrix } from '../pipeline/design-matrix.ts';
import type { PipelineState } from '../pipeline/types.ts';
import { sharedUint8 } from '../util/shared-arrays.ts';
import { familyMetrics } from './metrics.ts';
import type { BatchExplanation, CompiledModel, ModelFamily } from './types.ts';

/** Training options of the logistic family (class weight and threads come from the job). */
export type LogisticOptions = Pick<LogisticTrainOptions, 'lambdas' | 'penalty' | 'standardErrors' | 'scorecard'> & {
  /**
   * After the validation rows chose the strength, fit again at it on training and validation rows
   * (default true; as the trees do). Small files gain most: a fifth more rows to learn from. The
   * validation log-odds (calibration, stacking) stay those of the fit that did not see them.
   */
  refit?: boolean;
};

function compileLogistic(state: LogisticModelState, pipeline: PipelineState): CompiledModel<DesignMatrix> {
  const layout = designLayout(pipeline);
  const coefficients = Float64Array.from(state.coefficients);
  let folded: { a: number; b: number; coefficients: Float64Array; intercept: number } | null = null;
  let contributor: ReturnType<typeof logisticContributor> | null = null;
  // Memories of recycled designs (two batches are in flight in the batch scorer, so two are enough).
  const spare: WasmDesign[] = [];
  return {
    kind: 'logistic',
    encode: (table, rows) => buildDesign(pipeline, table, layout, rows, spare.pop() ?? null),
    recycle(design) {
      if (design.wasm && spare.length < 2) spare.push(design.wasm);
    },
    size: (design) => design.rows,
    logits(design) {
      const raw = designLogits(design, coefficients, state.intercept);
      return { raw, parts: { logistic: raw } };
    },
    scoreAffine(design, a, b) {
      // Platt (and the anchor) folded into the coefficients: PDs from one SIMD pass.
      if (!folded || folded.a !== a || folded.b !== b)
        folded = { a, b, coefficients: coefficients.map((c) => a * c), intercept: a * state.intercept + b };
      return designScores(design, folded.coefficients, folded.intercept);
    },
    explain(design): BatchExplanation {
      contributor ??= logisticContributor(state, layout, unitIndex(pipeline.units.map((u) => u.name)));
      const k = pipeline.units.length;
      const contributions = new Float64Array(design.rows * k);
      const raw = new Float64Array(design.rows);
      contributor.rows(design, contributions);
      for (let i = 0; i < design.rows; i++) {
        // The raw log-odds is exactly the baseline plus the contributions.
        let z = contributor.baseline;
        for (let u = 0; u < k; u++) z += contributions[i * k + u]!;
        raw[i] = z;
      }
      return {
        contributions,
        raw,
        baseline: contributor.baseline,
        baselineDescription: 'log-odds at the training means of the model inputs',
        methods: new Array<string>(design.rows).fill('exact logistic contributions'),
      };
    },
  };
}

export const logisticFamily: ModelFamily<'logistic', LogisticModelState, LogisticOptions> = {
  kind: 'logistic',
  title: 'logistic regression',
  selfCalibrated: false,
  stateSchema: logisticStateSchema,

  check(state, pipeline) {
    const layout = designLayout(pipeline);
    if (state.coefficients.length !== layout.columnCount)
      return {
        path: 'coefficients',
        message: `the model has ${state.coefficients.length} coefficients but its pipeline makes ${layout.columnCount} columns`,
      };
    if (state.columns.length !== layout.columnCount || state.columnMeans.length !== layout.columnCount)
      return { path: 'columns', message: `columns and columnMeans need one entry per design column (${layout.columnCount})` };
    const mismatch = layout.columns.findIndex((c, j) => c.name !== state.columns[j]);
    if (mismatch >= 0)
      return {
        path: `columns[${mismatch}]`,
        message: `is "${state.columns[mismatch]}" but the pipeline makes "${layout.columns[mismatch]!.name}"`,
      };
    return null;
  },

  async fit(context, options) {
    const { pipeline, table, train, validation } = context;
    context.stage('training the logistic model');
    const layout = designLayout(pipeline);
    const penalty = options.penalty ?? makePenalty('l2');
    const solver = chooseSolver({ rows: train.rows.length, columns: layout.columnCount, penalty, threads: context.threads });
    context.log(`logistic solver: ${solver.method} (${solver.reason})`);
    const started = performance.now();
    const state = await trainLogistic(
      pipeline,
      { design: buildLogisticDesign(pipeline, table, layout, train.rows, solver.method), labels: train.labels },
      { design: buildLogisticDesign(pipeline, table, layout, validation.rows, solver.method), labels: validation.labels },
      {
        ...options,
        penalty,
        solver,
        classWeight: context.classWeight,
        threads: context.threads,
        signal: context.signal,
        onTrial: (trial, index, total) => {
          context.log(
            `logistic lambda ${trial.lambda.toPrecision(4)}: validation log loss ${trial.validationLogLoss.toFixed(5)}, AUC ${trial.validationAuc.toFixed(4)}, ${trial.nonZero} non-zero columns`,
          );
          const seconds = (performance.now() - started) / 1000;
          context.progress({
            stage: 'training the logistic model',
            family: 'logistic',
            step: { unit: 'penalty', index, total },
            validationLoss: trial.validationLogLoss,
            validationAuc: trial.validationAuc,
            etaSeconds: (seconds / index) * (total - index),
          });
        },
      },
    );
    // Refit on every development row; not on augmented tables (no refitPipeline there), whose
    // synthetic training rows the validation rows must not be mixed with.
    let final = state;
    let heldOut: Float64Array | undefined;
    if ((options.refit ?? true) && context.refitPipeline && validation.rows.length > 0) {
      context.stage('refitting the logistic model on training and validation rows');
      heldOut = compileLogistic(state, pipeline).logits(buildDesign(pipeline, table, layout, validation.rows)).raw;
      const rows = Int32Array.from([...train.rows, ...validation.rows]);
      // In shared memory: the solver's worker threads read them.
      const labels = sharedUint8(rows.length);
      labels.set(train.labels, 0);
      labels.set(validation.labels, train.labels.length);
      const refitSolver = chooseSolver({ rows: rows.length, columns: layout.columnCount, penalty, threads: context.threads });
      const design = buildLogisticDesign(pipeline, table, layout, rows, refitSolver.method);
      const refit = await trainLogistic(
        pipeline,
        { design, labels },
        { design, labels },
        {
          ...options,
          lambdas: [state.lambda],
          penalty,
          solver: refitSolver,
          classWeight: context.classWeight,
          threads: context.threads,
          signal: context.signal,
        },
      );
      final = { ...refit, lambdaSearch: state.lambdaSearch };
    }
    const compiled = compileLogistic(final, pipeline);
    const metrics = familyMetrics(compiled, context, heldOut);
    const selection = keptFeatures(layout, final.coefficients);
    if (penalty.kind !== 'l2') context.log(`logistic kept ${selection.kept.length} of ${selection.features} features`);
    if (final.standardErrors === null && (options.standardErrors ?? true))
      context.note(
        penalty.kind === 'l2'
          ? 'standard errors are not computed for a design this wide (they need the columns x columns Hessian)'
          : 'standard errors are not computed for an L1 or elastic-net selection (they would ignore the selection); refit the kept features with --penalty l2 for them',
      );
    let outOfFoldLogits: Float64Array | undefined;
    if (context.outOfFold && context.refitPipeline) {
      const { folds, seed } = context.outOfFold;
      context.stage(`logistic out-of-fold log-odds (${folds} folds, pipeline refit per fold)`);
      outOfFoldLogits = await logisticOutOfFold(context, context.refitPipeline, folds, seed, state.lambda, penalty, options);
    }
    return {
      state: final,
      validationLogits: metrics.validationLogits,
      ...(outOfFoldLogits ? { outOfFoldLogits } : {}),
      backend:
        solver.method === 'newton'
          ? { name: 'newton', detail: `Newton-Raphson (IRLS) in TypeScript on ${state.solver.threads} thread(s)` }
          : {
              name: 'coordinate-descent',
              detail: 'coordinate descent (proximal Newton steps on a working set of columns) in TypeScript on 1 thread',
            },
      reports: {
        logistic: {
          lambda: final.lambda,
          penalty,
          solver: { method: solver.method, reason: solver.reason },
          iterations: final.solver.iterations,
          gradientNorm: final.solver.gradientNorm,
          converged: final.solver.converged,
          seconds: final.solver.seconds,
          lambdaSearch: final.lambdaSearch,
          features: selection.features,
          keptFeatures: selection.kept,
          validation: metrics.validation,
          test: metrics.test,
        },
      },
    };
  },

  compile: compileLogistic,

  describe(state) {
    const nonZero = state.coefficients.filter((c) => c !== 0).length;
    const penalty = describePenalty(state.penalty ?? makePenalty('l2'));
    return `logistic regression: ${state.coefficients.length} design columns (${nonZero} non-zero), ${penalty} lambda ${state.lambda.toPrecision(4)}, ${state.solver.method}${state.scorecard ? ', scorecard points' : ''}`;
  },
};
