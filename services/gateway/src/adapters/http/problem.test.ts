import { forbidden, invalid, notFound, precondition } from '@onewindow/kernel';
import { describe, expect, it } from 'vitest';
import { toProblem } from './problem.js';

describe('problem+json mapping', () => {
  it.each([
    [invalid('CASE_INVALID', 'bad'), 400],
    [forbidden('FORBIDDEN', 'no'), 403],
    [notFound('CASE_NOT_FOUND', 'none'), 404],
    [precondition('CASE_WRONG_STATE', 'not now'), 409],
  ])('maps %s to its status with the stable code', (err, status) => {
    const problem = toProblem(err, '/api/v1/cases/x');
    expect(problem.status).toBe(status);
    expect(problem.code).toBe(err.code);
    expect(problem.detail).toBe(err.message);
  });

  it('never leaks an unexpected error message', () => {
    const problem = toProblem(new Error('db password is hunter2'), '/x');
    expect(problem).toMatchObject({ status: 500, code: 'INTERNAL', detail: 'internal error' });
  });

  it('carries field errors', () => {
    const problem = toProblem(invalid('REQUEST_INVALID', 'bad', [{ field: 'itemCode', message: 'required' }]), '/x');
    expect(problem.errors).toEqual([{ field: 'itemCode', message: 'required' }]);
  });
});
