import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import * as risk from './index.ts';

const SRC = fileURLToPath(new URL('.', import.meta.url));

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'parallel' ? [] : sources(path);
    return /\.ts$/.test(name) && !/\.test\.ts$|\.test-data\.ts$/.test(name) ? [path] : [];
  });
}

describe('package entry', () => {
  it('exports the public API', () => {
    for (const name of [
      'irbCapital',
      'vasicek',
      'unexpectedLoss',
      'planSimulation',
      'runSimulation',
      'concentration',
      'granularityAdjustment',
      'runStressTest',
      'allocateStages',
      'expectedCreditLoss',
    ]) {
      expect(typeof (risk as Record<string, unknown>)[name]).toBe('function');
    }
  });

  it('imports nothing but zod, @stdlib and its own files outside src/parallel (no I/O, no framework)', () => {
    const files = sources(SRC);
    expect(files.length).toBeGreaterThan(30);
    for (const file of files) {
      const imports = [...readFileSync(file, 'utf8').matchAll(/^import[^'"]*['"]([^'"]+)['"]/gm)].map((match) => match[1]!);
      for (const specifier of imports) expect(specifier, file).toMatch(/^(\.{1,2}\/|zod$|@stdlib\/)/);
    }
  });
});
