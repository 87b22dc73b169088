import { createRequire } from 'node:module';
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { backendNames, selectBackend, selectBackendWith, WEBGPU_MIN_BATCH, type BackendLoader, type BackendName } from './select.ts';

/** Whether a package can be found from here (the native tfjs bindings are optional and absent by default). */
function installed(name: string): boolean {
  try {
    createRequire(import.meta.url).resolve(name);
    return true;
  } catch {
    return false;
  }
}

function loaders(works: Partial<Record<BackendName, string>>, calls: string[]): Record<BackendName, BackendLoader> {
  const make =
    (name: BackendName): BackendLoader =>
    async () => {
      calls.push(name);
      const detail = works[name];
      if (detail === undefined) throw new Error(`${name} unavailable`);
      return detail;
    };
  return { tensorflow: make('tensorflow'), webgpu: make('webgpu'), wasm: make('wasm'), cpu: make('cpu') };
}

describe('backend selection order and fallback', () => {
  it('takes the first backend that loads, in the order tensorflow, webgpu, wasm, cpu', async () => {
    const calls: string[] = [];
    const choice = await selectBackendWith(loaders({ webgpu: 'gpu!', wasm: 'simd', cpu: 'js' }, calls), undefined);
    expect(choice.name).toBe('webgpu');
    expect(calls).toEqual(['tensorflow', 'webgpu']);
    expect(choice.skipped).toEqual([{ name: 'tensorflow', reason: 'tensorflow unavailable' }]);
    expect(choice.detail).toBe('gpu!; skipped tensorflow: tensorflow unavailable');
  });

  it('falls back to cpu when nothing faster loads', async () => {
    const calls: string[] = [];
    const choice = await selectBackendWith(loaders({ cpu: 'js' }, calls), undefined);
    expect(choice.name).toBe('cpu');
    expect(calls).toEqual(['tensorflow', 'webgpu', 'wasm', 'cpu']);
    expect(choice.skipped.map((s) => s.name)).toEqual(['tensorflow', 'webgpu', 'wasm']);
  });

  it('a named backend is used alone, and is a clear error when it cannot load', async () => {
    const calls: string[] = [];
    const table = loaders({ wasm: 'simd', cpu: 'js' }, calls);
    expect((await selectBackendWith(table, 'cpu')).name).toBe('cpu');
    expect(calls).toEqual(['cpu']);
    await expect(selectBackendWith(table, 'webgpu')).rejects.toThrow(
      "ML backend 'webgpu' was requested but cannot load: webgpu unavailable",
    );
    await expect(selectBackendWith(table, 'cuda')).rejects.toThrow(/'cuda' is unknown: use one of tensorflow, webgpu, wasm, cpu/);
  });
});

describe('the automatic choice and the workload', () => {
  it('passes WebGPU over below WEBGPU_MIN_BATCH, with the reason, and loads it from that batch size up', async () => {
    const calls: string[] = [];
    const table = loaders({ webgpu: 'gpu!', wasm: 'simd', cpu: 'js' }, calls);
    const small = await selectBackendWith(table, undefined, { batchSize: 256 });
    expect(small.name).toBe('wasm');
    expect(calls).toEqual(['tensorflow', 'wasm']);
    expect(small.skipped[1]!.name).toBe('webgpu');
    expect(small.skipped[1]!.reason).toMatch(/^slower than wasm at batch 256 \(below 1024/);
    calls.length = 0;
    expect((await selectBackendWith(table, undefined, { batchSize: WEBGPU_MIN_BATCH })).name).toBe('webgpu');
    expect((await selectBackendWith(table, undefined, {})).name).toBe('webgpu');
  });

  it('a backend asked for by name is used whatever the batch size', async () => {
    const calls: string[] = [];
    const choice = await selectBackendWith(loaders({ webgpu: 'gpu!', wasm: 'simd' }, calls), 'webgpu', { batchSize: 32 });
    expect(choice.name).toBe('webgpu');
    expect(calls).toEqual(['webgpu']);
  });
});

// These run on whatever machine runs the tests: with a GPU the choice is webgpu, without one wasm.
describe('selectBackend on this machine', () => {
  it('activates the first backend that loads, with a reason for each faster one it skipped', async () => {
    const choice = await selectBackend();
    const position = backendNames.indexOf(choice.name);
    expect(position).toBeGreaterThanOrEqual(0);
    expect(tf.getBackend()).toBe(choice.name);
    expect(choice.skipped.map((s) => s.name)).toEqual(backendNames.slice(0, position));
    for (const skipped of choice.skipped) expect(skipped.reason.length).toBeGreaterThan(0);
    if (choice.skipped.some((s) => s.name === 'tensorflow')) expect(choice.detail).toMatch(/skipped tensorflow: /);
    // A WebGPU probe that failed leaves no fake browser globals behind.
    if (choice.name !== 'webgpu') expect((globalThis as { navigator?: { gpu?: unknown } }).navigator?.gpu).toBeUndefined();
  });

  it('loads wasm with SIMD and cpu when named (every machine has them)', async () => {
    expect((await selectBackend('wasm')).detail).toMatch(/^wasm \(SIMD on, .*; requested explicitly$/);
    expect(tf.getBackend()).toBe('wasm');
    expect((await selectBackend('cpu')).name).toBe('cpu');
    expect(tf.getBackend()).toBe('cpu');
  });

  it.skipIf(installed('@tensorflow/tfjs-node') || installed('@tensorflow/tfjs-node-gpu'))(
    'fails clearly for a named backend that is not installed',
    async () => {
      await expect(selectBackend('tensorflow')).rejects.toThrow(/'tensorflow' was requested but cannot load: .*not installed/);
    },
  );
});
