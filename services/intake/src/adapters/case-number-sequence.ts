import { conflict } from '@onewindow/kernel';
import { lostWriteRace, STORE_VERSION_CONFLICT, type Store } from '@onewindow/store';
import type { CaseNumberSequence } from '../app/ports.js';

interface Counter {
  /** The sequence scope, e.g. `OW-20260105-{seq}`. */
  readonly id: string;
  readonly last: number;
}

export const CASE_NUMBER_COUNTERS = { name: 'case_number_counters' } as const;

/** Enough for a busy hall's bursts; losing this many races in a row means something is wrong. */
const MAX_ATTEMPTS = 50;

/** One counter document per scope, advanced by compare-and-set so that no number is handed out twice. */
export function storeCaseNumberSequence(store: Store): CaseNumberSequence {
  const counters = store.collection<Counter>(CASE_NUMBER_COUNTERS);
  return {
    async next(scope) {
      for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
        const found = await counters.get(scope);
        try {
          if (!found) {
            await counters.insert({ id: scope, last: 1 });
            return 1;
          }
          const next = found.value.last + 1;
          await counters.update({ id: scope, last: next }, found.version);
          return next;
        } catch (err) {
          if (!lostWriteRace(err)) throw err;
        }
      }
      throw conflict(STORE_VERSION_CONFLICT, `case number sequence ${scope} is contended; try again`);
    },
  };
}
