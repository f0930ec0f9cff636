import type { SubscriptionMode } from '../../bus.js';
import type { StoredMessage } from './topic-log.js';

/** A message of a subscription that is not acknowledged yet and not in flight. */
export interface PendingEntry {
  readonly message: StoredMessage;
  /** How often it was delivered and came back (nack, consumer closed with it in flight). */
  redeliveryCount: number;
  /** performance.now() before which it must not be redelivered (nack delay); 0 = now. */
  readyAt: number;
}

/** What the dispatcher needs to know about one connected consumer. */
export interface ConsumerSlot {
  readonly id: number;
  /** Messages it may still take now (capacity minus in flight). */
  freeSlots: number;
}

export interface Assignment<Slot extends ConsumerSlot> {
  entry: PendingEntry;
  /** The entry's index in the backlog the plan was made from (assignments come in increasing positions). */
  position: number;
  consumer: Slot;
}

/**
 * Decides which pending message goes to which consumer, per subscription mode. Pure policy: it does not
 * touch the subscription, it only plans. The backlog is scanned in log order, so redelivered messages
 * (lower index) come before newer ones.
 *
 * - shared / exclusive: round robin over consumers with free slots (exclusive has one consumer);
 * - key-shared: a key is bound to one consumer by hash; a key with a message in flight, or with an earlier
 *   message waiting for its redelivery delay, is blocked, so per-key order holds even with retries.
 */
export class SubscriptionDispatcher {
  #nextRoundRobin = 0;

  constructor(private readonly mode: SubscriptionMode) {}

  plan<Slot extends ConsumerSlot>(
    backlog: readonly PendingEntry[],
    keysInFlight: ReadonlySet<string>,
    consumers: readonly Slot[],
    now: number,
  ): Assignment<Slot>[] {
    if (consumers.length === 0 || backlog.length === 0) return [];
    return this.mode === 'key-shared' ? this.#planKeyShared(backlog, keysInFlight, consumers, now) : this.#planRoundRobin(backlog, consumers, now);
  }

  #planRoundRobin<Slot extends ConsumerSlot>(backlog: readonly PendingEntry[], consumers: readonly Slot[], now: number): Assignment<Slot>[] {
    const assignments: Assignment<Slot>[] = [];
    let free = totalFreeSlots(consumers);
    for (let position = 0; position < backlog.length && free > 0; position += 1) {
      const entry = backlog[position]!;
      if (entry.readyAt > now) continue;
      const consumer = this.#nextWithFreeSlot(consumers);
      if (!consumer) break;
      consumer.freeSlots -= 1;
      free -= 1;
      assignments.push({ entry, position, consumer });
    }
    return assignments;
  }

  #nextWithFreeSlot<Slot extends ConsumerSlot>(consumers: readonly Slot[]): Slot | undefined {
    for (let step = 0; step < consumers.length; step += 1) {
      const consumer = consumers[(this.#nextRoundRobin + step) % consumers.length];
      if (consumer && consumer.freeSlots > 0) {
        this.#nextRoundRobin = (this.#nextRoundRobin + step + 1) % consumers.length;
        return consumer;
      }
    }
    return undefined;
  }

  #planKeyShared<Slot extends ConsumerSlot>(
    backlog: readonly PendingEntry[],
    keysInFlight: ReadonlySet<string>,
    consumers: readonly Slot[],
    now: number,
  ): Assignment<Slot>[] {
    const ordered = [...consumers].sort((a, b) => a.id - b.id);
    const blockedHere = new Set<string>();
    const assignments: Assignment<Slot>[] = [];
    // Stops once every consumer is full: a burst leaves thousands of entries in the backlog, and each settled
    // message frees one slot, so scanning all of them per dispatch made the plan the memory bus's largest cost.
    let free = totalFreeSlots(ordered);
    for (let position = 0; position < backlog.length && free > 0; position += 1) {
      const entry = backlog[position]!;
      const key = entry.message.key;
      if (keysInFlight.has(key) || blockedHere.has(key)) continue;
      // Whatever happens to this entry, later messages of its key must wait behind it.
      blockedHere.add(key);
      if (entry.readyAt > now) continue;
      const consumer = ordered[hashKey(key) % ordered.length];
      if (!consumer || consumer.freeSlots <= 0) continue;
      consumer.freeSlots -= 1;
      free -= 1;
      assignments.push({ entry, position, consumer });
    }
    return assignments;
  }
}

function totalFreeSlots(consumers: readonly ConsumerSlot[]): number {
  return consumers.reduce((sum, consumer) => sum + Math.max(0, consumer.freeSlots), 0);
}

/** FNV-1a, 32 bit: a stable, well-spread hash of the ordering key. */
export function hashKey(key: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < key.length; index += 1) {
    hash ^= key.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}
