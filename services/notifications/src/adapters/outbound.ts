import { isDomainError } from '@onewindow/kernel';
import { STORE_VERSION_CONFLICT, type Store } from '@onewindow/store';
import { isDue, queued, type OutboundMessage } from '../domain/delivery.js';
import type { Channel, OutboundQueue } from '../app/ports.js';
import { storeOnce } from './inbox.js';

/**
 * SMS and email as the platform hands them over: queued in `outbound`, one
 * per event and channel, PENDING until the outbound relay hands them to the
 * operator's gateway. Apart from the inbox on purpose: these carry one-time
 * codes, which the messages API must never show to whoever is signed in.
 */
export const OUTBOUND = {
  name: 'outbound',
  indexes: [{ fields: ['recipientId', 'occurredAt'] }, { fields: ['channel', 'createdAt'] }, { fields: ['deliveryStatus', 'nextAttemptAt'] }],
} as const;

/** `onQueued` hears of each message newly queued, so the relay can send it now rather than at its next look. */
export function outboundChannel(store: Store, name: 'SMS' | 'EMAIL', onQueued: () => void = () => {}): Channel {
  const outbound = store.collection<OutboundMessage>(OUTBOUND);
  return {
    name,
    async send(message) {
      const result = await storeOnce(outbound, queued(message));
      if (result.status === 'DELIVERED') onQueued();
      return result;
    },
  };
}

export function storeOutboundQueue(store: Store): OutboundQueue {
  const outbound = store.collection<OutboundMessage>(OUTBOUND);
  return {
    async due(now, limit) {
      // The store compares by equality only: the earliest nextAttemptAt first, then the ones not due yet are cut.
      const pending = await outbound.find({ deliveryStatus: 'PENDING' }, { sort: 'nextAttemptAt', limit });
      return pending.filter((m) => isDue(m.value, now));
    },
    async replace(message, version) {
      try {
        return await outbound.update(message, version);
      } catch (err) {
        if (isDomainError(err) && err.code === STORE_VERSION_CONFLICT) return null;
        throw err;
      }
    },
  };
}
