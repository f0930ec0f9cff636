import type { ConsumeOptions, DeliveredMessage, HandlerErrorListener, MessageHandler, SubscriptionMode } from '../../bus.js';
import { deadLetterTopicFor } from './topic-names.js';

export const DEFAULT_REDELIVERY_DELAY_MS = 1_000;

/** One message received by a consumer, with the way to settle it on the broker. */
export interface Delivery {
  readonly message: DeliveredMessage;
  ack(): void;
  nack(): void;
}

export interface SchedulerSettings {
  readonly mode: SubscriptionMode;
  readonly handler: MessageHandler;
  /** Handlers running at once for shared and key-shared (exclusive: always 1). */
  readonly concurrency: number;
  readonly redeliveryDelayMs: number;
  readonly maxRedeliveries: number | undefined;
  /** Publishes a message that failed too often to the dead-letter topic (then it is acked). */
  readonly deadLetter: (message: DeliveredMessage) => Promise<void>;
  readonly onHandlerError: HandlerErrorListener | undefined;
}

/**
 * Runs a consumer's handler on the messages the broker hands it: resolve → ack, throw → nack.
 *
 * - shared: up to `concurrency` handlers at once, in arrival order; a failure is nacked, so the broker
 *   redelivers it after the redelivery delay (to any consumer) and dead-letters it after maxRedeliveries.
 * - exclusive: one handler at a time, in topic order; failures are nacked like shared.
 * - key-shared: one message per key at a time, in topic order, keys in parallel. A failure is retried HERE after
 *   the redelivery delay, with later messages of its key held back behind it (a broker nack would let the next
 *   message of the key, already prefetched, overtake it). The message stays unacknowledged on the broker
 *   meanwhile, so a crash still hands it to another consumer. After maxRedeliveries failed retries it is
 *   published to the dead-letter topic and acked, as Pulsar's own client does.
 * - maxRedeliveries 0 (any mode): the first failure is dead-lettered here (Pulsar's dead-letter policy needs >= 1).
 */
export class HandlerScheduler {
  #waiting: Delivery[] = [];
  readonly #busyKeys = new Set<string>();
  readonly #running = new Set<Promise<void>>();
  #stopped = false;
  #abandoned = false;
  #wakeStopped!: () => void;
  readonly #stopSignal = new Promise<void>((resolve) => (this.#wakeStopped = resolve));

  constructor(private readonly settings: SchedulerSettings) {}

  /** The scheduler of a consumer with these port options, on either transport (dead letters to `<topic>-DLQ` by default). */
  static forConsumer(
    options: ConsumeOptions,
    context: {
      maxConcurrentHandlers: number;
      onHandlerError: HandlerErrorListener | undefined;
      deadLetter: (topic: string, message: DeliveredMessage) => Promise<void>;
    },
  ): HandlerScheduler {
    const deadLetterTopic = deadLetterTopicFor(options);
    return new HandlerScheduler({
      mode: options.mode,
      handler: options.handler,
      concurrency: options.maxInFlight ?? context.maxConcurrentHandlers,
      redeliveryDelayMs: options.redeliveryDelayMs ?? DEFAULT_REDELIVERY_DELAY_MS,
      maxRedeliveries: options.maxRedeliveries,
      deadLetter: (message) => context.deadLetter(deadLetterTopic, message),
      onHandlerError: context.onHandlerError,
    });
  }

  push(delivery: Delivery): void {
    if (this.#stopped) return;
    this.#waiting.push(delivery);
    this.#pump();
  }

  /**
   * The connection they came on dropped: messages not started yet are dropped, the broker redelivers them
   * (running ones finish; their acks go out on the next connection, if any).
   */
  discardWaiting(): void {
    this.#waiting = [];
  }

  /** Starts nothing new; messages not started yet are dropped (unacknowledged: the broker redelivers them). */
  stop(): void {
    this.#stopped = true;
    this.#waiting = [];
    this.#wakeStopped();
  }

  /**
   * Waits for running handlers (at most `timeoutMs`). Handlers still running then are abandoned like those of
   * a crashed process: whatever they do later is neither acked nor nacked. True when all settled in time.
   */
  async drain(timeoutMs: number): Promise<boolean> {
    let timer: NodeJS.Timeout | undefined;
    const settled = await Promise.race([
      Promise.allSettled([...this.#running]).then(() => true),
      new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), timeoutMs))),
    ]);
    clearTimeout(timer);
    if (!settled) this.#abandoned = true;
    return settled;
  }

  #pump(): void {
    const limit = this.settings.mode === 'exclusive' ? 1 : this.settings.concurrency;
    const keyShared = this.settings.mode === 'key-shared';
    for (let index = 0; index < this.#waiting.length && this.#running.size < limit; ) {
      const delivery = this.#waiting[index]!;
      if (keyShared && this.#busyKeys.has(delivery.message.key)) {
        index += 1;
        continue;
      }
      this.#waiting.splice(index, 1);
      this.#start(delivery);
    }
  }

  #start(delivery: Delivery): void {
    const key = delivery.message.key;
    this.#busyKeys.add(key);
    const run = this.#run(delivery).finally(() => {
      this.#busyKeys.delete(key);
      this.#running.delete(run);
      if (!this.#stopped) this.#pump();
    });
    this.#running.add(run);
  }

  async #run(delivery: Delivery): Promise<void> {
    const { handler, mode, maxRedeliveries, redeliveryDelayMs } = this.settings;
    let message = delivery.message;
    for (;;) {
      try {
        await handler(message);
        if (!this.#abandoned) delivery.ack();
        return;
      } catch (error) {
        this.settings.onHandlerError?.(error, message, 'consumer');
        if (this.#abandoned) return;
        const exhausted = maxRedeliveries !== undefined && message.redeliveryCount >= maxRedeliveries;
        if (exhausted && (mode === 'key-shared' || maxRedeliveries === 0)) {
          await this.#deadLetter(delivery, message);
          return;
        }
        if (mode !== 'key-shared') {
          delivery.nack(); // the broker redelivers it after the delay, or dead-letters it after maxRedeliveries
          return;
        }
      }
      await Promise.race([sleep(redeliveryDelayMs), this.#stopSignal]);
      if (this.#stopped) return; // closing: left unacknowledged, the broker redelivers it
      message = { ...message, properties: { ...message.properties }, redeliveryCount: message.redeliveryCount + 1 };
    }
  }

  async #deadLetter(delivery: Delivery, message: DeliveredMessage): Promise<void> {
    try {
      await this.settings.deadLetter(message);
      if (!this.#abandoned) delivery.ack();
    } catch (error) {
      this.settings.onHandlerError?.(error, message, 'consumer');
      if (!this.#abandoned) delivery.nack(); // the broker redelivers it; dead-lettering is tried again then
    }
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** The broker's prefetch for a consumer: at least as many messages as it may handle at once, at most 1 000. */
export function receiverQueueSizeFor(options: { maxInFlight?: number }, configured: number): number {
  return Math.min(1_000, Math.max(configured, options.maxInFlight ?? 0));
}
