// The direct execution path's documents (document-cache.ts): bounded, least recently used evicted first.
import { parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { DocumentCache, MAX_QUERY_LENGTH } from '../src/graphql/document-cache.js';

describe('DocumentCache', () => {
  it('keeps at most its capacity, evicting the least recently used text', () => {
    const cache = new DocumentCache(2);
    const [a, b, c] = ['{ a }', '{ b }', '{ c }'];
    cache.remember(a, parse(a));
    cache.remember(b, parse(b));
    expect(cache.get(a)).toBeDefined(); // a is now more recent than b
    cache.remember(c, parse(c));
    expect(cache.size).toBe(2);
    expect(cache.get(b)).toBeUndefined();
    expect(cache.get(a)).toBeDefined();
    expect(cache.get(c)).toBeDefined();
  });

  it('keeps the first document of a text and does not remember very long texts', () => {
    const cache = new DocumentCache(2);
    const first = parse('{ a }');
    cache.remember('{ a }', first);
    cache.remember('{ a }', parse('{ a }'));
    expect(cache.get('{ a }')).toBe(first);
    const long = `{ a ${' '.repeat(MAX_QUERY_LENGTH)}}`;
    cache.remember(long, parse(long));
    expect(cache.get(long)).toBeUndefined();
  });
});
