/**
 * The builder's memory of recent renders, bounded twice: at most
 * `maxEntries` renders, and at most `maxBytes` of file bodies in all, the
 * least recently used going first. A render's size is known once it has
 * finished, so the byte bound is enforced then; one larger than the whole
 * budget is served but not kept. A failed render is not remembered.
 */

/** What the cache needs of a finished render: how many bytes its bodies take. */
export type Sized<T> = { value: T; bytes: number };

interface Entry<T> {
  value: Promise<T>;
  /** 0 until the render has finished. */
  bytes: number;
}

/** A least-recently-used cache of promised values, bounded by count and by bytes. */
export class RenderCache<T> {
  private readonly entries = new Map<string, Entry<T>>();
  private bytes = 0;

  constructor(
    readonly maxEntries: number,
    readonly maxBytes: number,
  ) {}

  /** The value under `key`, made by `make` if it is not kept (and then kept, if it fits). */
  get(key: string, make: () => Promise<Sized<T>>): Promise<T> {
    const kept = this.entries.get(key);
    if (kept) {
      // Most recently used last, so the oldest is evicted first.
      this.entries.delete(key);
      this.entries.set(key, kept);
      return kept.value;
    }
    const made = make();
    const entry: Entry<T> = { value: made.then((m) => m.value), bytes: 0 };
    this.entries.set(key, entry);
    made.then(
      ({ bytes }) => {
        if (this.entries.get(key) !== entry) return;
        entry.bytes = bytes;
        this.bytes += bytes;
        if (bytes > this.maxBytes) this.forget(key);
        this.evict();
      },
      () => this.forget(key),
    );
    this.evict();
    return entry.value;
  }

  /** How many renders are kept, and their bytes (finished ones only). */
  size(): { entries: number; bytes: number } {
    return { entries: this.entries.size, bytes: this.bytes };
  }

  /** Forgets everything. */
  clear(): void {
    this.entries.clear();
    this.bytes = 0;
  }

  private forget(key: string): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    this.entries.delete(key);
    this.bytes -= entry.bytes;
  }

  private evict(): void {
    for (const key of this.entries.keys()) {
      if (this.entries.size <= this.maxEntries && this.bytes <= this.maxBytes) return;
      this.forget(key);
    }
  }
}
