import { describe, expect, it } from 'vitest';
import { formatDuration, formatMs, runProgress } from './run-format.ts';

describe('run figures', () => {
  it('formats durations from start to finish, or to now while running', () => {
    expect(formatDuration('2026-11-30T10:00:00.000Z', '2026-11-30T10:00:00.850Z')).toBe('850 ms');
    expect(formatDuration('2026-11-30T10:00:00.000Z', '2026-11-30T10:01:04.000Z')).toBe('1 min 04 s');
    expect(formatDuration('2026-11-30T10:00:00.000Z', null, Date.parse('2026-11-30T10:00:12.000Z'))).toBe('12 s');
    expect(formatDuration(null, null)).toBe('—');
    expect(formatMs(950)).toBe('950 ms');
    expect(formatMs(12_345)).toBe('12.3 s');
  });

  it('gives the share of batches done', () => {
    expect(runProgress({ batchCount: 4, batchesDone: 1, status: 'RUNNING' })).toBe(0.25);
    expect(runProgress({ batchCount: 0, batchesDone: 0, status: 'QUEUED' })).toBe(0);
    expect(runProgress({ batchCount: 0, batchesDone: 0, status: 'SUCCEEDED' })).toBe(1);
  });
});
