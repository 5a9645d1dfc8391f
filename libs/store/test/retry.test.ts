import { conflict, notFound } from '@onewindow/kernel';
import { describe, expect, it } from 'vitest';
import { lostWriteRace, retryOnVersionConflict, STORE_DUPLICATE, STORE_VERSION_CONFLICT } from '../src/index.js';

describe('lostWriteRace', () => {
  it('is a version conflict or a duplicate, and nothing else', () => {
    expect(lostWriteRace(conflict(STORE_VERSION_CONFLICT, 'moved on'))).toBe(true);
    expect(lostWriteRace(conflict(STORE_DUPLICATE, 'created meanwhile'))).toBe(true);
    expect(lostWriteRace(conflict('TASK_CLAIMED', 'someone else has it'))).toBe(false);
    expect(lostWriteRace(notFound('CASE_NOT_FOUND', 'no such case'))).toBe(false);
    expect(lostWriteRace(new Error(STORE_VERSION_CONFLICT))).toBe(false);
  });
});

describe('retryOnVersionConflict', () => {
  it('runs the step again after a version conflict, and returns what the run that wrote gives', async () => {
    let runs = 0;
    const result = await retryOnVersionConflict(async () => {
      if (++runs < 3) throw conflict(STORE_VERSION_CONFLICT, 'moved on');
      return runs;
    });
    expect(result).toBe(3);
  });

  it('throws the conflict after the last attempt, and any other error at once', async () => {
    let runs = 0;
    await expect(retryOnVersionConflict(async () => {
      runs++;
      throw conflict(STORE_VERSION_CONFLICT, 'moved on');
    }, 4)).rejects.toMatchObject({ code: STORE_VERSION_CONFLICT });
    expect(runs).toBe(4);
    runs = 0;
    await expect(retryOnVersionConflict(async () => {
      runs++;
      throw conflict(STORE_DUPLICATE, 'taken');
    })).rejects.toMatchObject({ code: STORE_DUPLICATE });
    expect(runs).toBe(1);
  });
});
