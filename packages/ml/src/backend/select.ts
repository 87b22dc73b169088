// Picks the fastest tfjs backend that loads: tensorflow (native), webgpu, wasm, cpu.
import { availableParallelism } from 'node:os';
import * as tf from '@tensorflow/tfjs';

export const backendNames = ['tensorflow', 'webgpu', 'wasm', 'cpu'] as const;
export type BackendName = (typeof backendNames)[number];

export interface BackendChoice {
  name: BackendName;
  /** What runs and why the faster ones were skipped, for the log. */
  detail: string;
  skipped: { name: BackendName; reason: string }[];
}

/** Activates one backend and describes it, or throws with the reason it cannot load. */
export type BackendLoader = () => Promise<string>;

// Optional native bindings: absent by default; their names are variables so no bundler or
// type checker insists on them.
const nativePackages = ['@tensorflow/tfjs-node-gpu', '@tensorflow/tfjs-node'];

function reasonOf(e: unknown): string {
  const message = e instanceof Error ? e.message : String(e);
  if (/Cannot find (module|package)|ERR_MODULE_NOT_FOUND/.test(message)) return 'not installed';
  return message.split('\n')[0]!;
}

async function activate(name: string): Promise<void> {
  const ok = await tf.setBackend(name);
  if (!ok || tf.getBackend() !== name) throw new Error(`tf.setBackend('${name}') failed`);
  await tf.ready();
}

async function loadTensorflow(): Promise<string> {
  const reasons: string[] = [];
  for (const pkg of nativePackages) {
    try {
      await import(/* @vite-ignore */ pkg);
    } catch (e) {
      reasons.push(`${pkg}: ${reasonOf(e)}`);
      continue;
    }
    if (!tf.findBackend('tensorflow')) {
      reasons.push(`${pkg}: loaded but registered with another copy of @tensorflow/tfjs`);
      continue;
    }
    await activate('tensorflow');
    return `${pkg} (libtensorflow)`;
  }
  throw new Error(reasons.join('; '));
}

async function loadWebgpu(): Promise<string> {
  let dawn: { create(options: string[]): { requestAdapter(): Promise<unknown> }; globals: Record<string, unknown> };
  try {
    dawn = (await import('webgpu')) as unknown as typeof dawn;
  } catch (e) {
    throw new Error(`webgpu package: ${reasonOf(e)}`);
  }
  const gpu = dawn.create([]);
  const adapter = (await gpu.requestAdapter()) as { info?: { vendor?: string; architecture?: string; device?: string } } | null;
  if (!adapter)
    throw new Error('no GPU adapter (Dawn found no Vulkan device; an NVIDIA driver needs VK_DRIVER_FILES set, as probity-ml train does)');
  // tfjs-backend-webgpu looks for navigator.gpu and the WebGPU globals when it is imported.
  const previousNavigator = Object.getOwnPropertyDescriptor(globalThis, 'navigator');
  Object.assign(globalThis, dawn.globals);
  Object.defineProperty(globalThis, 'navigator', { value: { gpu }, configurable: true, writable: true });
  try {
    await import('@tensorflow/tfjs-backend-webgpu');
    await activate('webgpu');
  } catch (e) {
    // Leave no fake navigator behind: other code (tfjs included) sniffs it to detect a browser.
    if (previousNavigator) Object.defineProperty(globalThis, 'navigator', previousNavigator);
    else Reflect.deleteProperty(globalThis, 'navigator');
    throw new Error(`@tensorflow/tfjs-backend-webgpu: ${reasonOf(e)}`);
  }
  const info = adapter.info;
  const what = [info?.vendor, info?.architecture, info?.device].filter(Boolean).join(' ');
  return `WebGPU through Dawn${what ? ` on ${what}` : ''}`;
}

async function loadWasm(): Promise<string> {
  const wasm = await import('@tensorflow/tfjs-backend-wasm');
  // Threads only take effect where the runtime supports wasm threads (not Node.js today).
  wasm.setThreadsCount(Math.max(1, Math.min(availableParallelism(), 8)));
  await activate('wasm');
  const simd = await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT');
  const threaded = await tf.env().getAsync('WASM_HAS_MULTITHREAD_SUPPORT');
  return `wasm (SIMD ${simd ? 'on' : 'off'}, ${threaded ? `${wasm.getThreadsCount()} threads` : 'single thread: no wasm threads here'})`;
}

async function loadCpu(): Promise<string> {
  await activate('cpu');
  return 'plain JavaScript cpu backend (slowest)';
}

export const defaultLoaders: Record<BackendName, BackendLoader> = {
  tensorflow: loadTensorflow,
  webgpu: loadWebgpu,
  wasm: loadWasm,
  cpu: loadCpu,
};

function isBackendName(name: string): name is BackendName {
  return (backendNames as readonly string[]).includes(name);
}

/** Selection logic over a loader table (tests pass their own loaders). */
export async function selectBackendWith(loaders: Record<BackendName, BackendLoader>, preferred?: string): Promise<BackendChoice> {
  if (preferred !== undefined) {
    if (!isBackendName(preferred)) {
      throw new Error(`ML backend '${preferred}' is unknown: use one of ${backendNames.join(', ')}`);
    }
    try {
      const detail = await loaders[preferred]();
      return { name: preferred, detail: `${detail}; requested explicitly`, skipped: [] };
    } catch (e) {
      throw new Error(`ML backend '${preferred}' was requested but cannot load: ${reasonOf(e)}`);
    }
  }
  const skipped: BackendChoice['skipped'] = [];
  for (const name of backendNames) {
    try {
      const detail = await loaders[name]();
      const why = skipped.map((s) => `${s.name}: ${s.reason}`).join('; ');
      return { name, detail: why ? `${detail}; skipped ${why}` : detail, skipped };
    } catch (e) {
      skipped.push({ name, reason: reasonOf(e) });
    }
  }
  throw new Error(`no ML backend could load: ${skipped.map((s) => `${s.name}: ${s.reason}`).join('; ')}`);
}

/**
 * Activates the fastest backend that loads, or exactly `preferred`, which is then an error if it
 * cannot load. (The library reads no environment variable: the CLI passes PROBITY_ML_BACKEND.)
 */
export async function selectBackend(preferred?: string): Promise<BackendChoice> {
  return selectBackendWith(defaultLoaders, preferred);
}
