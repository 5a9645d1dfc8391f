import type { OutboxMessage } from '@onewindow/store/port';
import type { ApprovalCase, Task, TaskStatus } from '../domain/case.js';
import type { WorkflowDefinition } from '../domain/definition.js';
import type { SupervisionRow } from '../domain/supervision.js';

/** A case as read, with the version an update must name (optimistic concurrency). */
export interface StoredCase {
  readonly case: ApprovalCase;
  readonly version: number;
}

export interface CaseRepository {
  get(caseId: string): Promise<StoredCase | null>;
  /** Inserts the case with its events in one write; false (nothing written) when it exists. */
  create(c: ApprovalCase, events: readonly OutboxMessage[]): Promise<boolean>;
  /** Replaces the case if still at `expectedVersion` (else STORE_VERSION_CONFLICT); returns the new version. */
  save(c: ApprovalCase, expectedVersion: number, events: readonly OutboxMessage[]): Promise<number>;
  /** Cases in a status, by id, a page at a time. */
  page(filter: { readonly status?: ApprovalCase['status'] }, afterId: string | undefined, limit: number): Promise<ApprovalCase[]>;
}

/** A task as the inbox shows it: the task with what a reader needs of its case. */
export interface InboxTask extends Task {
  readonly caseNumber: string;
  readonly itemCode: string;
  readonly itemName: string;
  readonly applicantName: string;
  readonly greenChannel: boolean;
  readonly caseStatus: ApprovalCase['status'];
  readonly promisedDeadline: string;
  readonly statutoryDeadline: string;
  /** The case version this copy was made from: an older copy never overwrites a newer one. */
  readonly caseVersion: number;
  /** Set on a listing: the task is held by someone the reader stands in for (AB角), by that person's username. */
  readonly actingFor?: string | null;
}

/** Whose tasks a listing returns; there is no unscoped listing except `everything` for readers the policy allows. */
export interface InboxQuery {
  readonly status: TaskStatus;
  /** Role pools: tasks of a role at an org unit in an agency. */
  readonly pools: readonly { readonly orgUnit: string; readonly role: string; readonly agency: string }[];
  /** Tasks held in these subjects' names. */
  readonly assignees: readonly string[];
  readonly everything: boolean;
  /** Only this case's tasks. */
  readonly caseId?: string;
}

/**
 * The task inbox: a read copy of every case's tasks, kept by `sync` after
 * each write (and by the inbox consumer, should a process die in between).
 */
export interface TaskInbox {
  sync(c: ApprovalCase, version: number): Promise<void>;
  list(query: InboxQuery): Promise<InboxTask[]>;
}

export const INBOX_LIMIT = 500;

/**
 * Every case's supervision row, kept by `put` after each write like the
 * inbox (an older row never overwrites a newer one), so that the metrics
 * never read whole cases.
 */
export interface SupervisionRows {
  put(row: SupervisionRow, caseVersion: number): Promise<void>;
  /** Rows by case id, a page at a time. */
  page(afterId: string | undefined, limit: number): Promise<SupervisionRow[]>;
  /** Whether the rows of the cases written before rows were kept have been made (once per deployment). */
  backfilled(): Promise<boolean>;
  markBackfilled(at: string): Promise<void>;
}

export interface WorkflowRepository {
  /** The latest version for an item, or null. */
  current(itemCode: string): Promise<WorkflowDefinition | null>;
  /** Inserts a version; false when that version exists already (someone saved first). */
  insert(definition: WorkflowDefinition): Promise<boolean>;
  /** The latest version of every item's definition. */
  listCurrent(): Promise<WorkflowDefinition[]>;
}

/** A stand-in (AB角) as identity announced it. */
export interface Delegation {
  readonly id: string;
  readonly principalId: string;
  readonly principalUsername: string;
  readonly substituteId: string;
  readonly substituteUsername: string;
  readonly orgUnit: string;
  readonly agency: string;
  readonly role: string;
  readonly from: string;
  readonly until: string;
  readonly createdAt: string;
  readonly revokedAt: string | null;
}

export interface DelegationRepository {
  /** Records a delegation; a revocation seen before it is kept. Idempotent. */
  created(d: Omit<Delegation, 'revokedAt'>): Promise<void>;
  revoked(id: string, revokedAt: string): Promise<void>;
  /** Delegations naming this substitute that are in force at `now`. */
  activeFor(substituteId: string, now: Date): Promise<Delegation[]>;
}

export const isInForce = (d: Delegation, now: Date): boolean =>
  d.revokedAt === null && Date.parse(d.from) <= now.getTime() && now.getTime() < Date.parse(d.until);
