import * as tf from '@tensorflow/tfjs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { backendPreference } from './env.ts';
import { selectBackend, selectBackendWith, type BackendLoader, type BackendName } from './select.ts';

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

describe('selectBackend on this machine (no GPU, no tfjs-node)', () => {
  it('skips tensorflow and webgpu with reasons and activates wasm', async () => {
    const choice = await selectBackend(undefined);
    expect(choice.name).toBe('wasm');
    expect(tf.getBackend()).toBe('wasm');
    expect(choice.detail).toMatch(/^wasm \(SIMD on/);
    expect(choice.skipped.find((s) => s.name === 'tensorflow')?.reason).toMatch(/@tensorflow\/tfjs-node-gpu: not installed/);
    expect(choice.skipped.find((s) => s.name === 'webgpu')?.reason).toBeTruthy();
    // The failed WebGPU probe leaves no fake browser globals behind.
    expect((globalThis as { navigator?: { gpu?: unknown } }).navigator?.gpu).toBeUndefined();
  });

  it('activates the backend named by the caller, and fails clearly for an absent one', async () => {
    expect((await selectBackend('cpu')).name).toBe('cpu');
    expect(tf.getBackend()).toBe('cpu');
    await expect(selectBackend('tensorflow')).rejects.toThrow(/'tensorflow' was requested but cannot load: .*not installed/);
  });
});

describe('PROBITY_ML_BACKEND', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  it('is read (trimmed, lower-cased) as the preferred backend', async () => {
    vi.stubEnv('PROBITY_ML_BACKEND', ' CPU ');
    expect(backendPreference()).toBe('cpu');
    expect((await selectBackend()).detail).toMatch(/requested explicitly/);
    vi.stubEnv('PROBITY_ML_BACKEND', '');
    expect(backendPreference()).toBeUndefined();
  });
});
