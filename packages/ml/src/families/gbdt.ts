/**
 * The gradient-boosted trees family: histogram boosting on the pipeline's raw inputs (missing values
 * native, categoricals as their weight of evidence), scored by walking flat typed-array trees and
 * explained exactly by path-dependent TreeSHAP (each tree's answer kept per cell of its splits), per
 * original column or repeated group.
 */
import { auc } from '../metrics/auc.ts';
import { defaultWeightFor } from '../logistic/train-logistic.ts';
import type { PipelineState } from '../pipeline/types.ts';
import { boostTrees, type BoostResult, type BoostRows } from '../trees/boost.ts';
import { checkGbdtState } from '../trees/check-state.ts';
import { DEFAULT_GBDT_CANDIDATES, DEFAULT_GBDT_PARAMS, DEFAULT_GBDT_REFIT } from '../trees/defaults.ts';
import { ensembleLogits, flattenEnsemble } from '../trees/ensemble.ts';
import { encodeTreeBatch, treeFeatureSources, type TreeBatch } from '../trees/features.ts';
import { resolveMonotone, type MonotoneSpec } from '../trees/monotone.ts';
import { crossValidateTreeCount, type CrossValidatedCount } from '../trees/cross-validate.ts';
import { foldWoeRecode } from '../trees/fold-woe.ts';
import { joinRows, refitTreeCount, type GbdtRefit } from '../trees/refit.ts';
import { pairedLossDifference } from '../trees/settings-choice.ts';
import { gbdtStateSchema } from '../trees/state-schema.ts';
import { ensembleExpectation } from '../trees/tree-shap.ts';
import { MemoTreeShap } from '../trees/tree-shap-memo.ts';
import { TreeShapPool } from '../trees/shap-pool.ts';
import { explainTreeRows } from '../trees/shap-rows.ts';
import type { GbdtModelState, GbdtParams } from '../trees/types.ts';
import { familyMetrics } from './metrics.ts';
import type { BatchExplanation, CompileOptions, CompiledModel, GbdtReport, ModelFamily } from './types.ts';

export interface GbdtOptions extends Partial<GbdtParams> {
  /** Directions per raw column: +1 the PD never falls as it rises, -1 never rises. */
  monotone?: MonotoneSpec;
  /**
   * After early stopping on the validation rows, train again on training and validation rows with the
   * chosen number of trees (`scaled` by the row ratio, default; or the `same`), or keep the first fit (`off`).
   */
  refit?: GbdtRefit;
  /**
   * With a refit: folds of the cross-validation over training and validation rows that chooses the
   * number of trees (default 5 up to CV_MAX_ROWS rows, else 0); 0 or 1: early stopping on the validation rows.
   */
  folds?: number;
  /**
   * Settings the cross-validation chooses between (each over the defaults, under the options given
   * here); the one with the lowest held-out criterion is kept. Without cross-validation: the first.
   */
  candidates?: Partial<GbdtParams>[];
}

/** Above this many training and validation rows one validation slice is large enough to stop on. */
export const CV_MAX_ROWS = 100_000;

function describeCandidate(p: GbdtParams): string {
  return `L2 ${p.l2}, rows ${p.rowSample}, inputs ${p.columnSample}, ${p.maxLeaves} leaves, learning rate ${p.learningRate}`;
}

function compileGbdt(state: GbdtModelState, pipeline: PipelineState, options: CompileOptions = {}): CompiledModel<TreeBatch> {
  const sources = state.features.map((f) => ({ input: f.input, source: f.source, unit: f.unit }));
  const ensemble = flattenEnsemble(state.trees, state.baseScore);
  const units = new Map(pipeline.units.map((u, i) => [u.name, i]));
  const unitOf = Int32Array.from(state.features, (f) => {
    const u = units.get(f.unit);
    if (u === undefined) throw new Error(`tree input "${f.input}" belongs to unknown unit "${f.unit}"`);
    return u;
  });
  let expectation: number | null = null;
  // One per compiled model: its per-tree answers serve every batch the model explains.
  let shap: MemoTreeShap | null = null;
  // A batch scorer's (it names its threads): explanations on worker threads, started on first use.
  let pool: TreeShapPool | null = null;
  const shapPool = () =>
    (pool ??= new TreeShapPool(options.threads!, {
      trees: state.trees,
      baseScore: state.baseScore,
      unitOf,
      units: pipeline.units.length,
    }));
  // The scorers take a batch's log-odds and then its explanation: the second walk of the trees is saved.
  const scored = new WeakMap<TreeBatch, Float64Array>();
  const explanation = (rows: number, contributions: Float64Array, raw: Float64Array): BatchExplanation => ({
    contributions,
    raw,
    baseline: (expectation ??= ensembleExpectation(ensemble)),
    baselineDescription: 'expected log-odds of the trees over the training rows (cover-weighted leaves)',
    methods: new Array<string>(rows).fill('exact TreeSHAP (path-dependent)'),
  });
  const logits = (batch: TreeBatch) => {
    const raw = ensembleLogits(ensemble, batch.values, batch.rows, batch.features);
    scored.set(batch, raw.slice());
    return { raw, parts: { gbdt: raw } };
  };
  return {
    kind: 'gbdt',
    encode: (table, rows) => encodeTreeBatch(pipeline, sources, table, rows),
    size: (batch) => batch.rows,
    logits,
    explain(batch): BatchExplanation {
      shap ??= new MemoTreeShap(ensemble);
      const contributions = explainTreeRows(shap, batch.values, batch.rows, batch.features, unitOf, pipeline.units.length);
      return explanation(
        batch.rows,
        contributions,
        scored.get(batch) ?? ensembleLogits(ensemble, batch.values, batch.rows, batch.features),
      );
    },
    ...(options.threads === undefined
      ? {}
      : {
          async submit(batch: TreeBatch, submitOptions: { explain: boolean }) {
            if (!submitOptions.explain || batch.rows === 0) {
              const { raw, parts } = logits(batch);
              return { raw, parts, explanation: submitOptions.explain ? explanation(0, new Float64Array(0), raw) : null };
            }
            const { raw, contributions } = await shapPool().explain(batch.values, batch.rows, batch.features);
            return { raw, parts: { gbdt: raw }, explanation: explanation(batch.rows, contributions, raw.slice()) };
          },
          async warm() {
            await shapPool().ready();
          },
          async close() {
            await pool?.close();
            pool = null;
          },
        }),
  };
}

export const gbdtFamily: ModelFamily<'gbdt', GbdtModelState, GbdtOptions> = {
  kind: 'gbdt',
  title: 'gradient-boosted trees',
  selfCalibrated: false,
  stateSchema: gbdtStateSchema,
  check: checkGbdtState,

  async fit(context, options) {
    const { pipeline, table, train, validation } = context;
    context.stage('training the gradient-boosted trees');
    const {
      monotone: spec,
      refit: refitMode = DEFAULT_GBDT_REFIT,
      folds: foldOption,
      candidates: candidateOptions = DEFAULT_GBDT_CANDIDATES,
      ...overrides
    } = options;
    // Options given explicitly hold for every candidate; candidates that then coincide are tried once.
    const candidates = [
      ...new Map(
        candidateOptions.map((c) => {
          const p: GbdtParams = { ...DEFAULT_GBDT_PARAMS, ...c, ...overrides };
          return [JSON.stringify(p), p] as const;
        }),
      ).values(),
    ];
    let params: GbdtParams = candidates[0]!;
    const sources = treeFeatureSources(pipeline);
    const monotone = resolveMonotone(pipeline, sources, spec ?? {});
    for (const excluded of monotone.excluded) context.note(`gbdt: ${excluded}; the trees do not split on it`);
    const trainBatch = encodeTreeBatch(pipeline, sources, table, train.rows);
    const validationBatch = encodeTreeBatch(pipeline, sources, table, validation.rows);
    const trainRows = { values: trainBatch.values, rows: trainBatch.rows, labels: train.labels };
    const validationRows = { values: validationBatch.values, rows: validationBatch.rows, labels: validation.labels };
    const defaultWeight = defaultWeightFor(train.labels, context.classWeight);
    const started = performance.now();
    const boost = (rows: BoostRows, held: BoostRows | null, p: GbdtParams, weight: number, stage: string, keepTrained = false) =>
      boostTrees({
        features: sources.length,
        train: rows,
        validation: held,
        monotone: monotone.direction,
        usable: monotone.usable,
        params: p,
        defaultWeight: weight,
        signal: context.signal,
        keepTrained,
        onTree(index, loss, validationLogits) {
          if (index % 10 !== 0) return;
          const seconds = (performance.now() - started) / 1000;
          context.progress({
            stage,
            family: 'gbdt',
            step: { unit: 'tree', index, total: p.maxTrees },
            ...(loss !== null && held ? { validationLoss: loss, validationAuc: auc(held.labels, validationLogits) } : {}),
            etaSeconds: (seconds / index) * (p.maxTrees - index),
          });
        },
      });
    const stateOf = (result: BoostResult, weight: number, treesTrained: number): GbdtModelState => ({
      features: sources.map((s, f) => ({
        ...s,
        edges: result.edges[f]!,
        monotone: monotone.direction[f] as -1 | 0 | 1,
        usable: monotone.usable[f] === 1,
      })),
      baseScore: result.baseScore,
      trees: result.trees,
      params,
      defaultWeight: weight,
      treesTrained,
    });
    const all = joinRows(trainRows, validationRows, sources.length);
    const folds = refitMode === 'off' ? 0 : (foldOption ?? (all.rows <= CV_MAX_ROWS ? 5 : 0));
    let chosen: number;
    let treesTrained: number;
    let scaleFrom: number;
    let heldOut: Float64Array;
    let outOfFoldLogits: Float64Array | undefined;
    let chosenBy: string;
    let state: GbdtModelState | null = null;
    const tried: GbdtReport['candidates'] = [];
    const cvs: CrossValidatedCount[] = [];
    if (folds >= 2) {
      // The count from K folds over every non-test row; each validation row's log-odds from the fold
      // model that held it out (joinRows puts the validation rows after the training rows).
      const stage = `choosing the number of trees (${folds}-fold cross-validation)`;
      context.stage(stage);
      // The first candidate (the regularised defaults) stays unless another lowers the held-out log
      // loss by more than one standard error of the per-row differences.
      const cvWeight = defaultWeightFor(all.labels, context.classWeight);
      // Categorical inputs encoded per fold from the fold's training rows (src/trees/fold-woe.ts).
      const recode = foldWoeRecode(pipeline, sources, table, Int32Array.from([...train.rows, ...validation.rows]), all.labels);
      let cv: CrossValidatedCount | null = null;
      let chosenIndex = 0;
      for (const candidate of candidates) {
        const run = crossValidateTreeCount(
          all,
          sources.length,
          folds,
          candidate.seed,
          (rows, held) => boost(rows, held, candidate, defaultWeightFor(rows.labels, context.classWeight), stage, true),
          recode,
        );
        const score = run.trees > 0 ? run.curve[run.trees - 1]! : null;
        tried.push({ params: candidate, heldOutLogLoss: score, trees: run.trees, chosen: false });
        if (cv === null) cv = run;
        else if (score !== null) {
          // Out-of-fold log-odds at each one's own count (the base rate where no tree helped).
          const d = pairedLossDifference(all.labels, cvWeight, cvs[0]!.outOfFold, run.outOfFold);
          const best = tried[chosenIndex]!.heldOutLogLoss;
          if (d.mean < -d.se && (best === null || score < best)) [cv, chosenIndex] = [run, tried.length - 1];
        }
        cvs.push(run);
        if (candidates.length > 1)
          context.log(`gbdt: ${describeCandidate(candidate)}: held-out log loss ${score?.toFixed(5) ?? '-'} at ${run.trees} trees`);
      }
      params = candidates[chosenIndex]!;
      tried[chosenIndex]!.chosen = true;
      if (!cv) throw new Error('gbdt: no settings to cross-validate');
      chosen = cv.trees;
      treesTrained = cv.curve.length;
      scaleFrom = cv.foldTrainRows;
      heldOut = cv.outOfFold.slice(trainRows.rows);
      // The fusion's stacker gets each fold at the other folds' count (../trees/cross-validate.ts).
      outOfFoldLogits = cv.nestedOutOfFold;
      chosenBy = `${folds}-fold cross-validation`;
    } else {
      const first = boost(trainRows, validationRows, params, defaultWeight, 'training the gradient-boosted trees');
      state = stateOf(first, defaultWeight, first.treesTrained);
      chosen = first.trees.length;
      treesTrained = first.treesTrained;
      scaleFrom = trainRows.rows;
      // Held-out log-odds of the validation rows: from the trees that never saw them, refit or not.
      heldOut = compileGbdt(state, pipeline).logits(validationBatch).raw;
      chosenBy = 'validation';
    }
    let refit: GbdtReport['refit'] = null;
    if (refitMode !== 'off' && chosen > 0) {
      const stage = 'refitting the trees on the training and validation rows';
      context.stage(stage);
      const trees = refitTreeCount(chosen, Math.round(scaleFrom), all.rows, refitMode);
      // Balanced class weights balance the rows trained on: the refit's, now.
      const weight = defaultWeightFor(all.labels, context.classWeight);
      state = stateOf(boost(all, null, { ...params, maxTrees: trees }, weight, stage), weight, treesTrained);
      refit = { rows: all.rows, trees: state.trees.length, chosenOnValidation: chosen, rule: refitMode, chosenBy };
    } else if (!state) {
      // Cross-validation found no tree that lowers the held-out loss: the base rate alone.
      const weight = defaultWeightFor(all.labels, context.classWeight);
      state = stateOf(boost(all, null, { ...params, maxTrees: 0 }, weight, 'no trees'), weight, treesTrained);
    }
    const seconds = (performance.now() - started) / 1000;
    context.log(
      `gbdt: ${chosen} trees chosen of ${treesTrained} trained (held-out log loss, ${chosenBy})${refit ? `, then ${refit.trees} trees refit on all ${refit.rows} training and validation rows` : ''}, ${seconds.toFixed(1)} s`,
    );
    const metrics = familyMetrics(compileGbdt(state, pipeline), context, heldOut);
    return {
      state,
      validationLogits: metrics.validationLogits,
      refitOnValidation: refit !== null,
      ...(outOfFoldLogits ? { outOfFoldLogits } : {}),
      backend: { name: 'gbdt', detail: 'histogram gradient boosting in TypeScript on 1 thread' },
      reports: {
        gbdt: {
          trees: state.trees.length,
          treesTrained,
          refit,
          params,
          candidates: tried,
          monotone: Object.fromEntries(state.features.filter((f) => f.monotone !== 0).map((f) => [f.input, f.monotone])),
          excluded: monotone.excluded,
          seconds,
          validation: metrics.validation,
          test: metrics.test,
        },
      },
    };
  },

  compile: compileGbdt,

  describe(state) {
    const leaves = state.trees.reduce((n, t) => n + t.left.filter((l) => l < 0).length, 0);
    const monotone = state.features.filter((f) => f.monotone !== 0).length;
    return `gradient-boosted trees: ${state.trees.length} trees (${leaves} leaves), learning rate ${state.params.learningRate}, ${state.features.length} inputs${monotone > 0 ? `, ${monotone} monotone` : ''}`;
  },
};
