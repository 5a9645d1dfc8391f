import { defineBundle, type Bundle } from '../domain/bundle.js';
import { nextVersion, type ServiceItem, type ServiceItemContent } from '../domain/service-item.js';
import type { CatalogRepository } from './ports.js';

export interface SeedResult {
  /** Versions this run added (new items and changed ones). */
  readonly published: readonly ServiceItem[];
  readonly unchanged: number;
  readonly bundles: number;
}

/**
 * Loads the seeded catalog at startup. Idempotent: content already published
 * adds no version; changed content becomes version + 1 and older versions
 * stay. Bundles are checked against the published items and replaced.
 * Safe to run from several replicas at once.
 */
export class SeedCatalog {
  constructor(private readonly catalog: CatalogRepository) {}

  async execute(items: readonly ServiceItemContent[], bundles: readonly Bundle[] = []): Promise<SeedResult> {
    const published: ServiceItem[] = [];
    let unchanged = 0;
    for (const content of items) {
      const latest = await this.catalog.latest(content.code);
      const next = nextVersion(latest, content);
      if (next) published.push(next);
      else unchanged++;
      // Publishing the latest again repairs a run interrupted between recording and making current.
      const target = next ?? latest;
      if (target) await this.catalog.publish(target);
    }
    const codes = new Set((await this.catalog.listCurrent()).map((i) => i.code));
    const checked = bundles.map((b) => defineBundle(b, codes));
    for (const bundle of checked) await this.catalog.publishBundle(bundle);
    return { published, unchanged, bundles: checked.length };
  }
}
