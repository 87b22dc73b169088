import { describe, expect, it } from 'vitest';
import { tableFromRecords } from '../data/table.ts';
import { profileCategorical, profileNumeric } from '../metrics/profile.ts';
import type { PipelineState } from '../pipeline/types.ts';
import { trainingPopulation } from './population.ts';

describe('trainingPopulation', () => {
  it('profiles the training rows only: PDs, numeric inputs by deciles, categorical inputs by level', () => {
    const records = Array.from({ length: 50 }, (_, i) => ({ x: i % 2 ? i : null, region: i % 3 ? 'north' : 'south', unused: 1 }));
    const table = tableFromRecords(records);
    const rows = Int32Array.from({ length: 25 }, (_, i) => i * 2 + 1); // odd rows: the training rows
    const pd = Float64Array.from(rows, (r) => r / 100);
    const pipeline = { columns: ['x', 'region'], categorical: [{ name: 'region' }] } as unknown as PipelineState;
    const population = trainingPopulation(table, pipeline, rows, pd);
    expect(population.rows).toBe(25);
    expect(population.score).toEqual(profileNumeric('pd', pd));
    expect(population.features.map((f) => f.feature)).toEqual(['x', 'region']);
    // Only odd rows: x is never missing on them.
    expect(population.features[0]).toEqual(profileNumeric('x', Float64Array.from(rows)));
    expect(population.features[0]!.missingShare).toBe(0);
    expect(population.features[1]).toEqual(
      profileCategorical(
        'region',
        Array.from(rows, (r) => (r % 3 ? 'north' : 'south')),
      ),
    );
  });
});
