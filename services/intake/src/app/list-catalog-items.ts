import { invalid } from '@onewindow/kernel';
import { isExerciseLevel, matchesCatalogQuery, type CatalogQuery, type ServiceItem } from '../domain/service-item.js';
import type { CatalogRepository } from './ports.js';

export interface CatalogSearch {
  readonly keyword: string;
  readonly agency: string;
  readonly exerciseLevel: string;
}

const MAX_TEXT = 100;

function toQuery(search: CatalogSearch): CatalogQuery {
  if (search.keyword.length > MAX_TEXT || search.agency.length > MAX_TEXT) {
    throw invalid('SEARCH_TOO_LONG', `search text is at most ${MAX_TEXT} characters`);
  }
  const level = search.exerciseLevel.trim();
  if (!level) return { keyword: search.keyword, agency: search.agency.trim() };
  if (!isExerciseLevel(level)) {
    throw invalid('EXERCISE_LEVEL_UNKNOWN', `unknown exercise level ${level}`, [{ field: 'exerciseLevel', message: 'unknown' }]);
  }
  return { keyword: search.keyword, agency: search.agency.trim(), exerciseLevel: level };
}

/** The public catalog (五公开): current versions, filtered, by code; no caller needed. */
export class ListCatalogItems {
  constructor(private readonly catalog: CatalogRepository) {}

  async execute(search: CatalogSearch): Promise<ServiceItem[]> {
    const query = toQuery(search);
    const items = await this.catalog.listCurrent();
    return items.filter((item) => matchesCatalogQuery(item, query)).sort((a, b) => a.code.localeCompare(b.code));
  }
}
