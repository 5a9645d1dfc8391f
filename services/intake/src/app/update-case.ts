import { conflict, isDomainError, notFound, type Clock } from '@onewindow/kernel';
import { STORE_VERSION_CONFLICT } from '@onewindow/store/port';
import type { Case, Transition } from '../domain/case.js';
import { announce } from './announce.js';
import type { CaseRepository, StoredCase } from './ports.js';

/** Concurrent writers to one case are rare (a clerk, a consumer, the deadline sweep); a few rereads settle them. */
const MAX_ATTEMPTS = 5;

/**
 * Read, transition, write with the transition's events, atomically; rereads
 * and retries when another writer got there first. The transition runs on
 * every read, so checks that need the stored case (authorization, state) see
 * the latest one. A transition that changes nothing writes nothing.
 */
export async function updateCase(
  cases: CaseRepository,
  clock: Clock,
  caseId: string,
  transition: (stored: StoredCase) => Promise<Transition> | Transition,
): Promise<Case> {
  for (let attempt = 1; ; attempt++) {
    const stored = await cases.get(caseId);
    if (!stored) throw notFound('CASE_NOT_FOUND', `no case ${caseId}`);
    const next = await transition(stored);
    if (next.case === stored.case) return stored.case;
    try {
      await cases.save(next.case, stored.version, announce(caseId, next.events, clock.now()));
      return next.case;
    } catch (err) {
      const lostRace = isDomainError(err) && err.code === STORE_VERSION_CONFLICT;
      if (!lostRace) throw err;
      if (attempt >= MAX_ATTEMPTS) throw conflict(STORE_VERSION_CONFLICT, `case ${caseId} is changing too often; try again`);
    }
  }
}
