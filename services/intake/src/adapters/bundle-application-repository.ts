import type { Store } from '@onewindow/store';
import type { BundleApplicationRepository } from '../app/ports.js';
import type { BundleApplication } from '../domain/bundle.js';

type ApplicationDoc = BundleApplication & { readonly dedupeKey: string };

export const BUNDLE_APPLICATIONS = {
  name: 'bundle_applications',
  indexes: [{ fields: ['filedBySubject', 'dedupeKey'], unique: true }, { fields: ['applicantId'] }],
} as const;

const dedupeKey = (a: BundleApplication) => (a.idempotencyKey === null ? `id:${a.id}` : `key:${a.idempotencyKey}`);
const toApplication = ({ dedupeKey: _d, ...a }: ApplicationDoc): BundleApplication => a;

export function storeBundleApplications(store: Store): BundleApplicationRepository {
  const applications = store.collection<ApplicationDoc>(BUNDLE_APPLICATIONS);
  return {
    get: async (id) => {
      const found = await applications.get(id);
      return found ? toApplication(found.value) : null;
    },
    findByIdempotencyKey: async (filerId, key) => {
      const [found] = await applications.find({ filedBySubject: filerId, dedupeKey: `key:${key}` }, { limit: 1 });
      return found ? toApplication(found.value) : null;
    },
    add: async (application) => {
      await applications.insert({ ...application, dedupeKey: dedupeKey(application) });
    },
  };
}
