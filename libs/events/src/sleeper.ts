/** A wait that `wake()` cuts short, so loops stop at once on close. */
export class Sleeper {
  #wake: (() => void) | undefined;
  #woken = false;

  sleep(ms: number): Promise<void> {
    if (this.#woken) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.#wake = undefined;
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.#wake = done;
    });
  }

  /** Ends the current wait and every later one. */
  wake(): void {
    this.#woken = true;
    this.#wake?.();
  }
}
