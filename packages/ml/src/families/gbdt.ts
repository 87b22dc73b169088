/**
 * The gradient-boosted trees family: histogram boosting on the pipeline's raw inputs (missing values
 * native, categoricals as their weight of evidence), scored by walking flat typed-array trees and
 * explained exactly by path-dependent TreeSHAP (each tree's answer kept per cell of its splits), per
 * original column or repeated group.
 */
import { auc } from '../metrics/auc.ts';
import { defaultWeightFor } from '../logistic/train-logistic.ts';
import type { PipelineState } from '../pipeline/types.ts';
import { boostTrees } from '../trees/boost.ts';
import { checkGbdtState } from '../trees/check-state.ts';
import { DEFAULT_GBDT_PARAMS } from '../trees/defaults.ts';
import { ensembleLogits, flattenEnsemble } from '../trees/ensemble.ts';
import { encodeTreeBatch, treeFeatureSources, type TreeBatch } from '../trees/features.ts';
import { resolveMonotone, type MonotoneSpec } from '../trees/monotone.ts';
import { gbdtStateSchema } from '../trees/state-schema.ts';
import { ensembleExpectation } from '../trees/tree-shap.ts';
import { MemoTreeShap } from '../trees/tree-shap-memo.ts';
import type { GbdtModelState, GbdtParams } from '../trees/types.ts';
import { familyMetrics } from './metrics.ts';
import type { BatchExplanation, CompiledModel, ModelFamily } from './types.ts';

export interface GbdtOptions extends Partial<GbdtParams> {
  /** Directions per raw column: +1 the PD never falls as it rises, -1 never rises. */
  monotone?: MonotoneSpec;
}

function compileGbdt(state: GbdtModelState, pipeline: PipelineState): CompiledModel<TreeBatch> {
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
  // The scorers take a batch's log-odds and then its explanation: the second walk of the trees is saved.
  const scored = new WeakMap<TreeBatch, Float64Array>();
  return {
    kind: 'gbdt',
    encode: (table, rows) => encodeTreeBatch(pipeline, sources, table, rows),
    size: (batch) => batch.rows,
    logits(batch) {
      const raw = ensembleLogits(ensemble, batch.values, batch.rows, batch.features);
      scored.set(batch, raw.slice());
      return { raw, parts: { gbdt: raw } };
    },
    explain(batch): BatchExplanation {
      expectation ??= ensembleExpectation(ensemble);
      shap ??= new MemoTreeShap(ensemble);
      const F = batch.features;
      const k = pipeline.units.length;
      const phi = new Float64Array(F);
      const contributions = new Float64Array(batch.rows * k);
      for (let r = 0; r < batch.rows; r++) {
        phi.fill(0);
        shap.explainRow(batch.values, r, F, phi, 0);
        for (let f = 0; f < F; f++) contributions[r * k + unitOf[f]!]! += phi[f]!;
      }
      return {
        contributions,
        raw: scored.get(batch) ?? ensembleLogits(ensemble, batch.values, batch.rows, F),
        baseline: expectation,
        baselineDescription: 'expected log-odds of the trees over the training rows (cover-weighted leaves)',
        methods: new Array<string>(batch.rows).fill('exact TreeSHAP (path-dependent)'),
      };
    },
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
    const { monotone: spec, ...overrides } = options;
    const params: GbdtParams = { ...DEFAULT_GBDT_PARAMS, ...overrides };
    const sources = treeFeatureSources(pipeline);
    const monotone = resolveMonotone(pipeline, sources, spec ?? {});
    for (const excluded of monotone.excluded) context.note(`gbdt: ${excluded}; the trees do not split on it`);
    const trainBatch = encodeTreeBatch(pipeline, sources, table, train.rows);
    const validationBatch = encodeTreeBatch(pipeline, sources, table, validation.rows);
    const defaultWeight = defaultWeightFor(train.labels, context.classWeight);
    const started = performance.now();
    const result = boostTrees({
      features: sources.length,
      train: { values: trainBatch.values, rows: trainBatch.rows, labels: train.labels },
      validation: { values: validationBatch.values, rows: validationBatch.rows, labels: validation.labels },
      monotone: monotone.direction,
      usable: monotone.usable,
      params,
      defaultWeight,
      signal: context.signal,
      onTree(index, loss, validationLogits) {
        if (index % 10 !== 0) return;
        const seconds = (performance.now() - started) / 1000;
        context.progress({
          stage: 'training the gradient-boosted trees',
          family: 'gbdt',
          step: { unit: 'tree', index, total: params.maxTrees },
          ...(loss !== null ? { validationLoss: loss, validationAuc: auc(validation.labels, validationLogits) } : {}),
          etaSeconds: (seconds / index) * (params.maxTrees - index),
        });
      },
    });
    const seconds = (performance.now() - started) / 1000;
    const state: GbdtModelState = {
      features: sources.map((s, f) => ({
        ...s,
        edges: result.edges[f]!,
        monotone: monotone.direction[f] as -1 | 0 | 1,
        usable: monotone.usable[f] === 1,
      })),
      baseScore: result.baseScore,
      trees: result.trees,
      params,
      defaultWeight,
      treesTrained: result.treesTrained,
    };
    context.log(
      `gbdt: ${result.trees.length} trees kept of ${result.treesTrained} trained (early stopping on validation log loss), ${seconds.toFixed(1)} s`,
    );
    const metrics = familyMetrics(compileGbdt(state, pipeline), context);
    return {
      state,
      validationLogits: metrics.validationLogits,
      backend: { name: 'gbdt', detail: 'histogram gradient boosting in TypeScript on 1 thread' },
      reports: {
        gbdt: {
          trees: result.trees.length,
          treesTrained: result.treesTrained,
          params,
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
