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
import type { ModelFile } from '../../model-file/types.ts';
import { ModelBatch, type DeepPart, type EncodedBatch } from './model-batch.ts';
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
  private readonly core: ModelBatch;

  constructor(model: ModelFile, options: BatchScorerOptions = {}) {
    this.model = model;
    this.batchSize = positiveInteger('batchSize', options.batchSize ?? DEFAULT_BATCH_SIZE);
    this.threads = positiveInteger('threads', options.threads ?? availableParallelism());
    this.core = new ModelBatch(model, { batchSize: this.batchSize, threads: this.threads });
  }

  /** Explanation units (original columns and groups): what `reasons.unit` indexes. */
  get units(): string[] {
    return this.core.units.names;
  }

  /** Columns the model reads; a scoring table must have each (values may be missing). */
  get requiredColumns(): string[] {
    return this.core.requiredColumns;
  }

  /**
   * Scores the table batch by batch, in order. Two batches are in flight: while the worker threads
   * run one batch's deep part, this thread encodes the next and finishes the previous one.
   */
  async *batches(table: Table, options: ScoreBatchOptions = {}): AsyncGenerator<ScoredBatch> {
    this.core.checkColumns(table);
    const k = options.reasons ?? 0;
    if (!(Number.isInteger(k) && k >= 0)) throw new Error(`batch scorer: reasons must be a whole number, got ${k}`);
    const explain = k > 0;
    const units = this.core.units.names.length;
    const inflight: { from: number; batch: EncodedBatch; deep: Promise<DeepPart | null> }[] = [];
    const finish = async ({ from, batch, deep }: (typeof inflight)[number]): Promise<ScoredBatch> => {
      const scores = this.core.finish(batch, await deep, explain);
      const explained = scores.explanations;
      return {
        from,
        n: batch.n,
        pd: scores.pd,
        logit: scores.logit,
        reasons: explained ? topReasons(explained.contributions, batch.n, units, k) : null,
        gap: explained ? explained.gap : null,
      };
    };
    for (let from = 0; from < table.rowCount; from += this.batchSize) {
      const batch = this.core.encode(sliceTable(table, from, Math.min(table.rowCount, from + this.batchSize)));
      const deep = this.core.submitDeep(batch, explain, options.deepTolerance);
      // Awaited in turn below; until then a failure must not count as unhandled.
      deep.catch(() => undefined);
      inflight.push({ from, batch, deep });
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
    await this.core.close();
  }
}
