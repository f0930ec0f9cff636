import type { ExecutionResult } from 'graphql';
import type { Identity } from '@alpes/security';
import { SharedPayload } from './shared-payload.js';

/** What one subscriber of a shared execution yields to graphql-ws: the shared payload, or an error result of its own. */
export type Delivery = SharedPayload | ExecutionResult;

export interface MemberStreamOptions {
  /** Hub sequence when it subscribed: earlier events are not its own. */
  joinedAfter: number;
  identity: Identity;
  /** Deliveries waiting for graphql-ws to take them before the subscription ends with the overflow result. */
  maxPending: number;
  /** The overflow result, naming the last event this subscriber gets before it (undefined: none). */
  overflow: (lastEventoId: string | undefined) => ExecutionResult;
  /** The eventoId it resumed after (desdeEvento), if it did: what an overflow names before anything was delivered. */
  resumedAfter?: string;
  /** Called once when this member stops: graphql-ws returned it, or it overflowed. */
  leave: (member: MemberStream) => void;
}

/**
 * One subscriber's end of a shared execution: the queue graphql-ws's loop for this subscription pulls from. Deliveries
 * are pushed synchronously by the group and never block it; a member that falls `maxPending` behind gets the overflow
 * result and ends, like a subscriber whose own stream overflowed.
 */
export class MemberStream implements AsyncIterableIterator<Delivery> {
  readonly joinedAfter: number;
  readonly identity: Identity;
  readonly #buffer: Delivery[] = [];
  #waiting: { resolve: (result: IteratorResult<Delivery>) => void; reject: (error: unknown) => void } | undefined;
  #ended = false;
  #failure: { error: unknown } | undefined;
  #left = false;
  /** The eventoId of the last delivery handed over or buffered. */
  #lastEventoId: string | undefined;

  constructor(private readonly options: MemberStreamOptions) {
    this.joinedAfter = options.joinedAfter;
    this.identity = options.identity;
    this.#lastEventoId = options.resumedAfter;
  }

  deliver(delivery: Delivery): void {
    if (this.#ended) return;
    if (this.#buffer.length >= this.options.maxPending) {
      this.#buffer.push(this.options.overflow(this.#lastEventoId));
      this.end();
      this.#leave();
      return;
    }
    if (delivery instanceof SharedPayload && delivery.eventoId !== undefined) this.#lastEventoId = delivery.eventoId;
    const waiting = this.#waiting;
    if (waiting) {
      this.#waiting = undefined;
      waiting.resolve({ value: delivery, done: false });
      return;
    }
    this.#buffer.push(delivery);
  }

  /** No more deliveries: the buffered ones, then done (or the error, when the source failed). */
  end(error?: unknown): void {
    if (this.#ended) return;
    this.#ended = true;
    if (error !== undefined) this.#failure = { error };
    const waiting = this.#waiting;
    if (!waiting) return;
    this.#waiting = undefined;
    if (this.#failure) waiting.reject(this.#failure.error);
    else waiting.resolve({ value: undefined, done: true });
  }

  next(): Promise<IteratorResult<Delivery>> {
    const buffered = this.#buffer.shift();
    if (buffered !== undefined) return Promise.resolve({ value: buffered, done: false });
    if (this.#ended) {
      this.#leave();
      const failure = this.#failure;
      this.#failure = undefined;
      return failure ? Promise.reject(failure.error) : Promise.resolve({ value: undefined, done: true });
    }
    return new Promise((resolve, reject) => (this.#waiting = { resolve, reject }));
  }

  return(): Promise<IteratorResult<Delivery>> {
    this.#buffer.length = 0;
    this.end();
    this.#leave();
    return Promise.resolve({ value: undefined, done: true });
  }

  async throw(error?: unknown): Promise<IteratorResult<Delivery>> {
    await this.return();
    throw error;
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  #leave(): void {
    if (this.#left) return;
    this.#left = true;
    this.options.leave(this);
  }
}
