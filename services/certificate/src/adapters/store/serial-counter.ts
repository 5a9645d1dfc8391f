import { conflict } from '@onewindow/kernel';
import { lostWriteRace, type Store } from '@onewindow/store';
import type { SerialCounter } from '../../app/ports.js';

interface Counter {
  readonly id: string;
  readonly last: number;
}

export const LICENCE_SERIALS = { name: 'licence_serials' } as const;

const MAX_ATTEMPTS = 20;

/** A counter document per series, bumped with optimistic concurrency: two issuers never draw the same number. */
export function storeSerialCounter(store: Store): SerialCounter {
  const counters = store.collection<Counter>(LICENCE_SERIALS);
  return {
    async next(counter) {
      for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
        const current = await counters.get(counter);
        try {
          if (!current) {
            await counters.insert({ id: counter, last: 1 });
            return 1;
          }
          const next = current.value.last + 1;
          await counters.update({ id: counter, last: next }, current.version);
          return next;
        } catch (err) {
          if (!lostWriteRace(err)) throw err;
        }
      }
      throw conflict('SERIAL_CONTENDED', `could not draw a serial for ${counter} after ${MAX_ATTEMPTS} attempts`);
    },
  };
}
