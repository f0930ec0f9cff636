import { performance } from 'node:perf_hooks';
import type { SubscriptionMode } from '../../bus.js';
import { AsyncTrigger } from './async-trigger.js';
import { SubscriptionDispatcher, type Assignment, type ConsumerSlot, type PendingEntry } from './subscription-dispatcher.js';
import type { StoredMessage, TopicLog } from './topic-log.js';

/** What a consumer decided about a failed message: when to retry it and when to give up. */
export interface FailurePolicy {
  readonly redeliveryDelayMs: number;
  /** Undefined: retry forever. */
  readonly maxRedeliveries: number | undefined;
  readonly deadLetterTopic: string;
}

/** A consumer as the subscription sees it. */
export interface SubscriptionMember {
  readonly id: number;
  readonly mode: SubscriptionMode;
  /** How many messages it may have in flight at once. */
  readonly capacity: number;
  readonly failurePolicy: FailurePolicy;
  /** Runs the handler asynchronously; the member reports back through {@link Subscription.settle}. */
  start(entry: PendingEntry): void;
}

/** What the subscription needs from the bus. */
export interface SubscriptionHost {
  /** False while the bus is closed or in a simulated outage: nothing new is dispatched. */
  canDispatch(): boolean;
  deadLetter(deadLetterTopic: string, from: TopicLog, message: StoredMessage): void;
}

interface InFlight {
  readonly entry: PendingEntry;
  readonly member: SubscriptionMember;
}

/**
 * A named, durable (for the life of the bus) subscription: a cursor into the topic log, the backlog of
 * read-but-unacknowledged messages, and what is in flight with which consumer. It outlives its consumers,
 * so a reopened consumer resumes where the subscription stopped.
 */
export class Subscription {
  #mode: SubscriptionMode;
  #dispatcher: SubscriptionDispatcher;
  #cursor: number;
  #backlog: PendingEntry[] = [];
  /** Entries in the backlog with a redelivery time set (readyAt > 0): only then can one be not ready yet. */
  #timedEntries = 0;
  readonly #inFlight = new Map<number, InFlight>();
  readonly #members = new Set<SubscriptionMember>();
  readonly #receiving = new Set<SubscriptionMember>();
  /** The one pending wake-up for the earliest delayed redelivery, and when it is due. */
  #timer: { readonly timeout: NodeJS.Timeout; readonly dueAt: number } | undefined;
  readonly #trigger = new AsyncTrigger(() => this.#dispatch());
  readonly #stopListening: () => void;

  constructor(
    readonly name: string,
    readonly log: TopicLog,
    mode: SubscriptionMode,
    initialPosition: 'earliest' | 'latest',
    private readonly host: SubscriptionHost,
  ) {
    this.#mode = mode;
    this.#dispatcher = new SubscriptionDispatcher(mode);
    this.#cursor = initialPosition === 'latest' ? log.length : 0;
    this.#stopListening = log.onAppend(() => this.wake());
  }

  /** Adds a consumer; throws if the subscription's mode forbids it (exclusive, or another mode in use). */
  attach(member: SubscriptionMember): void {
    const where = `subscription "${this.name}" on topic "${this.log.name}"`;
    if (this.#members.size > 0 && this.#mode !== member.mode) {
      throw new Error(`memory bus: ${where} is ${this.#mode}; a ${member.mode} consumer cannot join while it has consumers`);
    }
    if (this.#members.size > 0 && member.mode === 'exclusive') {
      throw new Error(`memory bus: exclusive ${where} already has a consumer; a second one is refused`);
    }
    if (this.#mode !== member.mode) {
      this.#mode = member.mode;
      this.#dispatcher = new SubscriptionDispatcher(member.mode);
    }
    this.#members.add(member);
    this.#receiving.add(member);
    this.wake();
  }

  /** The consumer takes no new messages; what it has in flight stays with it until settled or detached. */
  stopReceiving(member: SubscriptionMember): void {
    this.#receiving.delete(member);
  }

  /** Removes the consumer; whatever it still has in flight returns to the backlog for the others. */
  detach(member: SubscriptionMember): void {
    this.#receiving.delete(member);
    this.#members.delete(member);
    for (const [index, inFlight] of this.#inFlight) {
      if (inFlight.member !== member) continue;
      this.#inFlight.delete(index);
      inFlight.entry.redeliveryCount += 1;
      inFlight.entry.readyAt = 0;
      this.#returnToBacklog(inFlight.entry);
    }
    this.wake();
  }

  /** A handler finished. Outcomes of deliveries the member no longer holds (it was detached) are ignored. */
  settle(member: SubscriptionMember, entry: PendingEntry, outcome: 'ack' | 'nack'): void {
    const index = entry.message.index;
    if (this.#inFlight.get(index)?.member !== member) return;
    this.#inFlight.delete(index);
    if (outcome === 'nack') this.#nack(entry, member.failurePolicy);
    this.wake();
  }

  wake(): void {
    this.#trigger.fire();
  }

  /** Messages not acknowledged yet: not read from the log, waiting (redeliveries included) or in flight. */
  get backlogSize(): number {
    return this.log.length - this.#cursor + this.#backlog.length + this.#inFlight.size;
  }

  /** Stops the timer and listening (the bus is closing). */
  dispose(): void {
    this.#stopListening();
    if (this.#timer) clearTimeout(this.#timer.timeout);
    this.#timer = undefined;
  }

  #nack(entry: PendingEntry, policy: FailurePolicy): void {
    if (policy.maxRedeliveries !== undefined && entry.redeliveryCount >= policy.maxRedeliveries) {
      // Failed on its first delivery and on maxRedeliveries redeliveries: dead-letter it, then ack it.
      this.host.deadLetter(policy.deadLetterTopic, this.log, entry.message);
      return;
    }
    entry.redeliveryCount += 1;
    entry.readyAt = performance.now() + policy.redeliveryDelayMs;
    this.#returnToBacklog(entry);
  }

  /**
   * Makes sure a dispatch runs once the earliest entry that was not ready at `now` is due. `now` must be the
   * very instant the plan used: an entry becoming due in between would otherwise wait forever. A timer that
   * fires early (libuv timers can) just leads to another plan and another timer.
   */
  #wakeWhenDue(now: number): void {
    if (this.#timedEntries === 0) return;
    let dueAt = Infinity;
    for (const entry of this.#backlog) if (entry.readyAt > now) dueAt = Math.min(dueAt, entry.readyAt);
    if (dueAt === Infinity || (this.#timer && this.#timer.dueAt <= dueAt)) return;
    if (this.#timer) clearTimeout(this.#timer.timeout);
    const timeout = setTimeout(
      () => {
        this.#timer = undefined;
        this.wake();
      },
      Math.ceil(dueAt - now),
    );
    this.#timer = { timeout, dueAt };
  }

  /** Inserts by log index, so the backlog stays in topic order. */
  #returnToBacklog(entry: PendingEntry): void {
    let low = 0;
    let high = this.#backlog.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if ((this.#backlog[middle]?.message.index ?? Infinity) < entry.message.index) low = middle + 1;
      else high = middle;
    }
    this.#backlog.splice(low, 0, entry);
    if (entry.readyAt > 0) this.#timedEntries += 1;
  }

  /** Takes the assigned entries out of the backlog: a few splices after a settle, one pass for a large dispatch. */
  #removeAssigned(assignments: readonly Assignment<ConsumerSlot>[]): void {
    for (const { entry } of assignments) if (entry.readyAt > 0) this.#timedEntries -= 1;
    if (assignments.length <= 16) {
      for (let index = assignments.length - 1; index >= 0; index -= 1) this.#backlog.splice(assignments[index]!.position, 1);
      return;
    }
    const positions = new Set(assignments.map(({ position }) => position));
    this.#backlog = this.#backlog.filter((_, position) => !positions.has(position));
  }

  #dispatch(): void {
    if (!this.host.canDispatch() || this.#receiving.size === 0) return;
    for (let message = this.log.at(this.#cursor); message; message = this.log.at(this.#cursor)) {
      this.#backlog.push({ message, redeliveryCount: 0, readyAt: 0 });
      this.#cursor += 1;
    }
    const slots = [...this.#receiving].map((member) => ({
      id: member.id,
      member,
      freeSlots: member.capacity - this.#countInFlight(member),
    })) satisfies ConsumerSlot[];
    const keysInFlight = new Set([...this.#inFlight.values()].map(({ entry }) => entry.message.key));
    const now = performance.now();
    const assignments = this.#dispatcher.plan(this.#backlog, keysInFlight, slots, now);
    this.#removeAssigned(assignments);
    for (const { entry, consumer } of assignments) {
      this.#inFlight.set(entry.message.index, { entry, member: consumer.member });
      consumer.member.start(entry);
    }
    this.#wakeWhenDue(now);
  }

  #countInFlight(member: SubscriptionMember): number {
    let count = 0;
    for (const inFlight of this.#inFlight.values()) if (inFlight.member === member) count += 1;
    return count;
  }
}
