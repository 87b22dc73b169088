import { describe, expect, it } from 'vitest';
import { defaultBatchSize, defaultPatience, deepFamilyDefaults } from './defaults.ts';

describe('deep family defaults', () => {
  it('give small files at least 20 steps an epoch and a patience of ~400 steps; large files train as before', () => {
    expect(defaultBatchSize(600)).toBe(32);
    expect(defaultBatchSize(3200)).toBe(128);
    expect(defaultBatchSize(19200)).toBe(256);
    expect(defaultBatchSize(10)).toBe(32);
    expect(defaultPatience(600, 32)).toBe(20);
    expect(defaultPatience(19200, 256)).toBe(8);
    expect(deepFamilyDefaults(19200)).toEqual({
      inputs: 'rank-gauss',
      priorBias: true,
      batchSize: 256,
      learningRate: 1e-3,
      patience: 8,
      epochs: 80,
    });
    expect(deepFamilyDefaults(600).learningRate).toBeCloseTo(1e-3 * Math.sqrt(32 / 256), 15);
    expect(deepFamilyDefaults(600).epochs).toBe(200);
  });

  it('follow an explicit batch size or patience', () => {
    expect(deepFamilyDefaults(600, { batchSize: 256 }).patience).toBe(20);
    expect(deepFamilyDefaults(60000, { batchSize: 32 }).patience).toBe(8);
    expect(deepFamilyDefaults(600, { patience: 5 })).toMatchObject({ patience: 5, epochs: 60 });
  });
});
