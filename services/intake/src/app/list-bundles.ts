import type { Bundle } from '../domain/bundle.js';
import type { CatalogRepository } from './ports.js';

/** The published bundles (一件事), by code; public like the catalog. */
export class ListBundles {
  constructor(private readonly catalog: CatalogRepository) {}

  async execute(): Promise<Bundle[]> {
    return (await this.catalog.listBundles()).sort((a, b) => a.code.localeCompare(b.code));
  }
}
