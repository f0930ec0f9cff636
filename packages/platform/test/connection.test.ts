import { describe, expect, it } from 'vitest';
import { encodeCursor, newId, parsePage, toConnection } from '../src/index.js';

describe('connections', () => {
  it('bounds first between 0 and 100 with a clear BAD_USER_INPUT', () => {
    expect(parsePage({ first: 100 })).toEqual({ take: 100 });
    expect(() => parsePage({ first: 101 })).toThrowError(/first must be between 0 and 100, got 101/);
    expect(() => parsePage({ first: -1 })).toThrowError(/first must be between 0 and 100/);
    try {
      parsePage({ first: 500 });
    } catch (error) {
      expect((error as { extensions: unknown }).extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'first' });
    }
  });

  it('round-trips cursors and refuses foreign ones', () => {
    const id = newId();
    expect(parsePage({ first: 5, after: encodeCursor(id) })).toEqual({ take: 5, afterId: id });
    expect(() => parsePage({ after: 'not-a-cursor' })).toThrowError(/after is not a cursor/);
  });

  it('uses the extra row to tell whether a next page exists', async () => {
    const rows = [{ id: newId() }, { id: newId() }, { id: newId() }];
    const page = toConnection(rows, { take: 2 }, () => 3);
    expect(page.nodes).toHaveLength(2);
    expect(page.pageInfo).toEqual({ endCursor: encodeCursor(rows[1]!.id), hasNextPage: true });
    expect(toConnection(rows.slice(0, 2), { take: 2 }, () => 2).pageInfo.hasNextPage).toBe(false);
    expect(await page.totalCount()).toBe(3);
  });

  it('issues UUIDv7 ids that sort by creation time', () => {
    const earlier = newId(new Date('2026-01-01T00:00:00Z'));
    const later = newId(new Date('2026-06-01T00:00:00Z'));
    expect(earlier < later).toBe(true);
  });
});
