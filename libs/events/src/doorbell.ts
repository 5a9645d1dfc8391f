import { closeSync, openSync, utimesSync, watch, type FSWatcher } from 'node:fs';
import type { Logger } from '@onewindow/kernel';

/**
 * Tells every process that shares the embedded bus's file that the log
 * changed, so their consumers wait for it instead of polling: whoever
 * appends touches `<file>-bell` after the commit, and each process watches
 * that file (inotify on Linux). Where the file cannot be watched,
 * `watching` is false and the consumers poll as before.
 */
export class Doorbell {
  readonly #path: string;
  readonly #watcher: FSWatcher | null;
  #watching: boolean;

  constructor(file: string, onRing: () => void, logger: Logger) {
    this.#path = `${file}-bell`;
    try {
      closeSync(openSync(this.#path, 'a'));
      this.#watcher = watch(this.#path, { persistent: false }, onRing);
      this.#watcher.on('error', (err) => {
        this.#watching = false;
        logger.warn({ err, file: this.#path }, 'lost the watch on the bus doorbell; consumers poll');
      });
      this.#watching = true;
    } catch (err) {
      this.#watcher = null;
      this.#watching = false;
      logger.warn({ err, file: this.#path }, 'cannot watch the bus doorbell; consumers poll');
    }
  }

  /** False when consumers must poll: no change to the log is announced to this process. */
  get watching(): boolean {
    return this.#watching;
  }

  /** After a commit to the log. A missed ring only delays: every consumer still looks now and then. */
  ring(): void {
    try {
      const now = new Date();
      utimesSync(this.#path, now, now);
    } catch {
      // The file was removed under us: the watchers poll on their slow cadence until the bus reopens.
    }
  }

  close(): void {
    this.#watcher?.close();
    this.#watching = false;
  }
}
