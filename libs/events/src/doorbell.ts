import { closeSync, mkdirSync, openSync, utimesSync, watch, type FSWatcher } from 'node:fs';
import { join } from 'node:path';
import type { Logger } from '@onewindow/kernel';

/** What a consumer holds while it listens: whether it is told of every append, and how to stop. */
export interface Listening {
  /** False when some topic's bell could not be watched: the consumer must poll. */
  readonly watching: boolean;
  stop(): void;
}

interface Bell {
  readonly watcher: FSWatcher | null;
  readonly listeners: Set<() => void>;
  watching: boolean;
}

/**
 * Tells every process that shares the embedded bus's file that a topic
 * grew, so their consumers wait for it instead of polling: whoever appends
 * touches `<file>-bells/<topic>` after the commit, and each process watches
 * the bells of the topics it reads (inotify on Linux). A topic's bell wakes
 * only the consumers of that topic. Where a bell cannot be watched, its
 * consumers are told so (`watching` false) and poll as before.
 */
export class Doorbells {
  readonly #dir: string;
  readonly #logger: Logger;
  readonly #bells = new Map<string, Bell>();

  constructor(file: string, logger: Logger) {
    this.#dir = `${file}-bells`;
    this.#logger = logger;
  }

  listen(topics: readonly string[], listener: () => void): Listening {
    const bells = topics.map((topic) => this.#bell(topic));
    for (const bell of bells) bell.listeners.add(listener);
    return {
      get watching() {
        return bells.every((bell) => bell.watching);
      },
      stop: () => bells.forEach((bell) => bell.listeners.delete(listener)),
    };
  }

  /** After a commit to these topics. A missed ring only delays: every consumer still looks now and then. */
  ring(topics: Iterable<string>): void {
    const now = new Date();
    for (const topic of new Set(topics)) {
      try {
        utimesSync(this.#path(topic), now, now);
      } catch {
        // No process reads the topic yet (its bell is made by the first reader), or the file was removed.
      }
    }
  }

  close(): void {
    for (const bell of this.#bells.values()) {
      bell.watcher?.close();
      bell.watching = false;
    }
    this.#bells.clear();
  }

  #bell(topic: string): Bell {
    const known = this.#bells.get(topic);
    if (known) return known;
    const listeners = new Set<() => void>();
    const path = this.#path(topic);
    let bell: Bell;
    try {
      mkdirSync(this.#dir, { recursive: true });
      closeSync(openSync(path, 'a'));
      const watcher = watch(path, { persistent: false }, () => listeners.forEach((listener) => listener()));
      bell = { watcher, listeners, watching: true };
      watcher.on('error', (err) => {
        bell.watching = false;
        this.#logger.warn({ err, file: path }, 'lost the watch on a bus doorbell; its consumers poll');
      });
    } catch (err) {
      bell = { watcher: null, listeners, watching: false };
      this.#logger.warn({ err, file: path }, 'cannot watch a bus doorbell; its consumers poll');
    }
    this.#bells.set(topic, bell);
    return bell;
  }

  #path(topic: string): string {
    return join(this.#dir, topic.replace(/[^A-Za-z0-9._-]/g, '_'));
  }
}
