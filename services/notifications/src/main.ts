// Composition root of the notifications service: the only place that reads the environment.
import { systemClock } from '@onewindow/kernel';
import { openRuntime, serve } from '@onewindow/runtime';
import { contactVerificationConsumer, notifyConsumer } from './adapters/consumers.js';
import { notificationsGrpc } from './adapters/grpc.js';
import { inAppChannel, storeInbox } from './adapters/inbox.js';
import { outboundMetrics } from './adapters/metrics.js';
import { outboundChannel } from './adapters/outbound.js';
import { startOutboundDelivery } from './adapters/outbound-relay.js';
import { ListMessages } from './app/list-messages.js';
import { Notify } from './app/notify.js';
import { deliveryWarnings, parseNotificationsConfig } from './config.js';

const config = parseNotificationsConfig(process.env);
const rt = await openRuntime(config);

const outboundLogger = rt.logger.child({ component: 'outbound-relay' });
for (const warning of deliveryWarnings(config)) outboundLogger.warn(warning);
const relay = startOutboundDelivery({ webhook: config.webhook, store: rt.store, clock: systemClock, logger: outboundLogger, onReport: outboundMetrics(rt.registry) });
// Registered after the store, so it stops first: no attempt is left writing to a closed store.
if (relay && config.webhook) {
  rt.lifecycle.onStop('outbound-relay', () => relay.stop());
  outboundLogger.info({ gateway: new URL(config.webhook.url).origin }, 'delivering SMS and email to the gateway webhook');
}

// A code queued here is sent at once, not at the relay's next look (1 s).
const sendNow = () => relay?.nudge();
const notify = new Notify([inAppChannel(rt.store), outboundChannel(rt.store, 'SMS', sendNow), outboundChannel(rt.store, 'EMAIL', sendNow)], systemClock);

await serve(rt, {
  rpc: [notificationsGrpc({ listMessages: new ListMessages(storeInbox(rt.store)) })],
  consumers: [notifyConsumer(notify), contactVerificationConsumer(notify)],
});
