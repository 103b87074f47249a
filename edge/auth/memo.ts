/**
 * A small bounded memo for per-isolate caches of pure results (a verified
 * session token, a CSRF token): at most `max` entries, the oldest dropped
 * first, so a stream of one-off keys (every new visitor's pre-session id)
 * cannot grow an isolate's memory.
 */
export class BoundedMemo<V> {
  readonly #entries = new Map<string, V>();

  constructor(readonly max: number) {}

  get(key: string): V | undefined {
    return this.#entries.get(key);
  }

  set(key: string, value: V): void {
    this.#entries.delete(key);
    this.#entries.set(key, value);
    if (this.#entries.size > this.max) {
      this.#entries.delete(this.#entries.keys().next().value!);
    }
  }

  delete(key: string): void {
    this.#entries.delete(key);
  }
}
