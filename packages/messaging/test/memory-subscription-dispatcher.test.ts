// The memory bus's dispatch plan: which waiting message goes to which consumer, and where it sat in the backlog.
import { describe, expect, it } from 'vitest';
import { SubscriptionDispatcher, hashKey, type ConsumerSlot, type PendingEntry } from '../src/transports/memory/subscription-dispatcher.js';
import type { StoredMessage } from '../src/transports/memory/topic-log.js';

const entry = (index: number, key: string, readyAt = 0): PendingEntry => ({
  message: { index, key } as unknown as StoredMessage,
  redeliveryCount: 0,
  readyAt,
});
const keysOf = (entries: readonly { entry: PendingEntry }[]) => entries.map(({ entry: { message } }) => message.key);

describe('SubscriptionDispatcher (key-shared)', () => {
  it('skips keys in flight and keys already waiting, and gives each assignment its backlog position', () => {
    const backlog = [entry(0, 'a'), entry(1, 'b'), entry(2, 'a'), entry(3, 'c'), entry(4, 'd', Number.MAX_SAFE_INTEGER), entry(5, 'd')];
    const consumers: ConsumerSlot[] = [{ id: 1, freeSlots: 10 }];
    const plan = new SubscriptionDispatcher('key-shared').plan(backlog, new Set(['b']), consumers, 0);
    // a (first), not b (in flight), not the second a (behind the first), c, not d twice (the first waits for its delay)
    expect(keysOf(plan)).toEqual(['a', 'c']);
    expect(plan.map(({ position }) => position)).toEqual([0, 3]);
    expect(consumers[0]!.freeSlots).toBe(8);
  });

  it('stops at the last free slot: a backlog of 20,000 yields as many assignments as there are slots, the first ones', () => {
    const backlog = Array.from({ length: 20_000 }, (_, index) => entry(index, `key-${index}`));
    const consumers: ConsumerSlot[] = [
      { id: 1, freeSlots: 2 },
      { id: 2, freeSlots: 1 },
    ];
    const plan = new SubscriptionDispatcher('key-shared').plan(backlog, new Set(), consumers, 0);
    expect(plan).toHaveLength(3);
    expect(consumers.map((consumer) => consumer.freeSlots)).toEqual([0, 0]);
    for (const { entry: planned, position, consumer } of plan) {
      expect(backlog[position]).toBe(planned);
      expect(consumer.id).toBe([1, 2][hashKey(planned.message.key) % 2]);
    }
    // the first two keys that hash to consumer 1 and the first that hashes to consumer 2: none passed over
    const firstFor = (slot: number, count: number) => backlog.filter(({ message }) => hashKey(message.key) % 2 === slot).slice(0, count);
    expect(new Set(plan.map(({ entry: planned }) => planned))).toEqual(new Set([...firstFor(0, 2), ...firstFor(1, 1)]));
  });
});

describe('SubscriptionDispatcher (shared)', () => {
  it('hands ready entries round robin, with their positions, until the slots run out', () => {
    const backlog = [entry(0, 'a'), entry(1, 'a', Number.MAX_SAFE_INTEGER), entry(2, 'a'), entry(3, 'b')];
    const consumers: ConsumerSlot[] = [
      { id: 1, freeSlots: 1 },
      { id: 2, freeSlots: 1 },
    ];
    const plan = new SubscriptionDispatcher('shared').plan(backlog, new Set(), consumers, 0);
    expect(plan.map(({ position, consumer }) => [position, consumer.id])).toEqual([
      [0, 1],
      [2, 2],
    ]);
  });
});
