import { isDomainError } from '@onewindow/kernel';
import { STORE_DUPLICATE, type Collection, type Store } from '@onewindow/store';
import type { Message } from '../domain/message.js';
import type { Channel, DeliveryResult, Inbox } from '../app/ports.js';

export const INBOX = {
  name: 'inbox',
  indexes: [{ fields: ['caseId', 'occurredAt'] }, { fields: ['recipientId', 'occurredAt'] }],
} as const;

/** Stores a message once: its id is the event's and the channel's, so a redelivered event is a DUPLICATE. */
export async function storeOnce<T extends Message>(messages: Collection<T>, message: T): Promise<DeliveryResult> {
  try {
    await messages.insert(message);
    return { channel: message.channel, messageId: message.id, status: 'DELIVERED' };
  } catch (err) {
    if (isDomainError(err) && err.code === STORE_DUPLICATE) return { channel: message.channel, messageId: message.id, status: 'DUPLICATE' };
    throw err;
  }
}

/** The in-app channel: delivering is storing the message in the recipient's inbox, keyed by event and channel. */
export function inAppChannel(store: Store): Channel {
  const inbox = store.collection<Message>(INBOX);
  return { name: 'IN_APP', send: (message) => storeOnce(inbox, message) };
}

/** A case gets a handful of messages; the cap bounds a read all the same. */
const MAX_PER_CASE = 500;

export function storeInbox(store: Store): Inbox {
  const inbox = store.collection<Message>(INBOX);
  return {
    async forCase(caseId) {
      return (await inbox.find({ caseId }, { sort: 'occurredAt', limit: MAX_PER_CASE })).map((v) => v.value);
    },
  };
}
