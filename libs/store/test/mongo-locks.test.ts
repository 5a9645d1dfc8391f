import { describe, expect, it } from 'vitest';
import { DocumentLocks, isDuplicateKey } from '../src/mongo-locks.js';

const tick = () => new Promise((r) => setTimeout(r, 5));

describe('DocumentLocks', () => {
  it('runs writes to one document one after another, in the order asked, and others beside them', async () => {
    const locks = new DocumentLocks();
    const log: string[] = [];
    const step = (name: string) => async () => {
      log.push(`${name} start`);
      await tick();
      log.push(`${name} end`);
      return name;
    };

    const results = await Promise.all([locks.run(['cases/c1'], step('a')), locks.run(['cases/c1'], step('b')), locks.run(['cases/c2'], step('c'))]);

    expect(results).toEqual(['a', 'b', 'c']);
    expect(log.indexOf('a end')).toBeLessThan(log.indexOf('b start'));
    expect(log.indexOf('c start')).toBeLessThan(log.indexOf('a end'));
    expect(locks.size).toBe(0);
  });

  it('lets a write naming several documents wait for each, without deadlock when sets cross', async () => {
    const locks = new DocumentLocks();
    const order: string[] = [];
    const work = (name: string) => async () => {
      await tick();
      order.push(name);
    };

    await Promise.all([
      locks.run(['x', 'y'], work('xy')),
      locks.run(['y', 'x'], work('yx')),
      locks.run(['y'], work('y')),
      locks.run(['x'], work('x')),
    ]);

    expect(order).toEqual(['xy', 'yx', 'y', 'x']);
  });

  it('goes on after a failed write', async () => {
    const locks = new DocumentLocks();
    const failed = locks.run(['d'], async () => {
      throw new Error('write refused');
    });
    const next = locks.run(['d'], async () => 'next');
    await expect(failed).rejects.toThrow('write refused');
    await expect(next).resolves.toBe('next');
  });
});

describe('isDuplicateKey', () => {
  it("reads MongoDB's E11000 and FerretDB's UNIQUE failure on update as a duplicate, and nothing else", () => {
    expect(isDuplicateKey({ code: 11000, message: 'E11000 duplicate key error' })).toBe(true);
    expect(isDuplicateKey({ code: 1, message: 'UNIQUE constraint failed: cases.d.caseNumber' })).toBe(true);
    expect(isDuplicateKey({ code: 1, message: 'some other internal error' })).toBe(false);
    expect(isDuplicateKey({ code: 112, message: 'WriteConflict' })).toBe(false);
    expect(isDuplicateKey(new Error('UNIQUE constraint failed'))).toBe(false);
    expect(isDuplicateKey(null)).toBe(false);
  });
});
