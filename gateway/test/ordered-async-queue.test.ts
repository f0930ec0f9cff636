import { describe, expect, it } from 'vitest';
import { OrderedAsyncQueue } from '../src/subscriptions/ordered-async-queue.js';

const after = <T>(ms: number, value: T) => new Promise<T>((resolve) => setTimeout(() => resolve(value), ms));

describe('per-client ordering: OrderedAsyncQueue', () => {
  it('yields values in push order even when their hydrations finish in reverse order', async () => {
    const queue = new OrderedAsyncQueue<string>();
    const finished: string[] = [];
    const hydrate = (name: string, ms: number) => after(ms, name).then((value) => (finished.push(value), value));
    queue.push(hydrate('first', 60));
    queue.push(hydrate('second', 5));
    queue.push('third');
    queue.end();
    const delivered: string[] = [];
    for await (const value of queue) delivered.push(value);
    expect(finished).toEqual(['second', 'first']);
    expect(delivered).toEqual(['first', 'second', 'third']);
  });

  it('hands a value pushed later to a consumer already waiting, in order', async () => {
    const queue = new OrderedAsyncQueue<number>();
    const first = queue.next();
    const second = queue.next();
    queue.push(after(30, 1));
    queue.push(2);
    expect(await Promise.all([first, second])).toEqual([
      { value: 1, done: false },
      { value: 2, done: false },
    ]);
  });

  it('roomFor: a producer that can wait resumes once the consumer has taken values below the mark, or the consumer stopped', async () => {
    const queue = new OrderedAsyncQueue<number>();
    for (let value = 0; value < 3; value += 1) queue.push(value);
    let room = false;
    const waiting = queue.roomFor(2).then(() => (room = true));
    await after(5, undefined);
    expect(room).toBe(false); // 3 pending
    await queue.next();
    await after(0, undefined);
    expect(room).toBe(false); // 2 pending: not below 2
    await queue.next();
    await waiting; // 1 pending
    expect(queue.pending).toBe(1);
    for (let value = 0; value < 3; value += 1) queue.push(value);
    const stopped = queue.roomFor(1);
    await queue.return();
    await stopped; // never left hanging
  });

  it('runs the finish callback once when the consumer stops, and ignores later pushes', async () => {
    let finished = 0;
    const queue = new OrderedAsyncQueue<number>(() => void (finished += 1));
    queue.push(1);
    await queue.return();
    await queue.return();
    queue.push(2);
    expect(finished).toBe(1);
    expect(await queue.next()).toEqual({ value: undefined, done: true });
  });

  it('finishes a waiting consumer when ended, and after the last value when values are pending', async () => {
    let finished = 0;
    const queue = new OrderedAsyncQueue<number>(() => void (finished += 1));
    const waiting = queue.next();
    queue.end();
    expect(await waiting).toEqual({ value: undefined, done: true });
    expect(finished).toBe(1);

    const draining = new OrderedAsyncQueue<number>(() => void (finished += 1));
    draining.push(after(10, 7));
    draining.end();
    expect(finished).toBe(1);
    expect(await draining.next()).toEqual({ value: 7, done: false });
    expect(await draining.next()).toEqual({ value: undefined, done: true });
    expect(finished).toBe(2);
  });

  it('delivers the last value to a consumer already waiting when the queue ends right after it (final command state)', async () => {
    const queue = new OrderedAsyncQueue<string>();
    const waiting = queue.next();
    queue.push('COMPLETADO');
    queue.end();
    expect(await waiting).toEqual({ value: 'COMPLETADO', done: false });
    expect(await queue.next()).toEqual({ value: undefined, done: true });
  });

  it('gives done, not a value, to a waiting consumer that returned before its value was ready', async () => {
    const queue = new OrderedAsyncQueue<number>();
    const waiting = queue.next();
    queue.push(after(20, 1));
    await queue.return();
    expect(await waiting).toEqual({ value: undefined, done: true });
  });
});
