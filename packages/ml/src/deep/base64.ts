// Float32 weights as base64 of their little-endian bytes, so model files are compact and exact.
import { Buffer } from 'node:buffer';

const littleEndianHost = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
const base64Pattern = /^[A-Za-z0-9+/]*={0,2}$/;

function swapWords(bytes: Uint8Array): void {
  for (let i = 0; i + 3 < bytes.length; i += 4) {
    const a = bytes[i]!,
      b = bytes[i + 1]!;
    bytes[i] = bytes[i + 3]!;
    bytes[i + 1] = bytes[i + 2]!;
    bytes[i + 2] = b;
    bytes[i + 3] = a;
  }
}

export function encodeFloat32(values: Float32Array): string {
  const bytes = new Uint8Array(values.buffer, values.byteOffset, values.byteLength);
  if (littleEndianHost) return Buffer.from(bytes).toString('base64');
  const copy = Uint8Array.from(bytes);
  swapWords(copy);
  return Buffer.from(copy).toString('base64');
}

export function decodeFloat32(text: string): Float32Array {
  if (typeof text !== 'string' || text.length % 4 !== 0 || !base64Pattern.test(text)) {
    throw new Error('decodeFloat32: not a base64 string');
  }
  const bytes = Buffer.from(text, 'base64');
  if (bytes.length % 4 !== 0) {
    throw new Error(`decodeFloat32: ${bytes.length} bytes is not a whole number of float32 values`);
  }
  // Copy into a fresh, aligned buffer (Buffer pools may be misaligned for Float32Array).
  const out = new Uint8Array(bytes.length);
  out.set(bytes);
  if (!littleEndianHost) swapWords(out);
  return new Float32Array(out.buffer);
}
