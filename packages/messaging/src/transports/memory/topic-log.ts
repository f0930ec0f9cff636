import type { DeliveredMessage, OutgoingMessage } from '../../bus.js';

/** One stored message: immutable once appended. `index` is its position in the topic's log. */
export interface StoredMessage {
  readonly index: number;
  readonly messageId: string;
  readonly key: string;
  readonly body: string;
  readonly properties: Readonly<Record<string, string>>;
  readonly publishTime: number;
}

const MESSAGE_ID_DIGITS = 16;
const MESSAGE_ID_PATTERN = /^\d{16}$/;

/** Message ids are the zero-padded log index: monotonically increasing per topic, opaque to callers. */
export function encodeMessageId(index: number): string {
  return String(index).padStart(MESSAGE_ID_DIGITS, '0');
}

/** The log index of a message id produced by {@link encodeMessageId}; throws on anything else. */
export function decodeMessageId(messageId: string): number {
  if (!MESSAGE_ID_PATTERN.test(messageId)) {
    throw new Error(`memory bus: "${messageId}" is not a message id of this transport`);
  }
  return Number(messageId);
}

/** A message as handed to a handler: a fresh object every time, so a handler cannot alter what others see. */
export function toDelivered(topic: string, message: StoredMessage, redeliveryCount: number): DeliveredMessage {
  return {
    topic,
    messageId: message.messageId,
    key: message.key,
    body: message.body,
    properties: { ...message.properties },
    publishTime: new Date(message.publishTime),
    redeliveryCount,
  };
}

/**
 * A topic: an append-only, in-memory log. Appending notifies listeners synchronously; listeners only
 * schedule work (see AsyncTrigger), so no handler ever runs inside publish.
 */
export class TopicLog {
  readonly #messages: StoredMessage[] = [];
  readonly #listeners = new Set<() => void>();
  #lastPublishTime = 0;

  constructor(readonly name: string) {}

  get length(): number {
    return this.#messages.length;
  }

  at(index: number): StoredMessage | undefined {
    return this.#messages[index];
  }

  append(message: OutgoingMessage): StoredMessage {
    const index = this.#messages.length;
    // Publish times never go backwards, so readers can binary-search them.
    this.#lastPublishTime = Math.max(this.#lastPublishTime, Date.now());
    const stored: StoredMessage = Object.freeze({
      index,
      messageId: encodeMessageId(index),
      key: message.key,
      body: message.body,
      properties: Object.freeze({ ...(message.properties ?? {}) }),
      publishTime: this.#lastPublishTime,
    });
    this.#messages.push(stored);
    for (const listener of this.#listeners) listener();
    return stored;
  }

  /** Registers a listener for appends; returns the function that removes it. */
  onAppend(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** The index strictly after the given message (it need not exist yet). */
  indexAfter(messageId: string): number {
    return decodeMessageId(messageId) + 1;
  }

  /** The index of the first message published at or after `time` (the log length if none yet). */
  indexAtTime(time: Date): number {
    const target = time.getTime();
    if (Number.isNaN(target)) throw new Error('memory bus: start time is not a valid date');
    let low = 0;
    let high = this.#messages.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if ((this.#messages[middle]?.publishTime ?? Infinity) < target) low = middle + 1;
      else high = middle;
    }
    return low;
  }
}
