// Composition root of the notifications service: the only place that reads the environment.
import { systemClock } from '@onewindow/kernel';
import { openRuntime, parseServiceConfig, serve } from '@onewindow/runtime';
import { contactVerificationConsumer, notifyConsumer } from './adapters/consumers.js';
import { notificationsGrpc } from './adapters/grpc.js';
import { inAppChannel, storeInbox } from './adapters/inbox.js';
import { outboundChannel } from './adapters/outbound.js';
import { ListMessages } from './app/list-messages.js';
import { Notify } from './app/notify.js';

const config = parseServiceConfig('notifications', process.env, {});
const rt = await openRuntime(config);

const notify = new Notify([inAppChannel(rt.store), outboundChannel(rt.store, 'SMS'), outboundChannel(rt.store, 'EMAIL')], systemClock);

await serve(rt, {
  rpc: [notificationsGrpc({ listMessages: new ListMessages(storeInbox(rt.store)) })],
  consumers: [notifyConsumer(notify), contactVerificationConsumer(notify)],
});
