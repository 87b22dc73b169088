import { describe, expect, it } from 'vitest';
import { encodeFloat32 } from './base64.ts';
import { randomDeepState, smallMixedDataset } from './random-state.test-support.ts';
import { deepLogits } from './scorer.ts';
import { deserializeDeep, serializeDeep } from './serialize.ts';
import type { DeepModelState } from './types.ts';

const data = smallMixedDataset(50);
const state = randomDeepState(data, { hidden: [10, 5] });

interface Weight {
  shape: number[];
  data: string;
}

/** The parts of a serialised deep model that the tests below break. */
interface DeepDocument {
  format: string;
  version: number;
  architecture: { activation: string };
  weights: { 'hidden/1/kernel'?: Weight; 'output/kernel': Weight; 'output/bias': Weight };
  schema: { categorical: { counts: number[] }[]; sequences: { features: string[][] }[] };
  training?: unknown;
}

function broken(edit: (doc: DeepDocument) => void): string {
  const doc = JSON.parse(serializeDeep(state)) as DeepDocument;
  edit(doc);
  return JSON.stringify(doc);
}

describe('deep model (de)serialisation', () => {
  it('round-trips: the loaded model scores the same numbers (bit for bit)', () => {
    const text = serializeDeep(state);
    const loaded = deserializeDeep(text);
    expect(loaded.format).toBe('probity-deep');
    expect(loaded.version).toBe(1);
    const before = deepLogits(state, data);
    const after = deepLogits(loaded, data);
    for (let i = 0; i < data.n; i++) expect(Math.abs(after[i]! - before[i]!)).toBeLessThanOrEqual(1e-6);
    expect(Array.from(after)).toEqual(Array.from(before));
    // Also from an already-parsed object.
    expect(deserializeDeep(JSON.parse(text)).schema).toEqual(state.schema);
  });

  it('rejects malformed documents with a message naming the problem', () => {
    expect(() => deserializeDeep('{oops')).toThrow(/deep model: not valid JSON/);
    expect(() => deserializeDeep('[]')).toThrow(/not a JSON object/);
    expect(() => deserializeDeep(broken((d) => (d.format = 'keras')))).toThrow(/format is 'keras', expected 'probity-deep'/);
    expect(() => deserializeDeep(broken((d) => (d.version = 2)))).toThrow(/version 2 is not supported/);
    expect(() => deserializeDeep(broken((d) => (d.architecture.activation = 'relu')))).toThrow(/activation: 'relu'/);
    expect(() => deserializeDeep(broken((d) => delete d.weights['hidden/1/kernel']))).toThrow(/weight 'hidden\/1\/kernel' is missing/);
    expect(() => deserializeDeep(broken((d) => (d.weights['output/kernel'].shape = [4, 1])))).toThrow(
      /weight 'output\/kernel' has shape \[4,1\], expected \[5,1\]/,
    );
    expect(() => deserializeDeep(broken((d) => (d.weights['output/bias'].data = 'AACAPwAAAMA=')))).toThrow(
      /weight 'output\/bias' holds 2 values, expected 1/,
    );
    expect(() => deserializeDeep(broken((d) => (d.weights['output/bias'].data = '???')))).toThrow(/output\/bias': decodeFloat32/);
    expect(() => deserializeDeep(broken((d) => (d.weights['output/bias'].data = encodeFloat32(new Float32Array([Number.NaN])))))).toThrow(
      /weight 'output\/bias' value 0 is not finite/,
    );
    expect(() => deserializeDeep(broken((d) => (d.schema.categorical[1]!.counts = [1, 2])))).toThrow(
      /schema.categorical\[1\] \(cat1\).counts must hold 9/,
    );
    expect(() => deserializeDeep(broken((d) => d.schema.sequences[0]!.features.pop()))).toThrow(
      /schema.sequences\[0\] \(seq0\).features must be a \[6\]\[3\] table/,
    );
    expect(() => deserializeDeep(broken((d) => delete d.training))).toThrow(/training is missing/);
  });

  it('refuses to write an invalid state', () => {
    const bad = { ...state, weights: { ...state.weights } } as DeepModelState;
    delete bad.weights['wide/kernel'];
    expect(() => serializeDeep(bad)).toThrow(/weight 'wide\/kernel' is missing/);
  });
});
