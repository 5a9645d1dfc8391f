import type { Store } from '@onewindow/store';
import type { Message } from '../domain/message.js';
import type { Channel } from '../app/ports.js';
import { storeOnce } from './inbox.js';

/**
 * SMS and email as the platform hands them over: queued in `outbound`, one
 * per event and channel, for the SMS / mail gateway connector to send. Apart
 * from the inbox on purpose: these carry one-time codes, which the
 * messages API must never show to whoever is signed in.
 */
export const OUTBOUND = {
  name: 'outbound',
  indexes: [{ fields: ['recipientId', 'occurredAt'] }, { fields: ['channel', 'createdAt'] }],
} as const;

export function outboundChannel(store: Store, name: 'SMS' | 'EMAIL'): Channel {
  const outbound = store.collection<Message>(OUTBOUND);
  return { name, send: (message) => storeOnce(outbound, message) };
}
