import type { Store } from '@onewindow/store';
import type { FileRepository } from '../app/ports.js';
import type { FileRecord } from '../domain/file.js';

export const FILES = { name: 'files', indexes: [{ fields: ['uploadedBy'] }, { fields: ['sha256'] }] } as const;

/** The register of uploads, in the service's store; the bytes are in the file store. */
export function storeFileRegister(store: Store): FileRepository {
  const files = store.collection<FileRecord>(FILES);
  return {
    add: async (file) => {
      await files.insert(file);
    },
    get: async (id) => (await files.get(id))?.value ?? null,
  };
}
