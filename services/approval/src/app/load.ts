import { invalid, notFound } from '@onewindow/kernel';
import { caseIdOfTask, taskOf, type ApprovalCase, type Task } from '../domain/case.js';

export const ID_MAX_CHARS = 200;

/** A trimmed, bounded id from a request, or a clear 400. */
export function requireId(value: string, field: string): string {
  const code = field.replace(/[A-Z]/g, (c) => `_${c}`).toUpperCase();
  const id = value.trim();
  if (!id) throw invalid(`${code}_REQUIRED`, `${field} is required`, [{ field, message: 'required' }]);
  if (id.length > ID_MAX_CHARS) throw invalid(`${code}_INVALID`, `${field} is too long`, [{ field, message: `at most ${ID_MAX_CHARS} characters` }]);
  return id;
}

export const taskIdOf = (value: string): string => requireId(value, 'taskId');
export const caseIdOf = (value: string): string => requireId(value, 'caseId');

/** The case a task id names: everything before its first ':'. */
export const caseOfTask = (taskId: string): string => caseIdOfTask(taskIdOf(taskId));

export function taskIn(c: ApprovalCase, taskId: string): Task {
  const task = taskOf(c, taskId);
  if (!task) throw notFound('TASK_NOT_FOUND', `no task ${taskId}`);
  return task;
}
