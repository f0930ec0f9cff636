import { parseMessage, type TypedEnvelope } from '@alpes/contracts';
import type { Bus, DeliveredMessage, Reader, StartPosition } from '@alpes/messaging';
import type { Logger } from '@alpes/platform';
import { BoundedLru } from './bounded-lru.js';
import { encodeEventoId } from './event-cursor.js';

/** One event as subscribers see it: the parsed envelope and its eventoId (cursor). */
export interface HubEvent {
  topic: string;
  eventoId: string;
  envelope: TypedEnvelope;
  /** This hub's dispatch order (every topic, every reader): a subscriber that joined at sequence S gets events after S. */
  sequence: number;
}

/** One client subscription's end of the hub. Must not block: it filters and queues. */
export interface EventSink {
  accepts(event: HubEvent): boolean;
  /**
   * Takes the event without blocking. On a reader of its own (replay) the sink may return a promise: the reader
   * waits for it before it takes the next message (backpressure: the broker keeps the backlog, not the gateway). A
   * shared reader never waits for one sink.
   */
  push(event: HubEvent): void | Promise<void>;
  /** The hub is shutting down: no more events. */
  close(): void;
}

/** Stops a sink's delivery; closes the bus reader when it was the last (or the dedicated one). */
export type LeaveHub = () => Promise<void>;

export interface EventHubOptions {
  /** Envelope ids remembered per reader to drop duplicates (default 10 000). */
  dedupeCapacity?: number;
}

interface TopicReader {
  readonly topic: string;
  readonly sinks: Set<EventSink>;
  readonly seen: BoundedLru<string, true>;
  opening?: Promise<Reader>;
}

/**
 * Fans bus events out to GraphQL subscriptions: ONE shared bus reader per event topic per gateway instance,
 * however many clients, opened on the first client and closed when the last leaves.
 *
 * Why a non-durable reader from `latest` and not a durable subscription: live subscribers only want what
 * happens while they are connected, and a gateway instance may die at any time. A durable subscription
 * would keep (and grow) a backlog on the broker for every dead instance until someone deletes it; a reader
 * leaves nothing behind. Clients that need history resume explicitly (desdeEvento / desde), which opens a
 * dedicated reader for that client from the position it asked for.
 */
export class EventHub {
  readonly #shared = new Map<string, TopicReader>();
  readonly #dedicated = new Set<TopicReader>();
  readonly #open = new Set<Reader>();
  readonly #observers = new Set<(event: HubEvent) => void>();
  readonly #dedupeCapacity: number;
  #closed = false;
  #sequence = 0;

  constructor(
    private readonly bus: Bus,
    private readonly logger: Logger,
    options: EventHubOptions = {},
  ) {
    this.#dedupeCapacity = options.dedupeCapacity ?? 10_000;
  }

  /** Bus readers this hub holds open right now (shared and dedicated). */
  activeReaders(): number {
    return this.#open.size;
  }

  /** The sequence of the last event dispatched: a subscriber joining now gets events numbered above it. */
  get lastSequence(): number {
    return this.#sequence;
  }

  /**
   * Sees every event this hub dispatches (shared and replay readers alike) before any subscriber does: the gateway
   * cache invalidates there, so a client that got an event and then queries never reads what the event changed.
   * Observers must be quick and synchronous. Returns the way to stop observing.
   */
  observe(observer: (event: HubEvent) => void): () => void {
    this.#observers.add(observer);
    return () => this.#observers.delete(observer);
  }

  /** Live events of `topic` from now on, through the topic's shared reader. */
  async join(topic: string, sink: EventSink): Promise<LeaveHub> {
    this.#assertOpen();
    let shared = this.#shared.get(topic);
    if (!shared) {
      shared = this.#topicReader(topic);
      this.#shared.set(topic, shared);
    }
    shared.sinks.add(sink);
    const entry = shared;
    entry.opening ??= this.#openReader(entry, { from: 'latest' }, false);
    try {
      await entry.opening;
    } catch (error) {
      await this.#leaveShared(entry, sink);
      throw error;
    }
    return once(() => this.#leaveShared(entry, sink));
  }

  /** Events of `topic` from `start` (replayed, then live) through a reader of this sink's own. */
  async replay(topic: string, start: StartPosition, sink: EventSink): Promise<LeaveHub> {
    this.#assertOpen();
    const dedicated = this.#topicReader(topic);
    dedicated.sinks.add(sink);
    this.#dedicated.add(dedicated);
    try {
      dedicated.opening = this.#openReader(dedicated, start, true);
      await dedicated.opening;
    } catch (error) {
      this.#dedicated.delete(dedicated);
      throw error;
    }
    return once(async () => {
      this.#dedicated.delete(dedicated);
      await this.#closeReader(dedicated);
    });
  }

  /** Closes every reader and tells every sink. */
  async close(): Promise<void> {
    this.#closed = true;
    const all = [...this.#shared.values(), ...this.#dedicated];
    this.#shared.clear();
    this.#dedicated.clear();
    for (const entry of all) for (const sink of entry.sinks) sink.close();
    await Promise.all(all.map((entry) => this.#closeReader(entry)));
  }

  #topicReader(topic: string): TopicReader {
    return { topic, sinks: new Set(), seen: new BoundedLru(this.#dedupeCapacity) };
  }

  async #openReader(entry: TopicReader, start: StartPosition, dedicated: boolean): Promise<Reader> {
    const reader = await this.bus.read({ topic: entry.topic, start, handler: (message) => this.#dispatch(entry, message, dedicated) });
    this.#open.add(reader);
    return reader;
  }

  async #leaveShared(entry: TopicReader, sink: EventSink): Promise<void> {
    entry.sinks.delete(sink);
    if (entry.sinks.size > 0) return;
    if (this.#shared.get(entry.topic) === entry) this.#shared.delete(entry.topic);
    await this.#closeReader(entry);
  }

  async #closeReader(entry: TopicReader): Promise<void> {
    const reader = await entry.opening?.catch(() => undefined);
    if (!reader || !this.#open.delete(reader)) return;
    await reader.close();
  }

  /**
   * Runs inside the bus reader: parse, dedupe, fan out. Synchronous on a shared reader, so a slow client never holds
   * it; a reader of one sink's own (`dedicated`) waits for what that sink returns.
   */
  #dispatch(entry: TopicReader, message: DeliveredMessage, dedicated: boolean): void | Promise<void> {
    let envelope: TypedEnvelope;
    try {
      envelope = parseMessage(message.body);
    } catch (error) {
      this.logger.warn({ topic: message.topic, messageId: message.messageId, reason: String(error) }, 'skipping an invalid message');
      return;
    }
    if (!entry.seen.rememberIfNew(envelope.id, true)) return;
    this.#sequence += 1;
    const event: HubEvent = { topic: message.topic, eventoId: encodeEventoId(message), envelope, sequence: this.#sequence };
    for (const observer of this.#observers) {
      try {
        observer(event);
      } catch (error) {
        this.logger.error({ topic: message.topic, reason: String(error) }, 'an event observer failed');
      }
    }
    let backpressure: void | Promise<void> = undefined;
    for (const sink of [...entry.sinks]) {
      try {
        if (sink.accepts(event)) backpressure = sink.push(event);
      } catch (error) {
        this.logger.error({ topic: message.topic, reason: String(error) }, 'a subscription failed to take an event');
      }
    }
    return dedicated ? backpressure : undefined;
  }

  #assertOpen(): void {
    if (this.#closed) throw new Error('event hub: closed');
  }
}

function once(action: () => Promise<void>): LeaveHub {
  let done: Promise<void> | undefined;
  return () => (done ??= action());
}
