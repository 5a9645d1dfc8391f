import type { Logger } from '@onewindow/kernel';
import { openEmbeddedBus } from './embedded-bus.js';
import type { KafkaBusOptions } from './kafka-bus.js';
import type { EventBus } from './port.js';

export * from './port.js';
export * from './envelope.js';
export * from './catalog.js';
export { openEmbeddedBus, type EmbeddedBusOptions } from './embedded-bus.js';
export type { KafkaBusOptions } from './kafka-bus.js';

/**
 * The Kafka adapter, loaded on first use: @platformatic/kafka adds about
 * 50 MiB to every process that imports it, and the embedded mode never needs it.
 */
export async function openKafkaBus(options: KafkaBusOptions): Promise<EventBus> {
  const { openKafkaBus: open } = await import('./kafka-bus.js');
  return open(options);
}
export {
  startConsumer,
  DLQ_HEADERS,
  DLQ_SUFFIX,
  PROCESSED_EVENTS,
  type ConsumerOptions,
  type ConsumerSpec,
  type ProcessedEvent,
} from './consumer.js';
export { startOutboxRelay, type OutboxRelay, type OutboxRelayOptions } from './relay.js';

/** Which adapter a service runs on: configuration only, one code path. */
export type BusConfig =
  | { readonly kind: 'embedded'; readonly file: string; readonly partitions?: number }
  | { readonly kind: 'kafka'; readonly brokers: string[]; readonly clientId: string; readonly partitions?: number };

export async function openEventBus(config: BusConfig, logger: Logger): Promise<EventBus> {
  switch (config.kind) {
    case 'embedded':
      return openEmbeddedBus({ file: config.file, logger, ...(config.partitions ? { partitions: config.partitions } : {}) });
    case 'kafka':
      return openKafkaBus({
        brokers: config.brokers,
        clientId: config.clientId,
        logger,
        ...(config.partitions ? { partitions: config.partitions } : {}),
      });
  }
}
