/**
 * A batch scorer for a re-scoring worker's main thread. Families whose batch work runs on the calling
 * thread (the logistic model: encoding, log-odds and contributions, a few microseconds a row) are
 * scored by a BatchScorer on a worker thread of its own, so the caller's thread reads, hashes and
 * writes the next batch meanwhile (on two cores the COPY streams of a re-scoring run waited on it).
 * Families with worker threads of their own (trees, deep, fusion: `submit`) stay a plain BatchScorer.
 * The thread runs the same BatchScorer, so the numbers are the same bits.
 */
import type { Table } from '../../data/table.ts';
import { serializeModel } from '../../model-file/io.ts';
import type { ModelFile } from '../../model-file/types.ts';
import { WorkerChannel } from '../../util/ts-worker.ts';
import { checkColumns } from '../model-scorer.ts';
import { BatchScorer, DEFAULT_BATCH_SIZE, type ScoreBatchOptions, type ScoredBatch } from './batch-scorer.ts';

/** What a caller scoring whole tables needs of a batch scorer (BatchScorer, or one on a thread). */
export interface TableScorer {
  readonly model: ModelFile;
  readonly units: string[];
  readonly requiredColumns: string[];
  score(table: Table, options?: ScoreBatchOptions): Promise<Omit<ScoredBatch, 'from'>>;
  /** Resolves once its threads are up with their code loaded (the first batch then waits for none). */
  warm(): Promise<void>;
  close(): Promise<void>;
}

export interface OffloadTask {
  table: Table;
  options: ScoreBatchOptions;
}

export class OffloadedBatchScorer implements TableScorer {
  readonly model: ModelFile;
  private readonly thread: WorkerChannel;

  constructor(model: ModelFile, options: { batchSize?: number } = {}) {
    this.model = model;
    this.thread = new WorkerChannel(new URL('./offload-worker.ts', import.meta.url), {
      model: serializeModel(model),
      batchSize: options.batchSize ?? DEFAULT_BATCH_SIZE,
    });
  }

  get units(): string[] {
    return this.model.pipeline.units.map((u) => u.name);
  }

  get requiredColumns(): string[] {
    return this.model.pipeline.columns;
  }

  /** Scores the table on the thread (requests queue there, answered in order). */
  async score(table: Table, options: ScoreBatchOptions = {}): Promise<Omit<ScoredBatch, 'from'>> {
    // Checked here, so a missing column is refused with the same error, before anything is sent.
    checkColumns(this.model, table);
    const task: OffloadTask = { table, options };
    return this.thread.request<Omit<ScoredBatch, 'from'>>(task);
  }

  warm(): Promise<void> {
    return this.thread.ready;
  }

  async close(): Promise<void> {
    await this.thread.terminate();
  }
}

/**
 * The batch scorer a worker process keeps per model version: the family's own threads when it has
 * them (`threads` of them), else one thread running the whole batch.
 */
export function tableScorer(model: ModelFile, options: { threads?: number; batchSize?: number } = {}): TableScorer {
  const inThread = new BatchScorer(model, options);
  if (inThread.hasThreads) return inThread;
  void inThread.close();
  return new OffloadedBatchScorer(model, options);
}
