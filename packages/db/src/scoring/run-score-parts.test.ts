import { describe, expect, it } from 'vitest';
import {
  MAX_RUN_SCORE_PARTS,
  MIN_BATCHES_PER_PART,
  batchesOfPart,
  batchesPerPart,
  partOfBatch,
  partStartBatches,
} from './run-score-parts.ts';

describe('run score parts', () => {
  it('keeps runs under two parts worth of batches in one plain partition', () => {
    expect(batchesPerPart(0)).toBeNull();
    expect(batchesPerPart(1)).toBeNull();
    expect(batchesPerPart(2 * MIN_BATCHES_PER_PART - 1)).toBeNull();
    expect(batchesPerPart(2 * MIN_BATCHES_PER_PART)).toBe(MIN_BATCHES_PER_PART);
  });

  it('splits a million exposures in batches of 5,000 into the most parts', () => {
    expect(batchesPerPart(200)).toBe(200 / MAX_RUN_SCORE_PARTS);
  });

  it('puts every batch in exactly one part, parts in batch order, each within its bounds', () => {
    for (let count = 2 * MIN_BATCHES_PER_PART; count <= 400; count++) {
      const per = batchesPerPart(count)!;
      const starts = partStartBatches(count, per);
      const parts = starts.length + 1;
      expect(parts).toBeGreaterThanOrEqual(2);
      expect(parts).toBeLessThanOrEqual(MAX_RUN_SCORE_PARTS);
      let next = 0;
      for (let part = 0; part < parts; part++) {
        const { first, last } = batchesOfPart(part, per, count);
        expect(first).toBe(next);
        expect(first).toBe(part === 0 ? 0 : starts[part - 1]);
        expect(last).toBeGreaterThanOrEqual(first);
        for (let b = first; b <= last; b++) expect(partOfBatch(b, per)).toBe(part);
        next = last + 1;
      }
      expect(next).toBe(count);
    }
  });
});
