import { isDomainError } from '@onewindow/kernel';
import { STORE_DUPLICATE, type Filter, type Store } from '@onewindow/store';
import type { Task } from '../domain/task.js';
import { TASK_LIST_LIMIT, type TaskRepository, type TaskScope } from '../app/ports.js';

export const TASKS = {
  name: 'tasks',
  indexes: [{ fields: ['orgUnit', 'role', 'status', 'createdAt'] }, { fields: ['status', 'createdAt'] }, { fields: ['caseId'] }],
} as const;

export function storeTaskRepository(store: Store): TaskRepository {
  const tasks = store.collection<Task>(TASKS);
  return {
    get: async (id) => {
      const found = await tasks.get(id);
      return found ? { task: found.value, version: found.version } : null;
    },
    create: async (task, events) => {
      try {
        await tasks.insert(task, events);
        return true;
      } catch (err) {
        if (isDomainError(err) && err.code === STORE_DUPLICATE) return false;
        throw err;
      }
    },
    save: async (task, expectedVersion, events) => {
      await tasks.update(task, expectedVersion, events);
    },
    list: async (scope, status) => {
      const found = await tasks.find({ ...filterOf(scope), status }, { sort: 'createdAt', limit: TASK_LIST_LIMIT });
      return found.map((v) => v.value);
    },
  };
}

function filterOf(scope: TaskScope): Filter {
  switch (scope.kind) {
    case 'orgUnit':
      return { orgUnit: scope.orgUnit, role: scope.role };
    case 'everyOrgUnit':
      return {};
  }
}
