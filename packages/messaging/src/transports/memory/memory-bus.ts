import {
  BusUnavailableError,
  type Bus,
  type ConsumeOptions,
  type Consumer,
  type OutgoingMessage,
  type ReadOptions,
  type Reader,
  type StartPosition,
  type HandlerErrorListener,
} from '../../bus.js';
import { MemoryConsumer } from './memory-consumer.js';
import { MemoryReader } from './memory-reader.js';
import { Subscription } from './subscription.js';
import { TopicLog, type StoredMessage } from './topic-log.js';
import { checkConsumeOptions, checkName, checkOutgoing } from './validation.js';

export interface MemoryBusOptions {
  /** Messages a shared or key-shared consumer may have in flight at once (default 5; exclusive: always 1). */
  maxInFlightPerConsumer?: number;
  /** How long consumer.close() / reader.close() wait for running handlers before abandoning them (default 1 000 ms). */
  closeTimeoutMs?: number;
  /** Told about every handler that threw (a consumer's throw is also a nack). Default: ignored. */
  onHandlerError?: HandlerErrorListener;
}

const DEFAULT_REDELIVERY_DELAY_MS = 1_000;

interface TopicState {
  readonly log: TopicLog;
  readonly subscriptions: Map<string, Subscription>;
}

/**
 * The in-process Bus transport, for development, tests and the single-process local stack.
 *
 * NO DURABILITY: topics, subscriptions and their positions live in this object's memory only. They survive
 * a consumer closing and reopening within the process, but everything is gone when the process (or this
 * MemoryBus) ends; a new MemoryBus starts empty. Use the Pulsar transport for anything that must survive.
 *
 * Semantics mirror Apache Pulsar (see the contract suite): topics are append-only logs; shared, key-shared
 * and exclusive subscriptions; nack → redelivery after a delay with redeliveryCount + 1; dead-letter topic
 * after maxRedeliveries; non-durable readers. Handlers always run asynchronously, never inside publish.
 * `simulateOutage` lets tests exercise the UNAVAILABLE path.
 */
export class MemoryBus implements Bus {
  readonly #topics = new Map<string, TopicState>();
  readonly #consumers = new Set<MemoryConsumer>();
  readonly #readers = new Set<MemoryReader>();
  readonly #maxInFlight: number;
  readonly #closeTimeoutMs: number;
  readonly #onHandlerError: HandlerErrorListener | undefined;
  #closed = false;
  #outage = false;
  #confirmationsLost = false;
  #closing: Promise<void> | undefined;

  constructor(options: MemoryBusOptions = {}) {
    this.#maxInFlight = positiveInteger(options.maxInFlightPerConsumer ?? 5, 'maxInFlightPerConsumer');
    this.#closeTimeoutMs = Math.max(0, options.closeTimeoutMs ?? 1_000);
    this.#onHandlerError = options.onHandlerError;
  }

  async publish(topic: string, message: OutgoingMessage): Promise<{ messageId: string }> {
    if (this.#closed) throw new BusUnavailableError('memory bus: closed; the message was not stored');
    if (this.#outage) throw new BusUnavailableError('memory bus: simulated outage; the message was not stored');
    checkName('topic', topic);
    checkOutgoing(message);
    const { messageId } = this.#topic(topic).log.append(message);
    if (this.#confirmationsLost) throw new BusUnavailableError('memory bus: simulated lost confirmation; the message WAS stored', { outcomeUnknown: true });
    return { messageId };
  }

  async consume(options: ConsumeOptions): Promise<Consumer> {
    this.#assertOpen();
    checkConsumeOptions(options);
    const { log, subscriptions } = this.#topic(options.topic);
    let subscription = subscriptions.get(options.subscription);
    if (!subscription) {
      subscription = new Subscription(options.subscription, log, options.mode, options.initialPosition ?? 'earliest', {
        canDispatch: () => !this.#closed && !this.#outage,
        deadLetter: (deadLetterTopic, from, message) => this.#deadLetter(deadLetterTopic, from, message),
      });
      subscriptions.set(options.subscription, subscription);
    }
    const consumer = new MemoryConsumer(
      subscription,
      {
        mode: options.mode,
        handler: options.handler,
        capacity: options.mode === 'exclusive' ? 1 : (options.maxInFlight ?? this.#maxInFlight),
        failurePolicy: {
          redeliveryDelayMs: options.redeliveryDelayMs ?? DEFAULT_REDELIVERY_DELAY_MS,
          maxRedeliveries: options.maxRedeliveries,
          deadLetterTopic: options.deadLetterTopic ?? `${options.topic}-DLQ`,
        },
        closeTimeoutMs: this.#closeTimeoutMs,
        onHandlerError: this.#onHandlerError,
      },
      (closed) => this.#consumers.delete(closed),
    );
    subscription.attach(consumer); // throws when refused (exclusive, or another mode in use)
    this.#consumers.add(consumer);
    return consumer;
  }

  async read(options: ReadOptions): Promise<Reader> {
    this.#assertOpen();
    checkName('topic', options.topic);
    const { log } = this.#topic(options.topic);
    const reader = new MemoryReader(
      log,
      startIndex(log, options.start),
      {
        handler: options.handler,
        canDeliver: () => !this.#closed && !this.#outage,
        closeTimeoutMs: this.#closeTimeoutMs,
        onHandlerError: this.#onHandlerError,
      },
      (closed) => this.#readers.delete(closed),
    );
    this.#readers.add(reader);
    return reader;
  }

  isConnected(): boolean {
    return !this.#closed && !this.#outage;
  }

  /**
   * Messages a subscription has not acknowledged yet (what Pulsar's admin stats call msgBacklog). A subscription
   * that does not exist yet counts from the earliest message, where a new one would start.
   */
  backlog(topic: string, subscription: string): number {
    const state = this.#topics.get(topic);
    if (!state) return 0;
    return state.subscriptions.get(subscription)?.backlogSize ?? state.log.length;
  }

  /**
   * Test hook for the UNAVAILABLE path. While on: publish rejects with BusUnavailableError (nothing is stored),
   * isConnected() is false and consumers and readers receive nothing new. Handlers already running finish
   * normally. When switched off, delivery resumes where it stopped: nothing is lost.
   */
  simulateOutage(on: boolean): void {
    this.#outage = on;
    if (on) return;
    for (const { subscriptions } of this.#topics.values()) for (const subscription of subscriptions.values()) subscription.wake();
    for (const reader of this.#readers) reader.wake();
  }

  /**
   * Test hook for a publish whose confirmation is lost (a broker timeout): while on, publish stores the message and
   * delivers it as usual, then rejects with BusUnavailableError whose outcomeUnknown is true.
   */
  simulateLostConfirmations(on: boolean): void {
    this.#confirmationsLost = on;
  }

  /** Closes every consumer and reader (waiting for their handlers as their close() does); idempotent. */
  close(): Promise<void> {
    this.#closing ??= this.#close();
    return this.#closing;
  }

  async #close(): Promise<void> {
    this.#closed = true;
    await Promise.all([...this.#consumers].map((consumer) => consumer.close()));
    await Promise.all([...this.#readers].map((reader) => reader.close()));
    for (const { subscriptions } of this.#topics.values()) for (const subscription of subscriptions.values()) subscription.dispose();
  }

  #assertOpen(): void {
    if (this.#closed) throw new Error('memory bus: closed');
  }

  #topic(name: string): TopicState {
    let state = this.#topics.get(name);
    if (!state) {
      state = { log: new TopicLog(name), subscriptions: new Map() };
      this.#topics.set(name, state);
    }
    return state;
  }

  /** Like Pulsar's dead-letter producer: same key, body and properties, plus where the message came from. */
  #deadLetter(deadLetterTopic: string, from: TopicLog, message: StoredMessage): void {
    this.#topic(deadLetterTopic).log.append({
      key: message.key,
      body: message.body,
      properties: { ...message.properties, REAL_TOPIC: from.name, ORIGIN_MESSAGE_ID: message.messageId },
    });
  }
}

function startIndex(log: TopicLog, start: StartPosition): number {
  switch (start.from) {
    case 'earliest':
      return 0;
    case 'latest':
      return log.length;
    case 'after-message':
      return log.indexAfter(start.messageId);
    case 'time':
      return log.indexAtTime(start.time);
    default:
      throw new Error(`memory bus: unknown start position ${JSON.stringify(start satisfies never)}`);
  }
}

function positiveInteger(value: number, name: string): number {
  if (!Number.isInteger(value) || value < 1) throw new Error(`memory bus: ${name} must be a positive integer`);
  return value;
}
