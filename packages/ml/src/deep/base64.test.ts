import { describe, expect, it } from 'vitest';
import { decodeFloat32, encodeFloat32 } from './base64.ts';

describe('float32 base64', () => {
  it('writes little-endian IEEE 754 bytes (known encodings)', () => {
    // 1.0f = 00 00 80 3F, -2.0f = 00 00 00 C0, 0.5f = 00 00 00 3F.
    expect(encodeFloat32(new Float32Array([1]))).toBe('AACAPw==');
    expect(encodeFloat32(new Float32Array([1, -2, 0.5]))).toBe('AACAPwAAAMAAAAA/');
    expect(Array.from(decodeFloat32('AACAPwAAAMAAAAA/'))).toEqual([1, -2, 0.5]);
  });

  it('round-trips every bit, also for a view into a larger buffer', () => {
    const big = new Float32Array([3.4028234663852886e38, 1.401298464324817e-45, -0, Math.PI, -1e-20, 7]);
    const view = big.subarray(1, 5);
    const back = decodeFloat32(encodeFloat32(view));
    expect(back.length).toBe(4);
    expect(new Uint32Array(back.buffer)).toEqual(new Uint32Array(view.slice().buffer));
  });

  it('rejects text that is not base64 of whole float32 values', () => {
    expect(() => decodeFloat32('not base64!')).toThrow(/not a base64 string/);
    expect(() => decodeFloat32('AAAA')).toThrow(/3 bytes is not a whole number of float32 values/);
  });
});
