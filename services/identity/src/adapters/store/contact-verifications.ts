import type { Store } from '@onewindow/store';
import { contactVerificationId, type ContactVerification } from '../../domain/index.js';
import type { ContactVerificationRepository } from '../../app/ports.js';

/** One document per contact, id `<applicantId>:<kind>`: a new code replaces the last, so the cooldown and daily count live with it. */
export function storeContactVerifications(store: Store): ContactVerificationRepository {
  const challenges = store.collection<ContactVerification>({ name: 'contact_verifications', indexes: [{ fields: ['applicantId'] }] });
  return {
    get: async (applicantId, kind) => {
      const found = await challenges.get(contactVerificationId(applicantId, kind));
      return found ? { challenge: found.value, version: found.version } : null;
    },
    save: async (challenge, expectedVersion, events) => {
      if (expectedVersion === null) await challenges.insert(challenge, events);
      else await challenges.update(challenge, expectedVersion, events);
    },
  };
}
