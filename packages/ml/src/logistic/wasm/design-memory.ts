/**
 * Design storage inside a shared WebAssembly memory, so the SIMD kernels read it in place and worker
 * threads share it. Each design gets its own memory (freed with the design); thread scratch space is
 * added at the end on first use.
 */
import { KERNELS_WASM_BASE64 } from './kernels-binary.ts';
import { scratchBytes, type WasmKernelExports, type WasmLayout } from './runners.ts';
import { wasmApi, type WasmMemory, type WasmModule } from './wasm-api.ts';

const PAGE = 65536;
/** Designs above this many bytes fall back to plain shared arrays and the JavaScript kernels. */
const MAX_WASM_BYTES = 3.5 * 1024 ** 3;

export interface WasmDesign {
  memory: WasmMemory;
  denseOffset: number;
  onehotOffset: number;
  /** End of the design data: thread scratch starts here (16-aligned). */
  scratchOffset: number;
  /** Scratch bytes already available after scratchOffset. */
  scratchCapacity: number;
}

let compiled: WasmModule | null = null;

export function kernelsModule(): WasmModule {
  compiled ??= new wasmApi.Module(Buffer.from(KERNELS_WASM_BASE64, 'base64'));
  return compiled;
}

function align16(n: number): number {
  return Math.ceil(n / 16) * 16;
}

/** Dense (rows x denseDim float32) and one-hot (rows x slotCount int32) blocks, in WebAssembly memory when they fit. */
export function allocateDesignArrays(rows: number, denseDim: number, slotCount: number): { dense: Float32Array; onehot: Int32Array; wasm: WasmDesign | null } {
  const denseBytes = align16(rows * denseDim * 4);
  const onehotBytes = align16(rows * slotCount * 4);
  const total = denseBytes + onehotBytes;
  if (total > MAX_WASM_BYTES) {
    return {
      dense: new Float32Array(new SharedArrayBuffer(Math.max(4, rows * denseDim * 4))).subarray(0, rows * denseDim),
      onehot: new Int32Array(new SharedArrayBuffer(Math.max(4, rows * slotCount * 4))).subarray(0, rows * slotCount),
      wasm: null,
    };
  }
  const pages = Math.max(1, Math.ceil(total / PAGE));
  const memory = new wasmApi.Memory({ initial: pages, maximum: 65536, shared: true });
  return {
    dense: new Float32Array(memory.buffer, 0, rows * denseDim),
    onehot: new Int32Array(memory.buffer, denseBytes, rows * slotCount),
    wasm: { memory, denseOffset: 0, onehotOffset: denseBytes, scratchOffset: total, scratchCapacity: pages * PAGE - total },
  };
}

/** Makes room for `threads` scratch areas and returns the first one's byte offset. */
export function reserveScratch(wasm: WasmDesign, layout: WasmLayout, threads: number): { base: number; stride: number } {
  const stride = scratchBytes(layout, true);
  const needed = stride * threads;
  if (needed > wasm.scratchCapacity) {
    const missing = needed - wasm.scratchCapacity;
    const pages = Math.ceil(missing / PAGE);
    wasm.memory.grow(pages);
    wasm.scratchCapacity += pages * PAGE;
  }
  return { base: wasm.scratchOffset, stride };
}

export function instantiateKernels(memory: WasmMemory): WasmKernelExports {
  return new wasmApi.Instance(kernelsModule(), { env: { memory } }).exports as unknown as WasmKernelExports;
}
