import { notificationsV1 } from '@onewindow/contracts';
import { unauthenticated } from '@onewindow/kernel';
import { bindService, type CallContext } from '@onewindow/rpc';
import type { ListMessages } from '../app/list-messages.js';
import type { Message } from '../domain/message.js';
import { pickLocale, type Locale } from '../domain/template.js';

const caller = (ctx: CallContext) => {
  if (!ctx.principal) throw unauthenticated('TOKEN_MISSING', 'a bearer token is required');
  return ctx.principal;
};

/** The reader's language, as the gateway forwards it. */
const localeOf = (ctx: CallContext): Locale => {
  const value = ctx.metadata.get('accept-language')[0];
  return pickLocale(typeof value === 'string' ? value : undefined);
};

const toMessage = (m: Message, locale: Locale): notificationsV1.Message => ({
  id: m.id,
  recipientId: m.recipientId,
  caseId: m.caseId,
  channel: m.channel,
  template: m.template,
  title: m.texts[locale].title,
  body: m.texts[locale].body,
  createdAt: m.createdAt,
  eventType: m.eventType,
});

export function notificationsGrpc(useCases: { listMessages: ListMessages }) {
  return bindService(notificationsV1.NotificationsServiceService, {
    listMessages: async (req: notificationsV1.ListMessagesRequest, ctx: CallContext) => {
      const messages = await useCases.listMessages.execute(caller(ctx), req.caseId);
      const locale = localeOf(ctx);
      return { messages: messages.map((m) => toMessage(m, locale)) };
    },
  });
}
