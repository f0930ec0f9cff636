import type { Consumer, HandlerErrorListener, MessageHandler, SubscriptionMode } from '../../bus.js';
import { settlesWithin } from './async-trigger.js';
import type { FailurePolicy, Subscription, SubscriptionMember } from './subscription.js';
import type { PendingEntry } from './subscription-dispatcher.js';
import { toDelivered } from './topic-log.js';

export interface MemoryConsumerSettings {
  readonly mode: SubscriptionMode;
  readonly handler: MessageHandler;
  readonly capacity: number;
  readonly failurePolicy: FailurePolicy;
  /** How long close() waits for in-flight handlers before treating them as crashed. */
  readonly closeTimeoutMs: number;
  readonly onHandlerError: HandlerErrorListener | undefined;
}

let nextConsumerId = 1;

/**
 * One consumer of a subscription: runs the handler for each message the subscription dispatches to it
 * (resolve = ack, throw = nack) and reports the outcome back.
 */
export class MemoryConsumer implements Consumer, SubscriptionMember {
  readonly id = nextConsumerId++;
  readonly #running = new Set<Promise<void>>();
  #closing: Promise<void> | undefined;

  constructor(
    private readonly subscription: Subscription,
    private readonly settings: MemoryConsumerSettings,
    private readonly onClosed: (consumer: MemoryConsumer) => void,
  ) {}

  get mode(): SubscriptionMode {
    return this.settings.mode;
  }

  get capacity(): number {
    return this.settings.capacity;
  }

  get failurePolicy(): FailurePolicy {
    return this.settings.failurePolicy;
  }

  start(entry: PendingEntry): void {
    const message = toDelivered(this.subscription.log.name, entry.message, entry.redeliveryCount);
    const run = Promise.resolve()
      .then(() => this.settings.handler(message))
      .then(
        () => this.subscription.settle(this, entry, 'ack'),
        (error: unknown) => {
          this.settings.onHandlerError?.(error, message, 'consumer');
          this.subscription.settle(this, entry, 'nack');
        },
      )
      .finally(() => this.#running.delete(run));
    this.#running.add(run);
  }

  /**
   * Stops receiving, waits for in-flight handlers to settle (their acks and nacks count), for at most
   * `closeTimeoutMs`. Handlers still running then are treated like a crashed process: their messages go back
   * to the subscription for the other consumers and whatever those handlers do later is ignored.
   */
  close(): Promise<void> {
    this.#closing ??= this.#close();
    return this.#closing;
  }

  async #close(): Promise<void> {
    this.subscription.stopReceiving(this);
    if (this.#running.size > 0) {
      await settlesWithin(Promise.allSettled([...this.#running]), this.settings.closeTimeoutMs);
    }
    this.subscription.detach(this);
    this.onClosed(this);
  }
}
