// How a run's scores partition is split into parts (migration run_scores_in_parts): consecutive batches,
// so consecutive exposure id ranges, the same number to a part (the last may have fewer). The batch
// that completes a part builds its indexes while the run's other batches go on, and the run's last
// batch builds only its own part's, where it had built the whole run's (1.3 to 2.3 s at a million
// scores on the 2-core bench hosts, nothing else running meanwhile).

/** At most this many parts: each is a table that reads which cannot prune by run still plan. */
export const MAX_RUN_SCORE_PARTS = 8;
/**
 * A part holds at least this many batches: below about 50,000 scores (ten batches of 5,000, the
 * default batch size when this was measured; the default is now 10,000) a part's indexes take a tenth
 * of a second or less, not worth a table of their own.
 */
export const MIN_BATCHES_PER_PART = 10;

/** Batches per part for a run of `batchCount` batches; null: one plain partition. */
export function batchesPerPart(batchCount: number): number | null {
  const parts = Math.min(MAX_RUN_SCORE_PARTS, Math.floor(batchCount / MIN_BATCHES_PER_PART));
  return parts < 2 ? null : Math.ceil(batchCount / parts);
}

/** The part a batch writes into (batches and parts both numbered from 0). */
export function partOfBatch(batchNo: number, perPart: number): number {
  return Math.floor(batchNo / perPart);
}

/** The batch numbers, first and last, of a part. */
export function batchesOfPart(part: number, perPart: number, batchCount: number): { first: number; last: number } {
  return { first: part * perPart, last: Math.min(batchCount, (part + 1) * perPart) - 1 };
}

/** The first batch of every part but the first: the parts' lower bounds are these batches' first ids. */
export function partStartBatches(batchCount: number, perPart: number): number[] {
  const starts: number[] = [];
  for (let b = perPart; b < batchCount; b += perPart) starts.push(b);
  return starts;
}
