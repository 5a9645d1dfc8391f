import type { Principal } from '@onewindow/auth';
import type { OutboxMessage } from '@onewindow/store/port';
import type { Bundle, BundleApplication } from '../domain/bundle.js';
import type { Case, CaseStatus } from '../domain/case.js';
import type { CreditRecord } from '../domain/credit.js';
import type { DocumentContent } from '../domain/documents.js';
import type { FileRecord } from '../domain/file.js';
import type { ServiceItem } from '../domain/service-item.js';

export type { WorkingDays } from '../domain/deadlines.js';

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
  listBundles(): Promise<Bundle[]>;
  bundle(code: string): Promise<Bundle | null>;
  /** Creates or replaces the bundle of that code. */
  publishBundle(bundle: Bundle): Promise<void>;
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
  /** A supervisor's jurisdiction: org units whose division code starts with the prefix (2, 4 or 6 digits). */
  | { readonly kind: 'division'; readonly prefix: string }
  | { readonly kind: 'all' };

export interface CasePage {
  readonly limit: number;
  /** The last case id of the previous page (newest first). */
  readonly afterId?: string;
  readonly status?: CaseStatus;
}

/** The clocks a case may have running, for the deadline sweep. */
export type CaseTimer = 'NOTICE' | 'PENDING';

export interface CaseRepository {
  get(id: string): Promise<StoredCase | null>;
  /** The case an applicant (or their filer) created under an idempotency key, if any. */
  findByIdempotencyKey(filerId: string, key: string): Promise<Case | null>;
  /**
   * Inserts the case with the events announcing it, atomically. Throws a
   * conflict STORE_DUPLICATE when the filer already used the key or the id exists.
   */
  add(c: Case, events: readonly OutboxMessage[]): Promise<void>;
  /** Replaces the case if still at `expectedVersion` (else STORE_VERSION_CONFLICT), with its events. */
  save(c: Case, expectedVersion: number, events: readonly OutboxMessage[]): Promise<void>;
  /** Newest first. An applicant's listing holds the cases filed for them and those they filed as an agent. */
  list(scope: CaseScope, page: CasePage): Promise<Case[]>;
  /** Cases whose clock of this kind runs, in id order, a page at a time. */
  withTimer(timer: CaseTimer, page: { readonly limit: number; readonly afterId?: string }): Promise<Case[]>;
  byIds(ids: readonly string[]): Promise<Case[]>;
}

export interface CaseNumberSequence {
  /** The next number in a sequence scope (1, 2, …); never the same number twice for a scope. */
  next(scope: string): Promise<number>;
}

/** Content-addressed file contents: the key is the SHA-256 of the bytes. */
export interface FileStore {
  /** Stores the bytes (idempotent: the same content twice is stored once) and returns their digests. */
  put(content: Uint8Array): Promise<{ readonly sha256: string; readonly sm3: string; readonly size: number }>;
  /** The bytes stored under a SHA-256, or null. */
  get(sha256: string): Promise<Buffer | null>;
}

/** The register of uploads: who uploaded what, when, as which type. */
export interface FileRepository {
  add(file: FileRecord): Promise<void>;
  get(id: string): Promise<FileRecord | null>;
}

/** Lays a document out as a PDF. */
export interface DocumentRenderer {
  render(content: DocumentContent): Promise<Uint8Array>;
}

/** What certificate says of a licence offered instead of a paper copy (免证办). */
export interface LicenceCheck {
  readonly usable: boolean;
  /** Why not, when not usable: NOT_FOUND, NOT_HOLDER, REVOKED, WRONG_TYPE. */
  readonly reason: string;
  readonly licenceType: string;
}

/** The holder's licence library, held by the certificate service. */
export interface LicenceLibrary {
  /** Asked with the caller's token: certificate authorizes the caller for the holder. */
  checkForReuse(caller: Principal, request: { readonly licenceId: string; readonly holderId: string; readonly licenceType: string }): Promise<LicenceCheck>;
}

/** Applicants' credit flags (信用记录); a store-backed register here, a credit platform's feed elsewhere. */
export interface CreditRecords {
  get(applicantId: string): Promise<{ readonly record: CreditRecord; readonly version: number } | null>;
  /** Creates (expectedVersion null) or replaces the record if still at that version. */
  save(record: CreditRecord, expectedVersion: number | null): Promise<void>;
}

export interface BundleApplicationRepository {
  get(id: string): Promise<BundleApplication | null>;
  findByIdempotencyKey(filerId: string, key: string): Promise<BundleApplication | null>;
  /** Throws a conflict STORE_DUPLICATE when the filer already used the key. */
  add(application: BundleApplication): Promise<void>;
}

/**
 * Identity numbers of named applicants: sealed at rest, and turned into a
 * stable keyed pseudonym to identify the applicant without the number.
 */
export interface IdentifierProtection {
  seal(field: string, value: string): string;
  pseudonym(field: string, value: string): string;
}
