import { describe, expect, it } from 'vitest';
import { GroupCommit } from '../src/group-commit.js';

/** A controllable "database": records every transaction (batch or single) and holds it open until released. */
function recordingDatabase(failWhen: (items: readonly number[]) => boolean = () => false) {
  const transactions: { kind: 'batch' | 'alone'; items: number[] }[] = [];
  const releases: (() => void)[] = [];
  const applied: number[] = [];
  const run = async (kind: 'batch' | 'alone', items: readonly number[]) => {
    transactions.push({ kind, items: [...items] });
    await new Promise<void>((resolve) => releases.push(resolve));
    if (failWhen(items)) throw new Error(`rejected ${items.join(',')}`);
    applied.push(...items);
  };
  const releaseAll = async () => {
    while (releases.length > 0) {
      releases.splice(0).forEach((release) => release());
      await new Promise((resolve) => setImmediate(resolve));
    }
  };
  return {
    transactions,
    applied,
    releaseAll,
    applyBatch: (items: readonly number[]) => run('batch', items),
    applyAlone: (item: number) => run('alone', [item]),
  };
}

describe('GroupCommit', () => {
  it('runs a lone item at once, alone; items arriving meanwhile share the next transaction', async () => {
    const db = recordingDatabase();
    const commit = new GroupCommit<number>({ maxBatchSize: 100, maxConcurrentBatches: 1, ...db });
    const first = commit.submit(1);
    await new Promise((resolve) => setImmediate(resolve));
    const later = [2, 3, 4, 5].map((item) => commit.submit(item));
    expect(db.transactions).toEqual([{ kind: 'alone', items: [1] }]);
    await db.releaseAll();
    await Promise.all([first, ...later]);
    expect(db.transactions).toEqual([
      { kind: 'alone', items: [1] },
      { kind: 'batch', items: [2, 3, 4, 5] },
    ]);
    expect(db.applied).toEqual([1, 2, 3, 4, 5]);
  });

  it('caps a batch at maxBatchSize and runs at most maxConcurrentBatches transactions at once', async () => {
    const db = recordingDatabase();
    const commit = new GroupCommit<number>({ maxBatchSize: 3, maxConcurrentBatches: 2, ...db });
    const all = Array.from({ length: 10 }, (_, index) => commit.submit(index));
    // the first two start at once, alone (nothing else was waiting yet); the rest queue behind them
    expect(db.transactions.map((transaction) => transaction.items)).toEqual([[0], [1]]);
    await db.releaseAll();
    await Promise.all(all);
    expect(db.transactions.map((transaction) => transaction.items)).toEqual([[0], [1], [2, 3, 4], [5, 6, 7], [8, 9]]);
    expect(db.applied.sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it('a failed batch is applied again item by item: the bad item fails alone, the others commit', async () => {
    const db = recordingDatabase((items) => items.includes(13));
    const commit = new GroupCommit<number>({ maxBatchSize: 10, maxConcurrentBatches: 1, ...db });
    const blocker = commit.submit(0);
    const outcomes = [11, 12, 13, 14].map((item) =>
      commit.submit(item).then(
        () => 'committed',
        (error: Error) => error.message,
      ),
    );
    await db.releaseAll();
    await blocker;
    expect(await Promise.all(outcomes)).toEqual(['committed', 'committed', 'rejected 13', 'committed']);
    expect(db.transactions.map(({ kind, items }) => `${kind}:${items.join(',')}`)).toEqual([
      'alone:0',
      'batch:11,12,13,14',
      'alone:11',
      'alone:12',
      'alone:13',
      'alone:14',
    ]);
    expect(db.applied).toEqual([0, 11, 12, 14]);
  });

  it('refuses settings that could never run a batch', () => {
    const db = recordingDatabase();
    expect(() => new GroupCommit<number>({ maxBatchSize: 0, maxConcurrentBatches: 1, ...db })).toThrow(/maxBatchSize/);
    expect(() => new GroupCommit<number>({ maxBatchSize: 5, maxConcurrentBatches: 0.5, ...db })).toThrow(/maxConcurrentBatches/);
  });
});
