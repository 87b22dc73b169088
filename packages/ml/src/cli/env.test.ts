import { afterEach, describe, expect, it, vi } from 'vitest';
import { backendFromEnvironment } from './env.ts';

describe('PROBITY_ML_BACKEND', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  it('is read (trimmed, lower-cased) as the backend train asks for', () => {
    vi.stubEnv('PROBITY_ML_BACKEND', ' CPU ');
    expect(backendFromEnvironment()).toBe('cpu');
    vi.stubEnv('PROBITY_ML_BACKEND', '');
    expect(backendFromEnvironment()).toBeUndefined();
  });
});
