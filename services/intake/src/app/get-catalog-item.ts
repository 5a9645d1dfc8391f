import { invalid, notFound } from '@onewindow/kernel';
import type { ServiceItem } from '../domain/service-item.js';
import type { CatalogRepository } from './ports.js';

/** One published item at its current version; public. */
export class GetCatalogItem {
  constructor(private readonly catalog: CatalogRepository) {}

  async execute(code: string): Promise<ServiceItem> {
    if (!code.trim()) throw invalid('ITEM_CODE_REQUIRED', 'an item code is required', [{ field: 'code', message: 'required' }]);
    const item = await this.catalog.current(code.trim());
    if (!item) throw notFound('ITEM_NOT_FOUND', `no service item ${code}`);
    return item;
  }
}
