import type { OutboxMessage } from '@onewindow/store';
import type { Case, CaseStatus } from '../domain/case.js';
import type { ServiceItem } from '../domain/service-item.js';

export interface CatalogRepository {
  /** The current version of every item, by code. */
  listCurrent(): Promise<ServiceItem[]>;
  current(code: string): Promise<ServiceItem | null>;
  /** One published version; old versions stay so that a case keeps the one it was submitted under. */
  version(code: string, version: number): Promise<ServiceItem | null>;
  /** The highest published version, which may be ahead of the current one after an interrupted publish. */
  latest(code: string): Promise<ServiceItem | null>;
  /**
   * Records the version (immutable; recording the same content again is a
   * no-op) and makes it current unless a higher version already is.
   */
  publish(item: ServiceItem): Promise<void>;
}

/** A case and the version it was read at, for optimistic concurrency. */
export interface StoredCase {
  readonly case: Case;
  readonly version: number;
}

/** Whose cases a listing may return: a repository query cannot leave it out. */
export type CaseScope =
  | { readonly kind: 'applicant'; readonly applicantId: string }
  | { readonly kind: 'hall'; readonly hall: string }
  | { readonly kind: 'all' };

export interface CasePage {
  readonly limit: number;
  /** The last case id of the previous page (newest first). */
  readonly afterId?: string;
  readonly status?: CaseStatus;
}

export interface CaseRepository {
  get(id: string): Promise<StoredCase | null>;
  /** The case an applicant submitted under an idempotency key, if any. */
  findByIdempotencyKey(applicantId: string, key: string): Promise<Case | null>;
  /**
   * Inserts the case with the events announcing it, atomically. Throws a
   * conflict STORE_DUPLICATE when the applicant already used the key.
   */
  add(c: Case, events: readonly OutboxMessage[]): Promise<void>;
  /** Replaces the case if still at `expectedVersion` (else STORE_VERSION_CONFLICT), with its events. */
  save(c: Case, expectedVersion: number, events: readonly OutboxMessage[]): Promise<void>;
  /** Newest first. */
  list(scope: CaseScope, page: CasePage): Promise<Case[]>;
}

export interface CaseNumberSequence {
  /** The next number in a sequence scope (1, 2, …); never the same number twice for a scope. */
  next(scope: string): Promise<number>;
}
