import type { SharedPayload } from './shared-payload.js';

/** One payload of a shared execution, with the hub sequence of its event (members that joined later skip it). */
export interface OutgoingPayload {
  payload: SharedPayload;
  sequence: number | undefined;
}

export interface SlicedDeliveryOptions<Member> {
  /** The members a flush delivers to, taken when it starts (a member joining later gets only later events). */
  members: () => Iterable<Member>;
  /** Whether `member` gets this payload (it had joined before the event). */
  wants: (member: Member, outgoing: OutgoingPayload) => boolean;
  deliver: (member: Member, payload: SharedPayload) => void;
  /** Called with each payload just before it is delivered (the resume window remembers it then). */
  delivering?: (outgoing: OutgoingPayload) => void;
  /** Deliveries per slice (default 500): the event loop serves other work (commands, hydrations) between slices. */
  deliveriesPerSlice?: number;
}

/**
 * Hands a shared execution's payloads to its members in slices of members, a macrotask each (setImmediate), instead of
 * every member of every ready event in one go: a hydration batch completes several events at once, and 1,000
 * subscribers × 6 events would otherwise hold the event loop ~150 ms, during which nothing else moves (the commands
 * whose events come next wait at every step of their path). Each slice gives its members every payload that is ready,
 * in order, so a client's frames of one slice leave in one write (websocket-transport.ts corks until the next tick).
 */
export class SlicedDelivery<Member> {
  readonly #queue: OutgoingPayload[] = [];
  #flushing: Promise<void> | undefined;

  constructor(private readonly options: SlicedDeliveryOptions<Member>) {}

  /** Queues a payload; it is delivered from the next macrotask on. */
  push(outgoing: OutgoingPayload): void {
    this.#queue.push(outgoing);
    this.#flushing ??= this.#flush().finally(() => (this.#flushing = undefined));
  }

  /** Resolves once every queued payload has been handed to its members. */
  async drained(): Promise<void> {
    while (this.#flushing) await this.#flushing;
  }

  async #flush(): Promise<void> {
    const perSlice = this.options.deliveriesPerSlice ?? 500;
    for (;;) {
      await new Promise((resolve) => setImmediate(resolve)); // what became ready in this tick goes together
      const ready = this.#queue.splice(0);
      if (ready.length === 0) return;
      for (const outgoing of ready) this.options.delivering?.(outgoing);
      const members = [...this.options.members()];
      const membersPerSlice = Math.max(1, Math.floor(perSlice / ready.length));
      for (let start = 0; start < members.length; start += membersPerSlice) {
        if (start > 0) await new Promise((resolve) => setImmediate(resolve));
        for (const member of members.slice(start, start + membersPerSlice))
          for (const outgoing of ready) if (this.options.wants(member, outgoing)) this.options.deliver(member, outgoing.payload);
      }
    }
  }
}
