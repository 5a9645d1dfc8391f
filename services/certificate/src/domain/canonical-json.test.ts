import { describe, expect, it } from 'vitest';
import { canonicalJson } from './canonical-json.js';

describe('canonicalJson', () => {
  it('gives the same text whatever order the keys were written in', () => {
    const a = canonicalJson({ holder: { name: '张三', id: 'u1' }, id: 'L1', n: 1 });
    const b = canonicalJson({ n: 1, id: 'L1', holder: { id: 'u1', name: '张三' } });
    expect(a).toBe(b);
    expect(a).toBe('{"holder":{"id":"u1","name":"张三"},"id":"L1","n":1}');
  });

  it('keeps array order and escapes strings as JSON does', () => {
    expect(canonicalJson(['b', 'a', null, true, 'q"uote'])).toBe('["b","a",null,true,"q\\"uote"]');
  });

  it('refuses numbers JSON cannot carry', () => {
    expect(() => canonicalJson({ n: Number.NaN })).toThrow(RangeError);
  });
});
