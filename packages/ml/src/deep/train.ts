// Trains the deep model with tfjs on whichever backend is active (see ../backend/select.ts).
// Hand-written step: Adam over batches cut on the host and uploaded, no read-back inside an epoch.
import * as tf from '@tensorflow/tfjs';
import { checkArchitecture, DEFAULT_DEEP_BATCH_SIZE, resolveArchitecture, schemaOf } from './architecture.ts';
import { logLossFromLogits, validationAuc } from './validation-metrics.ts';
import { encodeFloat32 } from './base64.ts';
import { assertMatchesSchema, validateDeepDataset } from './dataset-check.ts';
import { createRandom, mixSeed, permutation } from './random.ts';
import { applyInputTransform, fitRankGauss } from './input-transform.ts';
import { disposeInputs, hostInputs, uploadRows, type HostInputs } from './tf-inputs.ts';
import {
  disposeParameters,
  forward,
  initialParameters,
  loss,
  parametersFromState,
  predictLogits,
  type TfParameters,
} from './tf-network.ts';
import type { DeepDataset, DeepEpochRecord, DeepHooks, DeepModelState, DeepOptions, DeepSchema, DeepTrainResult } from './types.ts';

interface Settings {
  seed: number;
  epochs: number;
  batchSize: number;
  learningRate: number;
  l2: number;
  patience: number;
  monitor: 'valLoss' | 'valAuc';
  minDelta: number;
  freezeEpochs: number;
  freeze: Set<string>;
  predictBatchSize: number;
}

function settingsOf(options: DeepOptions): Settings {
  const s: Settings = {
    seed: options.seed ?? 42,
    epochs: options.epochs ?? 60,
    batchSize: options.batchSize ?? DEFAULT_DEEP_BATCH_SIZE,
    learningRate: options.learningRate ?? 1e-3,
    l2: options.l2 ?? 1e-5,
    patience: options.patience ?? 8,
    monitor: options.monitor ?? 'valLoss',
    minDelta: options.minDelta ?? 0,
    freezeEpochs: options.freezeEpochs ?? 0,
    freeze: new Set(options.freeze ?? ['embeddings', 'sequence']),
    predictBatchSize: options.predictBatchSize ?? 65536,
  };
  const positiveInt = (name: string, v: number): void => {
    if (!Number.isInteger(v) || v < 1) throw new Error(`deep options: ${name} must be a positive integer, got ${v}`);
  };
  positiveInt('epochs', s.epochs);
  positiveInt('batchSize', s.batchSize);
  positiveInt('patience', s.patience);
  positiveInt('predictBatchSize', s.predictBatchSize);
  if (!Number.isInteger(s.seed)) throw new Error(`deep options: seed must be an integer, got ${s.seed}`);
  if (!(s.learningRate > 0)) throw new Error(`deep options: learningRate must be > 0, got ${s.learningRate}`);
  if (!(s.l2 >= 0)) throw new Error(`deep options: l2 must be >= 0, got ${s.l2}`);
  if (!(Number.isInteger(s.freezeEpochs) && s.freezeEpochs >= 0)) {
    throw new Error(`deep options: freezeEpochs must be a non-negative integer, got ${s.freezeEpochs}`);
  }
  if (s.monitor !== 'valLoss' && s.monitor !== 'valAuc') throw new Error(`deep options: monitor must be 'valLoss' or 'valAuc'`);
  return s;
}

async function evaluate(
  state: { arch: DeepModelState['architecture']; schema: DeepSchema },
  params: TfParameters,
  inputs: HostInputs,
  validation: DeepDataset,
  batchSize: number,
): Promise<{ logits: Float32Array; valLoss: number; valAuc: number }> {
  const logits = await predictLogits(state.arch, state.schema, params, inputs, batchSize);
  return {
    logits,
    valLoss: logLossFromLogits(validation.labels!, logits, validation.weights),
    valAuc: validationAuc(validation.labels!, logits),
  };
}

async function exportWeights(params: TfParameters): Promise<DeepModelState['weights']> {
  const weights: DeepModelState['weights'] = {};
  for (const spec of params.specs) {
    const values = (await params.variables.get(spec.name)!.data()) as Float32Array;
    weights[spec.name] = { shape: [...spec.shape], data: encodeFloat32(values) };
  }
  return weights;
}

function snapshot(params: TfParameters): Map<string, tf.Tensor> {
  const copy = new Map<string, tf.Tensor>();
  for (const [name, v] of params.variables) copy.set(name, tf.keep(tf.clone(v)));
  return copy;
}

function disposeSnapshot(snap: Map<string, tf.Tensor> | null): void {
  if (snap) for (const t of snap.values()) t.dispose();
}

/**
 * Fits the deep model on `train`, early-stopping on `validation`, and returns the best weights as a
 * JSON-able state. Reproducible for a seed on the same backend (see README notes in index.ts).
 */
export async function trainDeep(
  train: DeepDataset,
  validation: DeepDataset,
  options: DeepOptions = {},
  hooks: DeepHooks = {},
): Promise<DeepTrainResult> {
  const started = performance.now();
  await tf.ready();
  const backend = tf.getBackend();
  const s = settingsOf(options);
  validateDeepDataset(train, 'training data', true);
  validateDeepDataset(validation, 'validation data', true);

  if (s.monitor === 'valAuc') {
    const defaults = validation.labels!.reduce((a, y) => a + y, 0);
    if (defaults === 0 || defaults === validation.n) {
      throw new Error("validation data: monitor 'valAuc' needs both defaults and non-defaults; use 'valLoss'");
    }
  }
  const schema = schemaOf(train);
  const init = options.init;
  if (init) {
    assertMatchesSchema(train, init.schema, 'training data (warm start)');
    checkArchitecture(init.architecture);
  }
  const arch = init ? structuredClone(init.architecture) : resolveArchitecture(schema, options);
  assertMatchesSchema(validation, schema, 'validation data');
  if (options.inputs !== undefined && options.inputs !== 'standard' && options.inputs !== 'rank-gauss') {
    throw new Error(`deep options: inputs must be 'standard' or 'rank-gauss', got ${JSON.stringify(options.inputs)}`);
  }
  // The input transform is fitted on the training rows (a warm start keeps its model's own).
  const inputTransform = init ? init.inputTransform : options.inputs === 'rank-gauss' ? fitRankGauss(train) : undefined;
  train = applyInputTransform(inputTransform, train);
  validation = applyInputTransform(inputTransform, validation);

  const trainInputs = hostInputs(train, arch, true);
  const valInputs = hostInputs(validation, arch, false);
  const params = init ? parametersFromState(init) : initialParameters(arch, schema, s.seed);
  if (!init && options.priorBias) {
    // Start the output at the training default rate (weighted) instead of 50%: with rare defaults
    // the first epochs otherwise go to moving the bias, and a short early stop keeps that.
    let positive = 0;
    let total = 0;
    for (let i = 0; i < train.n; i++) {
      const w = train.weights ? train.weights[i]! : 1;
      positive += w * train.labels![i]!;
      total += w;
    }
    const rate = Math.min(1 - 1e-6, Math.max(1e-6, positive / total));
    const bias = tf.tensor1d([Math.log(rate / (1 - rate))], 'float32');
    params.variables.get('output/bias')!.assign(bias);
    bias.dispose();
  }
  // tfjs's Adam keys its moment estimates by position in the variable list, so a change of list
  // (the end of the frozen phase) gets a fresh optimizer.
  let optimizer = tf.train.adam(s.learningRate);
  let optimizerFrozen: boolean | null = null;
  const allVariables = params.specs.map((spec) => params.variables.get(spec.name)!);
  const unfrozen = params.specs.filter((spec) => !s.freeze.has(spec.group)).map((spec) => params.variables.get(spec.name)!);

  const net = { arch, schema };
  const history: DeepEpochRecord[] = [];
  let best: Map<string, tf.Tensor> | null = null;
  try {
    const initial = await evaluate(net, params, valInputs, validation, s.predictBatchSize);
    let bestScore = s.monitor === 'valLoss' ? initial.valLoss : initial.valAuc;
    let bestEpoch = 0;
    // A warm start's own weights are a candidate; a random start is not worth keeping.
    best = init ? snapshot(params) : null;
    if (!init) bestScore = s.monitor === 'valLoss' ? Infinity : -Infinity;
    let sinceBest = 0;
    let trainSeconds = 0;

    for (let epoch = 1; epoch <= s.epochs; epoch++) {
      const epochStart = performance.now();
      const frozen = init !== undefined && epoch <= s.freezeEpochs;
      const varList = frozen ? unfrozen : allVariables;
      if (optimizerFrozen !== null && optimizerFrozen !== frozen) {
        optimizer.dispose();
        optimizer = tf.train.adam(s.learningRate);
      }
      optimizerFrozen = frozen;
      const order = permutation(train.n, createRandom(mixSeed(s.seed, 2, epoch)));
      let lossSum = tf.scalar(0);
      for (let step = 0; step * s.batchSize < train.n; step++) {
        if (hooks.signal?.aborted) {
          lossSum.dispose();
          hooks.signal.throwIfAborted();
        }
        const batch = uploadRows(trainInputs, order.subarray(step * s.batchSize, (step + 1) * s.batchSize));
        const dropoutSeed = mixSeed(s.seed, 3, epoch, step);
        const cost = optimizer.minimize(
          () => loss(forward(arch, schema, params, batch, { dropoutSeed }), batch.labels!, batch.weights!, params, s.l2),
          true,
          varList,
        )!;
        const share = batch.labels!.shape[0] / train.n;
        const next = tf.tidy(() => tf.add<tf.Scalar>(lossSum, tf.mul(cost, share)));
        lossSum.dispose();
        cost.dispose();
        lossSum = next;
        disposeInputs(batch);
      }
      const trainLoss = (await lossSum.data())[0]!;
      lossSum.dispose();
      const { valLoss, valAuc } = await evaluate(net, params, valInputs, validation, s.predictBatchSize);
      if (!Number.isFinite(trainLoss) || !Number.isFinite(valLoss)) {
        throw new Error(`deep training diverged at epoch ${epoch} (loss ${trainLoss}, validation loss ${valLoss}); lower learningRate`);
      }
      const seconds = (performance.now() - epochStart) / 1000;
      trainSeconds += seconds;
      history.push({ epoch, loss: trainLoss, valLoss, valAuc, seconds, frozen });

      const score = s.monitor === 'valLoss' ? valLoss : valAuc;
      const improved = s.monitor === 'valLoss' ? score < bestScore - s.minDelta : score > bestScore + s.minDelta;
      if (improved) {
        bestScore = score;
        bestEpoch = epoch;
        sinceBest = 0;
        disposeSnapshot(best);
        best = snapshot(params);
      } else {
        sinceBest++;
      }
      const stopping = sinceBest >= s.patience || epoch === s.epochs;
      hooks.onEpoch?.({
        epoch,
        epochs: s.epochs,
        loss: trainLoss,
        valLoss,
        valAuc,
        seconds,
        etaSeconds: stopping ? 0 : (trainSeconds / epoch) * (s.epochs - epoch),
      });
      if (stopping) break;
    }

    if (best) {
      for (const [name, t] of best) params.variables.get(name)!.assign(t);
    }
    const final = await evaluate(net, params, valInputs, validation, s.predictBatchSize);
    const seconds = (performance.now() - started) / 1000;
    const state: DeepModelState = {
      format: 'probity-deep',
      version: 1,
      architecture: arch,
      schema,
      ...(inputTransform ? { inputTransform } : {}),
      weights: await exportWeights(params),
      training: {
        seed: s.seed,
        backend,
        epochsRun: history.length,
        bestEpoch,
        monitor: s.monitor,
        seconds,
        history,
        initial: { valLoss: initial.valLoss, valAuc: initial.valAuc },
        warmStarted: init !== undefined,
        hyper: {
          learningRate: s.learningRate,
          batchSize: s.batchSize,
          l2: s.l2,
          patience: s.patience,
          freezeEpochs: init ? s.freezeEpochs : 0,
        },
      },
    };
    return { state, validationLogits: final.logits, backend, seconds };
  } finally {
    disposeSnapshot(best);
    optimizer.dispose();
    disposeParameters(params);
  }
}
