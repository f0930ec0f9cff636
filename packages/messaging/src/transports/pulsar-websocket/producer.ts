import { BusUnavailableError, type OutgoingMessage } from '../../bus.js';
import { parseReceipt, sendFrame, type SocketDefaults } from './frames.js';
import type { Reachability } from '../pulsar-common/reachability.js';
import { ReconnectingSocket } from './reconnecting-socket.js';
import { topicPath, type PulsarNamespace } from '../pulsar-common/topic-names.js';

export interface ProducerContext {
  readonly ns: PulsarNamespace;
  readonly sockets: SocketDefaults;
  readonly reachability: Reachability;
  readonly publishTimeoutMs: number;
  /** Let the broker-side producer batch (see PulsarWebSocketBusOptions.batchedTopics). */
  readonly batching: boolean;
}

interface Pending {
  readonly context: string;
  readonly frame: string;
  readonly resolve: (result: { messageId: string }) => void;
  readonly reject: (error: BusUnavailableError) => void;
  readonly timer: NodeJS.Timeout;
}

/**
 * One producer socket per topic (`ws/v2/producer/…`; batching only where the bus was told it is safe). Frames go out in call order; each publish
 * resolves on the broker's `ok` receipt, matched by `context`. It rejects with BusUnavailableError on an error
 * receipt, when the socket drops before the receipt (the message may or may not be stored: at-least-once for a
 * caller that retries), or after publishTimeoutMs. Publishes while the socket is down wait for the next
 * connection attempt, which is made at once; if that attempt fails they are rejected.
 */
export class WsProducer {
  readonly #socket: ReconnectingSocket;
  readonly #untrack: () => void;
  /** Sent, waiting for the receipt, in send order. */
  readonly #inFlight = new Map<string, Pending>();
  /** Waiting for the socket, in call order. */
  #queued: Pending[] = [];
  #nextContext = 1;
  #closed = false;

  constructor(
    private readonly context: ProducerContext,
    readonly topic: string,
  ) {
    const params = new URLSearchParams({
      batchingEnabled: String(context.batching),
      batchingMaxPublishDelay: '1',
      sendTimeoutMillis: String(context.publishTimeoutMs),
    });
    const url = `${context.sockets.wsBase}/producer/${topicPath(context.ns, topic)}?${params}`;
    this.#socket = new ReconnectingSocket({
      ...context.sockets,
      name: `pulsar producer on ${topic}`,
      url: () => url,
      onMessage: (text) => this.#receipt(text),
      onOpen: () => this.#opened(),
      onDown: (error, wasOpen) => this.#down(error, wasOpen),
    });
    this.#untrack = context.reachability.track(this.#socket);
  }

  publish(message: OutgoingMessage): Promise<{ messageId: string }> {
    if (this.#closed) return Promise.reject(new BusUnavailableError(`pulsar bus: closed; the message to ${this.topic} was not sent`));
    return new Promise((resolve, reject) => {
      const context = String(this.#nextContext++);
      const timeoutMs = this.context.publishTimeoutMs;
      const timer = setTimeout(() => this.#fail(pending, `pulsar bus: no receipt for the message to ${this.topic} within ${timeoutMs} ms`), timeoutMs);
      const pending: Pending = { context, frame: sendFrame(message, context), resolve, reject, timer };
      if (this.#socket.isOpen && this.#queued.length === 0) {
        this.#send(pending);
      } else {
        this.#queued.push(pending);
        this.#socket.connectNow();
      }
    });
  }

  async close(): Promise<void> {
    this.#closed = true;
    this.#failAll(`pulsar bus: closed before the broker confirmed the message to ${this.topic}`);
    this.#untrack();
    await this.#socket.close();
  }

  #opened(): void {
    this.context.reachability.markUp();
    const queued = this.#queued;
    this.#queued = [];
    for (const pending of queued) this.#send(pending);
  }

  #send(pending: Pending): void {
    this.#inFlight.set(pending.context, pending);
    this.#socket.send(pending.frame).catch((error: unknown) => {
      this.#fail(pending, `pulsar bus: could not send the message to ${this.topic}`, { cause: error, sent: false });
    });
  }

  #receipt(text: string): void {
    const receipt = parseReceipt(text);
    if (!receipt) return;
    // receipts come in send order: without a context, it is the oldest one's
    const pending = (receipt.context !== undefined ? this.#inFlight.get(receipt.context) : undefined) ?? this.#inFlight.values().next().value;
    if (!pending) return;
    if (receipt.error === undefined && receipt.messageId) {
      this.#settle(pending);
      pending.resolve({ messageId: receipt.messageId });
    } else {
      this.#fail(pending, `pulsar bus: the broker refused the message to ${this.topic} (${receipt.error})`, { sent: false });
    }
  }

  #down(error: Error, wasOpen: boolean): void {
    this.context.reachability.markDown();
    const why = wasOpen ? 'the connection dropped before the broker confirmed' : 'could not connect to send';
    this.#failAll(`pulsar bus: ${why} the message to ${this.topic}`, error);
  }

  #failAll(message: string, cause?: unknown): void {
    const all = [...this.#inFlight.values(), ...this.#queued];
    for (const pending of all) this.#fail(pending, message, { cause });
  }

  /**
   * Rejects one publish. Its outcome is unknown when it was handed to the socket and neither confirmed nor refused
   * (`sent: false` says it certainly did not reach the broker, or the broker said no).
   */
  #fail(pending: Pending, message: string, options: { cause?: unknown; sent?: boolean } = {}): void {
    const outcomeUnknown = (options.sent ?? true) && this.#inFlight.has(pending.context);
    this.#settle(pending);
    pending.reject(new BusUnavailableError(message, { cause: options.cause, outcomeUnknown }));
  }

  #settle(pending: Pending): void {
    clearTimeout(pending.timer);
    this.#inFlight.delete(pending.context);
    this.#queued = this.#queued.filter((queued) => queued !== pending);
  }
}
