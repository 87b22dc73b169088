// The worker's configuration: defaults and refusals that name the variable.
import { availableParallelism } from 'node:os';
import { describe, expect, it } from 'vitest';
import { readEnv } from './env.ts';

const base = { DATABASE_URL: 'postgresql://postgres@127.0.0.1:5432/probity' };

describe('worker configuration', () => {
  it('gives the scorers one thread per CPU unless told, and takes a count it is given', () => {
    expect(readEnv(base).PROBITY_SCORER_THREADS).toBe(availableParallelism());
    expect(readEnv({ ...base, PROBITY_SCORER_THREADS: '3' }).PROBITY_SCORER_THREADS).toBe(3);
  });

  it('runs two score-batch jobs at once unless told', () => {
    expect(readEnv(base).PROBITY_SCORING_CONCURRENCY).toBe(2);
    expect(readEnv({ ...base, PROBITY_SCORING_CONCURRENCY: '1' }).PROBITY_SCORING_CONCURRENCY).toBe(1);
  });

  it('refuses a thread count that is not a whole number from 1 to 64, naming it', () => {
    for (const bad of ['0', '65', '1.5', 'many'])
      expect(() => readEnv({ ...base, PROBITY_SCORER_THREADS: bad })).toThrow(/PROBITY_SCORER_THREADS/);
  });
});
