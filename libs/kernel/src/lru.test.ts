import { describe, expect, it } from 'vitest';
import { LruMap } from './lru.js';

describe('LruMap', () => {
  it('makes a value once per key and gives it again', () => {
    const made: string[] = [];
    const map = new LruMap<string, string>(4);
    const make = (key: string) => (made.push(key), key.toUpperCase());
    expect(map.getOrMake('a', make)).toBe('A');
    expect(map.getOrMake('a', make)).toBe('A');
    expect(made).toEqual(['a']);
  });

  it('gives up the least recently used entry beyond its capacity, not the oldest made', () => {
    const made: string[] = [];
    const map = new LruMap<string, number>(2);
    const make = (key: string) => made.push(key);
    map.getOrMake('a', make);
    map.getOrMake('b', make);
    map.getOrMake('a', make);
    map.getOrMake('c', make);
    expect(map.size).toBe(2);

    map.getOrMake('a', make);
    map.getOrMake('b', make);
    expect(made).toEqual(['a', 'b', 'c', 'b']);
  });

  it('refuses a capacity that keeps nothing', () => {
    expect(() => new LruMap(0)).toThrow(RangeError);
  });
});
