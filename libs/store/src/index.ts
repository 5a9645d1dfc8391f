import type { Logger } from '@onewindow/kernel';
import type { MongoStoreOptions } from './mongo-store.js';
import type { Store } from './port.js';
import { openSqliteStore } from './sqlite-store.js';

export * from './port.js';
export { lostWriteRace, retryOnVersionConflict } from './retry.js';
export { openSqliteStore, type SqliteStoreOptions } from './sqlite-store.js';
export type { MongoStoreOptions } from './mongo-store.js';

/**
 * The MongoDB adapter, loaded on first use: mongoose and its driver add about
 * 40 MiB to every process that imports them, and the embedded mode (eight
 * processes on one machine) never needs them.
 */
export async function connectMongoStore(options: MongoStoreOptions): Promise<Store> {
  const { connectMongoStore: connect } = await import('./mongo-store.js');
  return connect(options);
}

/** Which adapter a service runs on: configuration only, one code path. */
export type StoreConfig =
  | { readonly kind: 'sqlite'; readonly file: string }
  | { readonly kind: 'mongo'; readonly uri: string; readonly database: string };

export async function openStore(config: StoreConfig, logger: Logger): Promise<Store> {
  switch (config.kind) {
    case 'sqlite':
      return openSqliteStore({ file: config.file, logger });
    case 'mongo':
      return connectMongoStore({ uri: config.uri, database: config.database, logger });
  }
}
