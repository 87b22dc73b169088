/**
 * The batch scorer for bulk re-scoring (a pg-boss worker, `probity-ml score`): construct once from a
 * model file, then score tables batch by batch, each batch's deep part (the forward pass and
 * Integrated Gradients) split over worker threads, with PDs, log-odds and the top reasons per row
 * as typed arrays. It holds no global state: several scorers (several models) can live side by side;
 * `close()` stops its threads.
 *
 *   const scorer = new BatchScorer(await loadModel('model.json'), { threads: 2 });
 *   for await (const batch of scorer.batches(table, { reasons: 5 })) save(batch.from, batch.pd, batch.reasons);
 *   await scorer.close();
 */
import { availableParallelism } from 'node:os';
import type { Table } from '../../data/table.ts';
import { compileModel } from '../../families/registry.ts';
import type { CompiledModel, SubmittedBatch } from '../../families/types.ts';
import type { ModelFile } from '../../model-file/types.ts';
import { calibrateExplanation, calibrateScores } from '../calibrated.ts';
import { checkColumns } from '../model-scorer.ts';
import { sliceTable } from './table-slice.ts';
import { topReasons, type TopReasons } from './top-reasons.ts';

export interface BatchScorerOptions {
  /**
   * Rows per batch. Default 4,096: large enough that the per-batch work (encoding, thread hand-off)
   * is a few percent of the kernels' time, small enough that a batch's buffers stay in cache.
   */
  batchSize?: number;
  /**
   * Worker threads for the deep part (forward pass and Integrated Gradients). Default: every CPU the
   * process may use; this thread reads, encodes and writes meanwhile.
   */
  threads?: number;
}

export interface ScoreBatchOptions {
  /** Reasons per row (0: none, no explanation is computed). */
  reasons?: number;
  /** Completeness tolerance for the deep model's Integrated Gradients (log-odds). Default 1e-4. */
  deepTolerance?: number;
}

export interface ScoredBatch {
  /** Table row of the first row of this batch. */
  from: number;
  n: number;
  pd: Float64Array;
  logit: Float64Array;
  /** With `reasons`: per row the units raising the PD most (indexes into `BatchScorer.units`). */
  reasons: TopReasons | null;
  /** With `reasons`: |explained - baseline - sum(contributions)| per row. */
  gap: Float64Array | null;
}

export const DEFAULT_BATCH_SIZE = 4096;

function positiveInteger(name: string, value: number): number {
  if (!Number.isInteger(value) || value < 1) throw new Error(`batch scorer: ${name} must be a positive integer, got ${value}`);
  return value;
}

export class BatchScorer {
  readonly model: ModelFile;
  readonly batchSize: number;
  readonly threads: number;
  private readonly compiled: CompiledModel;
  /** An affine calibration (Platt or none, plus anchor) the family folds into its own pass (as ModelScorer). */
  private readonly affine: { a: number; b: number } | null;

  constructor(model: ModelFile, options: BatchScorerOptions = {}) {
    this.model = model;
    this.batchSize = positiveInteger('batchSize', options.batchSize ?? DEFAULT_BATCH_SIZE);
    this.threads = positiveInteger('threads', options.threads ?? availableParallelism());
    this.compiled = compileModel(model.model, model.pipeline, { batchSize: this.batchSize, threads: this.threads });
    const { calibration, anchor } = model;
    this.affine =
      this.compiled.scoreAffine && calibration.method !== 'isotonic'
        ? {
            a: calibration.method === 'platt' ? calibration.a : 1,
            b: (calibration.method === 'platt' ? calibration.b : 0) + (anchor ? anchor.shift : 0),
          }
        : null;
  }

  /** Explanation units (original columns and groups): what `reasons.unit` indexes. */
  get units(): string[] {
    return this.model.pipeline.units.map((u) => u.name);
  }

  /** Whether the family's batch work runs on worker threads of its own (`submit`), not on this thread. */
  get hasThreads(): boolean {
    return this.compiled.submit !== undefined;
  }

  /**
   * Starts the family's worker threads (otherwise started by the first batch) and resolves once they
   * have loaded their code: a caller that keeps the scorer (a re-scoring worker) awaits it when loading.
   */
  async warm(): Promise<void> {
    await this.compiled.warm?.();
  }

  /** Columns the model reads; a scoring table must have each (values may be missing). */
  get requiredColumns(): string[] {
    return this.model.pipeline.columns;
  }

  /** The family's batch work: on its worker threads when it has them, else here and now. */
  private submit(batch: unknown, explain: boolean, deepTolerance: number | undefined): Promise<SubmittedBatch> {
    const { compiled } = this;
    if (compiled.submit) return compiled.submit(batch, { explain, deepTolerance });
    const { raw, parts } = compiled.logits(batch);
    return Promise.resolve({ raw, parts, explanation: explain ? compiled.explain(batch, { deepTolerance }) : null });
  }

  /**
   * Scores the table batch by batch, in order. Two batches are in flight: while the worker threads
   * run one batch's deep part, this thread encodes the next and finishes the previous one.
   */
  async *batches(table: Table, options: ScoreBatchOptions = {}): AsyncGenerator<ScoredBatch> {
    checkColumns(this.model, table);
    const k = options.reasons ?? 0;
    if (!(Number.isInteger(k) && k >= 0)) throw new Error(`batch scorer: reasons must be a whole number, got ${k}`);
    const explain = k > 0;
    const units = this.model.pipeline.units.length;
    const inflight: { from: number; batch: unknown; work: Promise<SubmittedBatch> }[] = [];
    const finish = async ({ from, batch, work }: (typeof inflight)[number]): Promise<ScoredBatch> => {
      const submitted = await work;
      // The same numbers as ModelScorer: the affine fast path where the family has one.
      const { logit, pd } = this.affine
        ? this.compiled.scoreAffine!(batch, this.affine.a, this.affine.b)
        : calibrateScores(this.model, submitted.raw);
      const explained = submitted.explanation ? calibrateExplanation(this.model, logit, submitted.explanation) : null;
      // Every output above is its own array: the batch's memory may serve the next encode.
      this.compiled.recycle?.(batch);
      return {
        from,
        n: logit.length,
        pd,
        logit,
        reasons: explained ? topReasons(explained.contributions, logit.length, units, k) : null,
        gap: explained ? explained.gap : null,
      };
    };
    for (let from = 0; from < table.rowCount; from += this.batchSize) {
      const batch = this.compiled.encode(sliceTable(table, from, Math.min(table.rowCount, from + this.batchSize)));
      const work = this.submit(batch, explain, options.deepTolerance);
      // Awaited in turn below; until then a failure must not count as unhandled.
      work.catch(() => undefined);
      inflight.push({ from, batch, work });
      if (inflight.length === 2) yield await finish(inflight.shift()!);
    }
    while (inflight.length > 0) yield await finish(inflight.shift()!);
  }

  /** Scores the whole table; the outputs of all batches joined. */
  async score(table: Table, options: ScoreBatchOptions = {}): Promise<Omit<ScoredBatch, 'from'>> {
    const n = table.rowCount;
    const k = options.reasons ?? 0;
    const pd = new Float64Array(n);
    const logit = new Float64Array(n);
    const reasons: TopReasons | null = k > 0 ? { k, unit: new Int32Array(n * k), contribution: new Float64Array(n * k) } : null;
    const gap = k > 0 ? new Float64Array(n) : null;
    for await (const batch of this.batches(table, options)) {
      pd.set(batch.pd, batch.from);
      logit.set(batch.logit, batch.from);
      if (reasons && batch.reasons) {
        reasons.unit.set(batch.reasons.unit, batch.from * k);
        reasons.contribution.set(batch.reasons.contribution, batch.from * k);
        gap!.set(batch.gap!, batch.from);
      }
    }
    return { n, pd, logit, reasons, gap };
  }

  /** Stops the worker threads. */
  async close(): Promise<void> {
    await this.compiled.close?.();
  }
}
