/**
 * Chunk results as JSON-safe objects (typed arrays as base64 of their little-endian bytes), so a
 * job queue or a database can carry them between workers; decoding gives back the exact bits.
 */
import type { ChunkResult } from './chunk.ts';
import type { ContributionChunk } from './contributions.ts';

function toBase64(array: Float64Array): string {
  return Buffer.from(array.buffer, array.byteOffset, array.byteLength).toString('base64');
}

function fromBase64(text: string, field: string): Float64Array {
  const bytes = Buffer.from(text, 'base64');
  if (bytes.byteLength % 8 !== 0) throw new Error(`${field} is not a base64 Float64Array`);
  const copy = new Uint8Array(bytes.byteLength);
  copy.set(bytes);
  return new Float64Array(copy.buffer);
}

export interface EncodedChunk {
  fingerprint: string;
  chunkIndex: number;
  losses: string;
  weights: string;
  sectorLosses: string;
}

export function encodeChunk(chunk: ChunkResult): EncodedChunk {
  return {
    fingerprint: chunk.fingerprint,
    chunkIndex: chunk.chunkIndex,
    losses: toBase64(chunk.losses),
    weights: toBase64(chunk.weights),
    sectorLosses: toBase64(chunk.sectorLosses),
  };
}

export function decodeChunk(encoded: EncodedChunk): ChunkResult {
  return {
    fingerprint: encoded.fingerprint,
    chunkIndex: encoded.chunkIndex,
    losses: fromBase64(encoded.losses, 'losses'),
    weights: fromBase64(encoded.weights, 'weights'),
    sectorLosses: fromBase64(encoded.sectorLosses, 'sectorLosses'),
  };
}

export interface EncodedContributionChunk {
  fingerprint: string;
  chunkIndex: number;
  resimulated: number;
  sums: string;
  squares: string;
}

export function encodeContributionChunk(part: ContributionChunk): EncodedContributionChunk {
  return {
    fingerprint: part.fingerprint,
    chunkIndex: part.chunkIndex,
    resimulated: part.resimulated,
    sums: toBase64(part.sums),
    squares: toBase64(part.squares),
  };
}

export function decodeContributionChunk(encoded: EncodedContributionChunk): ContributionChunk {
  return {
    fingerprint: encoded.fingerprint,
    chunkIndex: encoded.chunkIndex,
    resimulated: encoded.resimulated,
    sums: fromBase64(encoded.sums, 'sums'),
    squares: fromBase64(encoded.squares, 'squares'),
  };
}
