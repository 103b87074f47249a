/**
 * A ZIP made one file at a time with fflate's streaming `Zip`: each file is
 * compressed as it is added and can be let go at once, so what stays in
 * memory is the compressed archive, not every file it holds. Files that are
 * compressed already (pictures, fonts) are stored as they are.
 *
 * Every entry carries the time it is given, never "now", so the same
 * content always makes the same bytes. ZIP stores times without a zone;
 * fflate writes them in the process's zone, which is UTC in Lambda.
 */
import { Zip, ZipDeflate, ZipPassThrough } from 'fflate';

const STORED = /\.(png|jpe?g|gif|webp|avif|woff2?|zip|gz)$/i;

export class ZipWriter {
  private readonly chunks: Uint8Array[] = [];
  private readonly zip: Zip;
  private error: Error | null = null;
  private done = false;
  bytes = 0;
  files = 0;

  constructor() {
    this.zip = new Zip((error, chunk, final) => {
      if (error) this.error ??= error;
      else {
        this.chunks.push(chunk);
        this.bytes += chunk.byteLength;
      }
      if (final) this.done = true;
    });
  }

  /** Adds one file at `path` (forward slashes, no leading slash), dated `time`. */
  add(path: string, body: Uint8Array | string, time: string | Date): void {
    const bytes = typeof body === 'string' ? new TextEncoder().encode(body) : body;
    const entry = STORED.test(path) ? new ZipPassThrough(path) : new ZipDeflate(path, { level: 6 });
    entry.mtime = new Date(time);
    this.zip.add(entry);
    entry.push(bytes, true);
    this.files++;
    this.check();
  }

  /** The finished archive. */
  finish(): Uint8Array {
    this.zip.end();
    this.check();
    if (!this.done) throw new Error('the ZIP did not finish');
    const out = new Uint8Array(this.bytes);
    let at = 0;
    for (const chunk of this.chunks) {
      out.set(chunk, at);
      at += chunk.byteLength;
    }
    this.chunks.length = 0;
    return out;
  }

  private check() {
    if (this.error) throw this.error;
  }
}
