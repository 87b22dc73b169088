/**
 * The deep family: an MLP over the pipeline's dense inputs, categorical embeddings and convolutions
 * over monthly histories, trained with TensorFlow.js (loaded only here, on demand), scored and
 * explained (Integrated Gradients) by the batched SIMD kernels of ../deep/wasm, on worker threads
 * through `submit`.
 */
import { DEFAULT_DEEP_BATCH_SIZE } from '../deep/architecture.ts';
import { deepFamilyDefaults } from '../deep/defaults.ts';
import { deepLogits, type DeepDataset, type DeepModelState } from '../deep/lean.ts';
import { batchScorerFor } from '../deep/scorer.ts';
import { DeepBatchScorer, type DeepBatchExplanation } from '../deep/wasm/deep-batch.ts';
import { validateDeepState } from '../deep/serialize.ts';
import { deepStateSchema } from '../deep/state-schema.ts';
import type { DeepOptions } from '../deep/types.ts';
import { defaultWeightFor } from '../logistic/train-logistic.ts';
import { buildDeepDataset } from '../pipeline/deep-dataset.ts';
import type { PipelineState } from '../pipeline/types.ts';
import { metricsOf } from './metrics.ts';
import type { BatchExplanation, CompileOptions, CompiledModel, DeepRunReport, ModelFamily } from './types.ts';

export interface DeepFamilyOptions extends Omit<DeepOptions, 'init'> {
  /** Fine-tune this deep model (transfer learning) instead of starting from random weights. */
  warmStart?: DeepModelState;
  /** With warmStart: also train from scratch on the same data and report both. Default true. */
  compareWithScratch?: boolean;
  /** Preferred tfjs backend (otherwise the fastest that loads; the CLI passes PROBITY_ML_BACKEND). */
  backend?: string;
}

function compileDeep(state: DeepModelState, pipeline: PipelineState, options: CompileOptions = {}): CompiledModel<DeepDataset> {
  // One thread at the default batch size: the scorer cached for this state (weights packed once).
  const own = options.threads !== undefined || options.batchSize !== undefined;
  const scorer = own ? new DeepBatchScorer(state, { threads: options.threads, batchSize: options.batchSize }) : batchScorerFor(state);
  const units = new Map(pipeline.units.map((u, i) => [u.name, i]));
  const unitOf = Int32Array.from(scorer.features, (name) => {
    const u = units.get(name);
    if (u === undefined) throw new Error(`deep attribution for unknown feature "${name}"`);
    return u;
  });
  const toUnits = (e: DeepBatchExplanation): BatchExplanation => {
    const k = pipeline.units.length;
    const F = unitOf.length;
    const n = e.logit.length;
    const contributions = new Float64Array(n * k);
    for (let r = 0; r < n; r++) for (let j = 0; j < F; j++) contributions[r * k + unitOf[j]!] = e.attributions[r * F + j]!;
    return {
      contributions,
      raw: e.logit,
      baseline: scorer.baselineLogit,
      baselineDescription: 'log-odds at the training means of the model inputs',
      methods: Array.from(e.steps, (steps) => `Integrated Gradients, ${steps} Gauss-Legendre nodes`),
    };
  };
  return {
    kind: 'deep',
    encode: (table, rows) => buildDeepDataset(pipeline, table, { rows }),
    size: (ds) => ds.n,
    logits(ds) {
      const raw = scorer.logits(ds);
      return { raw, parts: { deep: raw } };
    },
    explain: (ds, explainOptions) => toUnits(scorer.explain(ds, explainOptions.deepTolerance ?? 1e-4)),
    async submit(ds, submitOptions) {
      const e = await scorer.submit(ds, { explain: submitOptions.explain, tolerance: submitOptions.deepTolerance ?? 1e-4 });
      return { raw: e.logit, parts: { deep: e.logit }, explanation: submitOptions.explain ? toUnits(e) : null };
    },
    // Only a scorer of its own: the shared one (no threads asked) starts its threads when first used.
    ...(own ? { warm: () => scorer.warm() } : {}),
    close: async () => {
      if (own) await scorer.close();
    },
  };
}

export const deepFamily: ModelFamily<'deep', DeepModelState, DeepFamilyOptions> = {
  kind: 'deep',
  title: 'deep network',
  selfCalibrated: false,
  stateSchema: deepStateSchema,

  check(state) {
    try {
      validateDeepState(state);
      return null;
    } catch (error) {
      return { path: '', message: (error instanceof Error ? error.message : String(error)).replace(/^deep model: /, '') };
    }
  },

  async fit(context, options) {
    const { pipeline, table, train, validation, test } = context;
    const { warmStart, compareWithScratch, backend: preferred, ...explicit } = options;
    // Explicit options win; the rest are the size-aware defaults (../deep/defaults.ts).
    const given = Object.fromEntries(Object.entries(explicit).filter(([, v]) => v !== undefined)) as typeof explicit;
    const deepOptions = { ...deepFamilyDefaults(train.rows.length, given), ...given };
    context.stage('choosing the deep-learning backend');
    const { selectBackend } = await import('../backend/index.ts');
    const choice =
      preferred !== undefined
        ? await selectBackend(preferred)
        : await selectBackend(undefined, { batchSize: deepOptions.batchSize ?? DEFAULT_DEEP_BATCH_SIZE });
    context.log(`deep options: ${JSON.stringify(deepOptions)}`);
    context.log(`deep backend: ${choice.name} (${choice.detail})`);
    const { trainDeep } = await import('../deep/index.ts');
    const defaultWeight = defaultWeightFor(train.labels, context.classWeight);
    const weights = defaultWeight === 1 ? undefined : Float32Array.from(train.labels, (y) => (y === 1 ? defaultWeight : 1));
    const trainDs = buildDeepDataset(pipeline, table, { rows: train.rows, labels: train.labels, weights });
    const validationDs = buildDeepDataset(pipeline, table, { rows: validation.rows, labels: validation.labels });
    const testDs = test ? buildDeepDataset(pipeline, table, { rows: test.rows, labels: test.labels }) : null;

    const runDeep = async (run: string, init?: DeepModelState): Promise<{ state: DeepModelState; report: DeepRunReport }> => {
      context.stage(`training the deep model (${run})`);
      const result = await trainDeep(
        trainDs,
        validationDs,
        { ...deepOptions, ...(init ? { init } : {}) },
        {
          signal: context.signal,
          onEpoch: (e) =>
            context.progress({
              stage: `training the deep model (${run})`,
              family: 'deep',
              run,
              step: { unit: 'epoch', index: e.epoch, total: e.epochs },
              loss: e.loss,
              validationLoss: e.valLoss,
              validationAuc: e.valAuc,
              etaSeconds: e.etaSeconds,
            }),
        },
      );
      const state = result.state;
      return {
        state,
        report: {
          run,
          warmStarted: state.training.warmStarted,
          epochsRun: state.training.epochsRun,
          bestEpoch: state.training.bestEpoch,
          seconds: result.seconds,
          validation: metricsOf(validation.labels, deepLogits(state, validationDs)),
          test: testDs && test ? metricsOf(test.labels, deepLogits(state, testDs)) : null,
          initial: state.training.initial,
          history: state.training.history,
        },
      };
    };
    const runs = [];
    if (warmStart) {
      runs.push(await runDeep('fine-tuned from the warm-start model', warmStart));
      if (compareWithScratch ?? true) runs.push(await runDeep('from scratch'));
    } else {
      runs.push(await runDeep('from scratch'));
    }
    const state = runs[0]!.state;
    return {
      state,
      validationLogits: deepLogits(state, validationDs),
      backend: { name: choice.name, detail: choice.detail },
      reports: { deep: runs.map((r) => r.report) },
    };
  },

  compile: compileDeep,

  describe(state) {
    const a = state.architecture;
    return `deep network: ${a.activation} MLP [${a.hidden.join(', ')}]${a.wide ? ' with a wide term' : ''}, ${state.schema.categorical.length} embeddings, ${state.schema.sequences.length} sequence convolutions; ${state.training.epochsRun} epochs (best ${state.training.bestEpoch}) on ${state.training.backend}`;
  },
};
