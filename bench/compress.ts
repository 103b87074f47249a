/**
 * Byte counting for the benchmarks: the raw size of a body and its size
 * after gzip and brotli from `node:zlib`, both at zlib's default settings
 * (gzip level 6, brotli quality 11), plus formatting in KiB. Budgets that say
 * "compressed" are checked against gzip, the larger of the two and what
 * every browser accepts.
 */
import { brotliCompressSync, gzipSync } from 'node:zlib';

export interface Sizes {
  raw: number;
  gzip: number;
  brotli: number;
}

export function sizes(body: Uint8Array | string): Sizes {
  const bytes = typeof body === 'string' ? Buffer.from(body) : body;
  return {
    raw: bytes.byteLength,
    gzip: gzipSync(bytes).byteLength,
    brotli: brotliCompressSync(bytes).byteLength,
  };
}

export const KiB = 1024;

export const kib = (bytes: number) => `${(bytes / KiB).toFixed(1)} KiB`;
