import type { DeliveredMessage, OutgoingMessage } from '../../bus.js';
import type { HandlerScheduler } from './handler-scheduler.js';
import type { Reachability } from './reachability.js';
import { fullTopicName, type PulsarNamespace } from './topic-names.js';

// The lifecycle both Pulsar transports share: how a consumer or reader closes, and what a bus keeps open and in which
// order it closes it. Each transport supplies only its own connection (a reconnecting socket, or a native handle).

interface Closable {
  close(): Promise<void>;
}

/** Waits for `work` at most `timeoutMs`; what is still running then is abandoned (it keeps running, unawaited). */
export async function settleWithin(work: Promise<unknown> | undefined, timeoutMs: number): Promise<void> {
  if (!work) return;
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([work, new Promise((resolve) => (timer = setTimeout(resolve, timeoutMs)))]);
  clearTimeout(timer);
}

/**
 * Promises still in flight (acks, nacks): a consumer lets them go out before it closes its connection. A count, not a
 * set of derived promises: one reaction per tracked promise (an acknowledgement per message on the hot path).
 */
export class InFlight {
  #pending = 0;
  #waiting: (() => void)[] = [];
  readonly #settle = () => {
    this.#pending -= 1;
    if (this.#pending === 0) for (const wake of this.#waiting.splice(0)) wake();
  };

  add(work: Promise<unknown>): void {
    this.#pending += 1;
    work.then(this.#settle, this.#settle);
  }

  settled(): Promise<void> {
    return this.#pending === 0 ? Promise.resolve() : new Promise((resolve) => this.#waiting.push(resolve));
  }
}

export interface EndpointCloseSteps {
  /** Stops taking messages and waits, bounded by closeTimeoutMs, for the handlers in flight. */
  quiesce(): Promise<void>;
  /** Stops counting the connection in the bus's reachability. */
  untrack(): void;
  /** Closes the connection; unacked messages go back to the subscription. */
  disconnect(): Promise<void>;
  /** Leaves the bus's set of open endpoints. */
  onClosed(): void;
}

/** A consumer's or reader's close(), in the one order both transports use; later calls share the first. */
export function closeOnce(steps: EndpointCloseSteps): () => Promise<void> {
  let closing: Promise<void> | undefined;
  const run = async () => {
    await steps.quiesce();
    steps.untrack();
    await steps.disconnect();
    steps.onClosed();
  };
  return () => (closing ??= run());
}

/** A consumer's quiesce: start nothing new, give running handlers closeTimeoutMs, then let their acks go out. */
export function quiesceConsumer(scheduler: HandlerScheduler, closeTimeoutMs: number, acks: InFlight): () => Promise<void> {
  return async () => {
    scheduler.stop();
    await scheduler.drain(closeTimeoutMs);
    await acks.settled();
  };
}

/**
 * What a Pulsar bus has open, and its close: consumers first (their handlers finish and ack), then readers, then what
 * the transport adds (producers, the native client). An endpoint that finishes opening after close() began is closed
 * at once and refused, so nothing outlives the bus.
 */
export class OpenEndpoints {
  readonly #consumers = new Set<Closable>();
  readonly #readers = new Set<Closable>();
  #closed = false;
  #closing: Promise<void> | undefined;

  constructor(
    private readonly busName: string,
    private readonly reachability: Reachability,
  ) {}

  /** The bus's isConnected(): open, and the broker answered its last probe (or a connection since). */
  isConnected(): boolean {
    return !this.#closed && this.reachability.reachable;
  }

  get closed(): boolean {
    return this.#closed;
  }

  assertOpen(): void {
    if (this.#closed) throw new Error(`${this.busName}: closed`);
  }

  /** Opens a consumer or reader, handing it the callback that forgets it once it closed. */
  async open<Endpoint extends Closable>(
    kind: 'consumer' | 'reader',
    opening: (onClosed: (endpoint: Endpoint) => void) => Promise<Endpoint>,
  ): Promise<Endpoint> {
    this.assertOpen();
    const set = kind === 'consumer' ? this.#consumers : this.#readers;
    const endpoint = await opening((closed) => set.delete(closed));
    if (this.#closed) {
      await endpoint.close();
      throw new Error(`${this.busName}: closed`);
    }
    set.add(endpoint);
    return endpoint;
  }

  /** Idempotent: stops probing the broker, closes consumers, readers, and last `closeTransport`. */
  close(closeTransport: () => Promise<void>): Promise<void> {
    this.#closing ??= (async () => {
      this.#closed = true;
      this.reachability.stop();
      await Promise.all([...this.#consumers].map((consumer) => consumer.close()));
      await Promise.all([...this.#readers].map((reader) => reader.close()));
      await closeTransport();
    })();
    return this.#closing;
  }
}

/** Like Pulsar's dead-letter producer: same key, body and properties, plus where the message came from. */
export function deadLetterOf(ns: PulsarNamespace, message: DeliveredMessage): OutgoingMessage {
  return {
    key: message.key,
    body: message.body,
    properties: { ...message.properties, REAL_TOPIC: fullTopicName(ns, message.topic), ORIGIN_MESSAGE_ID: message.messageId },
  };
}
