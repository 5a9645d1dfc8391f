import { DomainError } from '@onewindow/kernel';
import type { Case } from '../domain/case.js';
import type { ServiceItem } from '../domain/service-item.js';
import type { CatalogRepository } from './ports.js';

/** The catalog version a case was created under (its materials, limits and fee). */
export async function itemOfCase(catalog: CatalogRepository, c: Case): Promise<ServiceItem> {
  const item = await catalog.version(c.itemCode, c.itemVersion);
  if (!item) throw new DomainError('internal', 'ITEM_VERSION_MISSING', `${c.itemCode} v${c.itemVersion} is not in the catalog`);
  return item;
}
