import { conflict, isDomainError } from '@onewindow/kernel';
import { STORE_DUPLICATE, STORE_VERSION_CONFLICT, type Store } from '@onewindow/store';
import type { Bundle } from '../domain/bundle.js';
import { contentOf, sameContent, type RequiredMaterial, type ServiceItem } from '../domain/service-item.js';
import type { CatalogRepository } from '../app/ports.js';

type ItemDoc = ServiceItem & { readonly id: string };

/** Every published version, immutable, keyed `<code>@<version>`. */
export const SERVICE_ITEM_VERSIONS = { name: 'service_item_versions', indexes: [{ fields: ['code', 'version'], unique: true }] } as const;
/** The current version of each item, keyed by code. */
export const SERVICE_ITEMS = { name: 'service_items' } as const;
/** Bundles (一件事), keyed by code. */
export const BUNDLES = { name: 'bundles' } as const;

type BundleDoc = Bundle & { readonly id: string };

const versionId = (code: string, version: number) => `${code}@${version}`;
/** Items published before a field existed read with its neutral value. */
function toItem(doc: ItemDoc): ServiceItem {
  const itemDefaults: Partial<ServiceItem> = { implementationCode: doc.code, acceptanceConditions: [], procedure: [] };
  const materialDefaults: Partial<RequiredMaterial> = { form: 'PAPER_OR_ELECTRONIC', commitmentAllowed: false };
  const withDefaults = { ...itemDefaults, ...doc, requiredMaterials: doc.requiredMaterials.map((m) => ({ ...materialDefaults, ...m })) };
  return { ...contentOf(withDefaults), version: doc.version };
}

const toBundle = ({ id: _id, ...bundle }: BundleDoc): Bundle => bundle;
const isCode = (err: unknown, code: string) => isDomainError(err) && err.code === code;

export function storeCatalogRepository(store: Store): CatalogRepository {
  const versions = store.collection<ItemDoc>(SERVICE_ITEM_VERSIONS);
  const current = store.collection<ItemDoc>(SERVICE_ITEMS);
  const bundles = store.collection<BundleDoc>(BUNDLES);

  async function record(item: ServiceItem): Promise<void> {
    const id = versionId(item.code, item.version);
    try {
      await versions.insert({ ...item, id });
    } catch (err) {
      if (!isCode(err, STORE_DUPLICATE)) throw err;
      const existing = await versions.get(id);
      if (!existing || !sameContent(existing.value, item)) {
        throw conflict('ITEM_VERSION_CONFLICT', `${item.code} v${item.version} was published with other content`);
      }
    }
  }

  async function makeCurrent(item: ServiceItem): Promise<void> {
    for (;;) {
      const found = await current.get(item.code);
      try {
        if (!found) await current.insert({ ...item, id: item.code });
        else if (found.value.version < item.version) await current.update({ ...item, id: item.code }, found.version);
        return;
      } catch (err) {
        // Another replica moved it meanwhile: look again.
        if (!isCode(err, STORE_DUPLICATE) && !isCode(err, STORE_VERSION_CONFLICT)) throw err;
      }
    }
  }

  return {
    listCurrent: async () => (await current.find({}, { sort: 'code' })).map((v) => toItem(v.value)),
    current: async (code) => {
      const found = await current.get(code);
      return found ? toItem(found.value) : null;
    },
    version: async (code, version) => {
      const found = await versions.get(versionId(code, version));
      return found ? toItem(found.value) : null;
    },
    latest: async (code) => {
      const [found] = await versions.find({ code }, { sort: '-version', limit: 1 });
      return found ? toItem(found.value) : null;
    },
    publish: async (item) => {
      await record(item);
      await makeCurrent(item);
    },
    listBundles: async () => (await bundles.find({}, { sort: 'code' })).map((v) => toBundle(v.value)),
    bundle: async (code) => {
      const found = await bundles.get(code);
      return found ? toBundle(found.value) : null;
    },
    publishBundle: async (bundle) => {
      for (;;) {
        const found = await bundles.get(bundle.code);
        try {
          if (!found) await bundles.insert({ ...bundle, id: bundle.code });
          else if (!sameBundle(found.value, bundle)) await bundles.update({ ...bundle, id: bundle.code }, found.version);
          return;
        } catch (err) {
          if (!isCode(err, STORE_DUPLICATE) && !isCode(err, STORE_VERSION_CONFLICT)) throw err;
        }
      }
    },
  };
}

const sameBundle = (a: Bundle, b: Bundle) => JSON.stringify(toBundle({ ...a, id: '' })) === JSON.stringify(toBundle({ ...b, id: '' }));
