import type { OutboxMessage } from '@onewindow/store';
import type { Task, TaskStatus } from '../domain/task.js';

/** A task as read, with the version an update must name (optimistic concurrency). */
export interface StoredTask {
  readonly task: Task;
  readonly version: number;
}

/**
 * Whose tasks a listing may return. There is no unscoped call: a caller
 * either names the org unit and role it acts for, or is proven (by the
 * policy) to read every org unit's tasks.
 */
export type TaskScope =
  | { readonly kind: 'orgUnit'; readonly orgUnit: string; readonly role: string }
  | { readonly kind: 'everyOrgUnit' };

export interface TaskRepository {
  get(id: string): Promise<StoredTask | null>;
  /** Inserts the task with its events in one write; false (and nothing written) when the id exists. */
  create(task: Task, events: readonly OutboxMessage[]): Promise<boolean>;
  /** Replaces the task if it is still at `expectedVersion`; throws STORE_VERSION_CONFLICT otherwise. */
  save(task: Task, expectedVersion: number, events: readonly OutboxMessage[]): Promise<void>;
  /** Oldest first, at most `TASK_LIST_LIMIT`. */
  list(scope: TaskScope, status: TaskStatus): Promise<Task[]>;
}

export const TASK_LIST_LIMIT = 500;
