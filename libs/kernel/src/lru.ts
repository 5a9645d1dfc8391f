/**
 * A map that keeps at most `capacity` entries, giving up the least recently
 * used one first: for caches of things costly to make (prepared statements,
 * prepared keys, shaped text) whose keys can vary without bound.
 */
export class LruMap<K, V> {
  readonly #entries = new Map<K, V>();

  constructor(readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError(`capacity must be a positive integer, not ${capacity}`);
  }

  get size(): number {
    return this.#entries.size;
  }

  /** The value kept for `key`, or, the first time, what `make` gives for it, kept from then on. */
  getOrMake(key: K, make: (key: K) => V): V {
    let value: V;
    if (this.#entries.has(key)) {
      value = this.#entries.get(key) as V;
      // Re-inserting keeps the map in least-recently-used order.
      this.#entries.delete(key);
    } else {
      value = make(key);
      if (this.#entries.size >= this.capacity) this.#entries.delete(this.#entries.keys().next().value as K);
    }
    this.#entries.set(key, value);
    return value;
  }
}
