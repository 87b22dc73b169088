import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const here = dirname(fileURLToPath(import.meta.url));
const specifier = /(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\s*\(\s*['"]([^'"]+)['"]\s*\)|import\s+['"]([^'"]+)['"]/g;

/** Every module reachable from `entry` by static or literal dynamic imports: local files and packages. */
function importGraph(entry: string): { files: string[]; packages: Set<string> } {
  const files: string[] = [];
  const packages = new Set<string>();
  const queue = [resolve(here, entry)];
  const seen = new Set<string>();
  while (queue.length > 0) {
    const file = queue.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    files.push(file);
    const source = readFileSync(file, 'utf8');
    for (const m of source.matchAll(specifier)) {
      const spec = (m[1] ?? m[2] ?? m[3])!;
      if (spec.startsWith('.')) queue.push(resolve(dirname(file), spec));
      else packages.add(spec);
    }
  }
  return { files, packages };
}

describe('the lean scorer and explainer never load TensorFlow.js', () => {
  for (const entry of ['lean.ts', 'scorer.ts', 'integrated-gradients.ts', 'serialize.ts']) {
    it(`${entry}: no @tensorflow package in its import graph`, () => {
      const { files, packages } = importGraph(entry);
      expect(files.length).toBeGreaterThan(0);
      expect([...packages].filter((p) => p.includes('tensorflow'))).toEqual([]);
      expect(files.filter((f) => /tf-|train\.ts/.test(f))).toEqual([]);
    });
  }

  it('the graph walker does see tfjs where it is imported (the check can fail)', () => {
    const { packages } = importGraph('train.ts');
    expect(packages.has('@tensorflow/tfjs')).toBe(true);
  });
});
