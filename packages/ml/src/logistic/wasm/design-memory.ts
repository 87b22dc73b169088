/**
 * Design storage inside a shared WebAssembly memory, so the SIMD kernels read it in place and worker
 * threads share it. Each design gets its own memory (freed with the design); thread scratch space is
 * added at the end on first use.
 */
import { KERNELS_WASM_BASE64 } from './kernels-binary.ts';
import { scratchBytes, type WasmKernelExports, type WasmLayout } from './runners.ts';
import { wasmApi, type WasmMemory, type WasmModule } from '../../util/wasm/wasm-api.ts';

const PAGE = 65536;
/** Designs above this many bytes fall back to plain shared arrays and the JavaScript kernels. */
const MAX_WASM_BYTES = 3.5 * 1024 ** 3;

export interface WasmDesign {
  memory: WasmMemory;
  denseOffset: number;
  onehotOffset: number;
  /** Next free byte (16-aligned) and bytes the memory has now. */
  top: number;
  capacity: number;
  /** The thread scratch area last reserved, reused while it is large enough. */
  scratch: { offset: number; bytes: number } | null;
  /** Labels and weights last copied in (the fused loss kernel reads them from here). */
  attached: { labels: Uint8Array; weights: Float32Array | null; labelsOffset: number; weightsOffset: number } | null;
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
export function allocateDesignArrays(
  rows: number,
  denseDim: number,
  slotCount: number,
  reuse: WasmDesign | null = null,
): { dense: Float32Array; onehot: Int32Array; wasm: WasmDesign | null } {
  const denseBytes = align16(rows * denseDim * 4);
  const onehotBytes = align16(rows * slotCount * 4);
  const total = denseBytes + onehotBytes;
  // A finished design's memory, when it is large enough: its pages are mapped already (a fresh memory's
  // first touch cost more than encoding into it, batch after batch). The caller writes every value.
  if (reuse && total <= reuse.capacity) {
    return {
      dense: new Float32Array(reuse.memory.buffer, 0, rows * denseDim),
      onehot: new Int32Array(reuse.memory.buffer, denseBytes, rows * slotCount),
      wasm: { ...reuse, denseOffset: 0, onehotOffset: denseBytes, top: total, scratch: null, attached: null },
    };
  }
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
    wasm: { memory, denseOffset: 0, onehotOffset: denseBytes, top: total, capacity: pages * PAGE, scratch: null, attached: null },
  };
}

/** Bump allocation at the end of the memory, growing it as needed; returns a 16-aligned byte offset. */
function allocate(wasm: WasmDesign, bytes: number): number {
  const offset = wasm.top;
  const top = align16(offset + bytes);
  if (top > wasm.capacity) {
    const pages = Math.ceil((top - wasm.capacity) / PAGE);
    wasm.memory.grow(pages);
    wasm.capacity += pages * PAGE;
  }
  wasm.top = top;
  return offset;
}

/**
 * Makes room for `threads` scratch areas and returns the first one's byte offset and the stride.
 * Scoring needs no Hessian area: on a wide design that area alone would be columns^2 x 8 bytes.
 */
export function reserveScratch(
  wasm: WasmDesign,
  layout: WasmLayout,
  threads: number,
  withHessian = true,
): { base: number; stride: number } {
  const stride = scratchBytes(layout, withHessian);
  const bytes = stride * threads;
  if (!wasm.scratch || wasm.scratch.bytes < bytes) wasm.scratch = { offset: allocate(wasm, bytes), bytes };
  return { base: wasm.scratch.offset, stride };
}

/** Copies labels (and weights) into the memory once per pair of arrays; returns their offsets (0 = no weights). */
export function attachLabels(wasm: WasmDesign, labels: Uint8Array, weights: Float32Array | null): { labelsAt: number; weightsAt: number } {
  const last = wasm.attached;
  if (!last || last.labels !== labels || last.weights !== weights) {
    const labelsOffset = allocate(wasm, labels.length);
    new Uint8Array(wasm.memory.buffer, labelsOffset, labels.length).set(labels);
    let weightsOffset = 0;
    if (weights) {
      weightsOffset = allocate(wasm, weights.length * 4);
      new Float32Array(wasm.memory.buffer, weightsOffset, weights.length).set(weights);
    }
    wasm.attached = { labels, weights, labelsOffset, weightsOffset };
  }
  return { labelsAt: wasm.attached!.labelsOffset, weightsAt: wasm.attached!.weightsOffset };
}

const instances = new WeakMap<WasmMemory, WasmKernelExports>();

/** The kernels bound to `memory`, instantiated once per memory (a reused memory keeps its instance). */
export function instantiateKernels(memory: WasmMemory): WasmKernelExports {
  let exports = instances.get(memory);
  if (!exports) {
    exports = new wasmApi.Instance(kernelsModule(), { env: { memory } }).exports as unknown as WasmKernelExports;
    instances.set(memory, exports);
  }
  return exports;
}
