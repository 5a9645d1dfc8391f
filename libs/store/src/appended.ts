/** The listeners of `Outbox.watch`, called after a write that added outbox entries has committed. */
export class Appended {
  readonly #listeners = new Set<() => void>();

  watch(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => void this.#listeners.delete(listener);
  }

  /** After the commit of a write that carried `events`; nothing when it carried none. */
  committed(events: readonly unknown[]): void {
    if (events.length === 0) return;
    for (const listener of this.#listeners) {
      try {
        listener();
      } catch {
        // The write has committed: a watcher's failure must not make it look failed to its caller.
      }
    }
  }
}
