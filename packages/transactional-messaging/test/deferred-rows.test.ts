import { describe, expect, it } from 'vitest';
import { DeferredRows } from '../src/deferred-rows.js';

/** Two "transactions" (any objects stand for transaction clients) and what each one wrote, statement by statement. */
function recordingWrites() {
  const statements: { tx: string; rows: number[] }[] = [];
  const deferred = new DeferredRows<{ name: string }, number>(async (tx, rows) => {
    statements.push({ tx: tx.name, rows: [...rows] });
  });
  return { statements, deferred };
}

describe('DeferredRows', () => {
  it('writes the rows a transaction added in one statement, in the order added, when it is flushed', async () => {
    const { statements, deferred } = recordingWrites();
    const tx = { name: 'a' };
    for (const row of [3, 1, 2]) deferred.add(tx, row);
    expect(statements).toEqual([]);
    await deferred.flush(tx);
    expect(statements).toEqual([{ tx: 'a', rows: [3, 1, 2] }]);
  });

  it('keeps each transaction apart; a flush with nothing added, or a second flush, writes nothing', async () => {
    const { statements, deferred } = recordingWrites();
    const a = { name: 'a' };
    const b = { name: 'b' };
    deferred.add(a, 1);
    deferred.add(b, 2);
    deferred.add(a, 3);
    await deferred.flush(b);
    await deferred.flush(b);
    await deferred.flush({ name: 'c' });
    expect(statements).toEqual([{ tx: 'b', rows: [2] }]);
    await deferred.flush(a);
    expect(statements).toEqual([
      { tx: 'b', rows: [2] },
      { tx: 'a', rows: [1, 3] },
    ]);
  });

  it('a transaction that is never flushed (its handlers failed, it rolled back) writes nothing later', async () => {
    const { statements, deferred } = recordingWrites();
    const failed = { name: 'failed' };
    deferred.add(failed, 1);
    const retried = { name: 'retried' }; // the message again, in a transaction of its own
    deferred.add(retried, 1);
    await deferred.flush(retried);
    expect(statements).toEqual([{ tx: 'retried', rows: [1] }]);
  });
});
