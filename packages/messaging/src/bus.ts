/**
 * The Bus port: the only way services and the gateway talk to a message broker.
 * Transports (memory, Pulsar over WebSocket, native Pulsar) implement it, one file each, and all of them
 * pass the same contract suite (test/contract/bus-contract.ts).
 */

/** A message as it travels: the shared JSON envelope (see @alpes/contracts) serialised by the caller. */
export interface OutgoingMessage {
  /** Ordering key: the aggregate id. Messages with one key are delivered in publish order. */
  key: string;
  /** Serialised envelope (JSON text). */
  body: string;
  /** Optional string properties carried beside the body (e.g. message type, for filtering without parsing). */
  properties?: Record<string, string>;
}

/** A message as a consumer or reader sees it. */
export interface DeliveredMessage {
  topic: string;
  /**
   * Transport-assigned position of the message in its topic, opaque to callers.
   * Readers can resume strictly after it (`{ afterMessageId }`).
   */
  messageId: string;
  key: string;
  body: string;
  properties: Record<string, string>;
  publishTime: Date;
  /**
   * 0 on first delivery; incremented on every redelivery after a nack or an ack timeout. After a consumer crash
   * Pulsar may restart the count (the broker forgets counts when a subscription's last consumer leaves).
   */
  redeliveryCount: number;
}

/**
 * How consumers of one named subscription share its messages:
 * - `shared`: workers of one service split the messages (no ordering guarantee);
 * - `key-shared`: workers split the messages, but all messages of one key go to one consumer, in order;
 * - `exclusive`: one consumer only; a second one is refused. Use a per-instance subscription name to fan out
 *   every message to every instance (each gateway instance sees every event).
 */
export type SubscriptionMode = 'shared' | 'key-shared' | 'exclusive';

/** Where a new subscription or a reader starts. */
export type StartPosition = { from: 'earliest' } | { from: 'latest' } | { from: 'after-message'; messageId: string } | { from: 'time'; time: Date };

/**
 * Processes one message. Resolving acknowledges it; throwing negatively acknowledges it, so it is
 * redelivered (to this or another consumer) until it succeeds or exceeds maxRedeliveries.
 */
export type MessageHandler = (message: DeliveredMessage) => Promise<void>;

/**
 * Told about every handler that threw, on every transport (for a consumer the throw is also a nack or a retry).
 * Each transport's options take one as `onHandlerError`; the default ignores them.
 */
export type HandlerErrorListener = (error: unknown, message: DeliveredMessage, source: 'consumer' | 'reader') => void;

export interface ConsumeOptions {
  topic: string;
  subscription: string;
  mode: SubscriptionMode;
  handler: MessageHandler;
  /** Where a NEW subscription starts (existing ones resume from their acknowledged position). Default earliest. */
  initialPosition?: 'earliest' | 'latest';
  /** After this many failed deliveries the message goes to `deadLetterTopic` (default `<topic>-DLQ`) and is acked. */
  maxRedeliveries?: number;
  deadLetterTopic?: string;
  /** Delay before a nacked message is redelivered (default 1 000 ms). */
  redeliveryDelayMs?: number;
  /**
   * Messages this consumer may have in flight at once (shared and key-shared; exclusive: always 1). Default: the
   * transport's setting. A handler that batches (group commit) asks for more, so that a batch can fill up.
   */
  maxInFlight?: number;
}

export interface Consumer {
  /**
   * Stops receiving; waits (for a bounded time, per transport) for in-flight handlers to finish and ack.
   * A handler still running then is treated as crashed: its message is redelivered to others, its late result ignored.
   */
  close(): Promise<void>;
}

export interface ReadOptions {
  topic: string;
  start: StartPosition;
  /** Called for every message in topic order, history first, then live ones. */
  handler: (message: DeliveredMessage) => Promise<void> | void;
}

export interface Reader {
  close(): Promise<void>;
}

export interface Bus {
  /** Resolves with the message id only once the transport has confirmed (persisted) the message; rejects otherwise. */
  publish(topic: string, message: OutgoingMessage): Promise<{ messageId: string }>;
  consume(options: ConsumeOptions): Promise<Consumer>;
  /** A non-durable reader: replays from a start position and then follows the topic live. Leaves nothing on the broker. */
  read(options: ReadOptions): Promise<Reader>;
  /** True while the transport can reach its broker (readiness). */
  isConnected(): boolean;
  close(): Promise<void>;
}

/** Thrown by publish when the broker did not confirm the message: callers must answer UNAVAILABLE. */
export class BusUnavailableError extends Error {
  /**
   * True when a publish reached the broker but its confirmation did not come back (a timeout, or the connection
   * dropped after sending): the message may be stored after all. False when it was certainly not stored.
   */
  readonly outcomeUnknown: boolean;

  constructor(message: string, options?: { cause?: unknown; outcomeUnknown?: boolean }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'BusUnavailableError';
    this.outcomeUnknown = options?.outcomeUnknown ?? false;
  }
}
