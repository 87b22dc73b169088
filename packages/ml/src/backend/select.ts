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

type DawnModule = { create(options: string[]): DawnGpu; globals: Record<string, unknown> };
type DawnGpu = { requestAdapter(): Promise<{ info?: { vendor?: string; architecture?: string; device?: string } } | null> };

// One Dawn instance per thread, created once and held for the thread's life. tfjs's WebGPU device
// belongs to the instance that made it: a second load that made a new instance and replaced
// navigator.gpu left the first one to the garbage collector while its device was in use, and the
// process aborted in Dawn (glibc "pthread_mutex_lock: assertion failed", seen on an H200 host).
let webgpuLoaded: Promise<string> | null = null;

async function loadWebgpuOnce(): Promise<string> {
  let dawn: DawnModule;
  try {
    dawn = (await import('webgpu')) as unknown as DawnModule;
  } catch (e) {
    throw new Error(`webgpu package: ${reasonOf(e)}`);
  }
  const gpu = dawn.create([]);
  const adapter = await gpu.requestAdapter();
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

async function loadWebgpu(): Promise<string> {
  if (webgpuLoaded === null) {
    webgpuLoaded = loadWebgpuOnce();
    // A failed load may be retried (the driver variables can change); a good one is kept.
    webgpuLoaded.catch(() => (webgpuLoaded = null));
    return webgpuLoaded;
  }
  const detail = await webgpuLoaded;
  await activate('webgpu'); // already created: switch back to it
  return detail;
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

/**
 * Below this batch size WebGPU trains the deep model slower than wasm, so the automatic choice passes
 * it over. Each WebGPU step costs about 40 ms of dispatch on the host whatever its size (tfjs sends
 * every small operation of the step to the GPU on its own), while wasm's cost grows with the rows.
 * Measured on an H200 host (bench/gpu, bench/results/gpu.md), seconds an epoch on the Taiwan rows,
 * WebGPU / wasm: 4.11 / 1.13 at batch 256 and 0.34 / 1.21 at batch 4,096.
 */
export const WEBGPU_MIN_BATCH = 1024;

/** What the work makes not worth loading, with the reason (the automatic choice only). */
export interface Workload {
  /** The deep model's training batch size. */
  batchSize?: number;
}

function passedOver(name: BackendName, workload: Workload): string | null {
  if (name === 'webgpu' && workload.batchSize !== undefined && workload.batchSize < WEBGPU_MIN_BATCH) {
    return `slower than wasm at batch ${workload.batchSize} (below ${WEBGPU_MIN_BATCH}, each WebGPU step costs ~40 ms of dispatch); ask for it by name to use it anyway`;
  }
  return null;
}

/** Selection logic over a loader table (tests pass their own loaders). */
export async function selectBackendWith(
  loaders: Record<BackendName, BackendLoader>,
  preferred?: string,
  workload: Workload = {},
): Promise<BackendChoice> {
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
    const notWorth = passedOver(name, workload);
    if (notWorth) {
      skipped.push({ name, reason: notWorth });
      continue;
    }
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
 * Activates the fastest backend that loads for the workload, or exactly `preferred`, which is then an
 * error if it cannot load. (The library reads no environment variable: the CLI passes PROBITY_ML_BACKEND.)
 */
export async function selectBackend(preferred?: string, workload: Workload = {}): Promise<BackendChoice> {
  return selectBackendWith(defaultLoaders, preferred, workload);
}
