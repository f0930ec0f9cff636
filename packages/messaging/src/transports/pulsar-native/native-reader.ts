import { BusUnavailableError, type DeliveredMessage, type ReadOptions, type Reader, type HandlerErrorListener } from '../../bus.js';
import type { PulsarAdminClient } from '../pulsar-common/admin-client.js';
import { closeOnce, settleWithin } from '../pulsar-common/endpoint-lifecycle.js';
import {
  decodeMessageId,
  decodeMessagePosition,
  isAtOrBefore,
  isMessageAtOrBefore,
  justBefore,
  type LedgerPosition,
  type MessagePosition,
} from '../pulsar-common/message-id.js';
import type { Reachability } from '../pulsar-common/reachability.js';
import { resolveStart } from '../pulsar-common/start-position.js';
import type { NativeClient, NativeMessage, NativeReader, PulsarClientModule } from './native-api.js';
import { toDelivered } from './native-consumer.js';

export interface NativeReaderContext {
  readonly api: PulsarClientModule;
  readonly client: NativeClient;
  readonly admin: PulsarAdminClient;
  readonly reachability: Reachability;
  readonly fullTopicName: (topic: string) => string;
  readonly receiverQueueSize: number;
  readonly closeTimeoutMs: number;
  readonly onHandlerError: HandlerErrorListener | undefined;
}

/**
 * A reader on the native client, started where the WebSocket reader starts (resolveStart, admin REST):
 * - earliest: MessageId.earliest();
 * - latest: strictly after the topic's last entry (admin lastMessageId; that entry, handed out again when it is a
 *   batch, is skipped here), not MessageId.latest(): pulsar-client 1.18 (libpulsar 4.2.0) reading from latest a topic
 *   whose last entry is a batch may drop the first live messages;
 * - after a message id: MessageId.deserialize() of it (exclusive; inside a batch, the client skips the earlier ones);
 * - a time: just before the first message at or after it (admin messageid/{timestamp}), older ones skipped as well.
 *
 * Messages come through the reader's `listener`, which returns at once; the handler runs on them one at a time, in
 * order, from a queue here. Not readNext(): in pulsar-client 1.18 readNext(timeout) crashes the process (SIGSEGV) on
 * the next call after a timeout, and readNext() without one holds a libuv thread-pool thread until a message comes.
 * Nor a listener that returns the handler's promise: the client's listener thread, shared by every consumer and
 * reader of the client, would wait for it. The native client reconnects and resumes by itself. The addon must be built
 * with scripts/pulsar/reader-listener-fix.mjs (npm run pulsar:native does): pulsar-client 1.18.0 drops the messages that
 * reach the listener before createReader has resolved on the JavaScript thread, the first ones of a replay on a busy process.
 */
export class PulsarNativeReader implements Reader {
  #closed = false;
  #native: NativeReader | undefined;
  #queue: DeliveredMessage[] = [];
  #draining: Promise<void> | undefined;
  /** A drain is running (it may finish synchronously, when no handler returns a promise: then before #draining is set). */
  #drainActive = false;
  #untrack: () => void = () => undefined;
  #notBefore: number | undefined;
  #skipThrough: LedgerPosition | undefined;
  /** After a message of a batch: the reader starts at its entry and skips, here, the batch up to that message. */
  #skipThroughMessage: MessagePosition | undefined;

  static async open(context: NativeReaderContext, options: ReadOptions, onClosed: (reader: PulsarNativeReader) => void): Promise<PulsarNativeReader> {
    const { api } = context;
    if (options.start.from === 'after-message') decodeMessageId(options.start.messageId); // a clear error, not an outage
    const reader = new PulsarNativeReader(context, options, onClosed);
    try {
      const resolved = await resolveStart(context.admin, options.topic, options.start);
      reader.#notBefore = resolved.notBefore;
      reader.#skipThrough = resolved.skipThrough;
      // libpulsar, started after a message inside a batch, has been seen to drop the next message of that batch
      // (pulsar-batching.pulsar.test.ts): start before the batch's entry and skip through the message here instead.
      const afterBatchMessage = options.start.from === 'after-message' ? decodeMessagePosition(options.start.messageId) : undefined;
      if (afterBatchMessage?.batchIndex !== undefined) reader.#skipThroughMessage = afterBatchMessage;
      const startMessageId = reader.#skipThroughMessage
        ? api.MessageId.deserialize(Buffer.from(justBefore(reader.#skipThroughMessage), 'base64'))
        : resolved.messageId === 'earliest'
          ? api.MessageId.earliest()
          : resolved.messageId === 'latest'
            ? api.MessageId.latest() // the topic does not exist yet: nothing to drop
            : api.MessageId.deserialize(Buffer.from(resolved.messageId, 'base64'));
      reader.#native = await context.client.createReader({
        topic: context.fullTopicName(options.topic),
        startMessageId,
        receiverQueueSize: context.receiverQueueSize,
        listener: (message) => reader.#received(message),
      });
    } catch (error) {
      throw new BusUnavailableError(`pulsar bus (native): could not open a reader on ${options.topic}: ${String(error)}`, { cause: error });
    }
    const native = reader.#native;
    reader.#untrack = context.reachability.track({
      get isDown() {
        return !native.isConnected();
      },
    });
    return reader;
  }

  private constructor(
    private readonly context: NativeReaderContext,
    private readonly options: ReadOptions,
    private readonly onClosed: (reader: PulsarNativeReader) => void,
  ) {}

  readonly close = closeOnce({
    quiesce: async () => {
      this.#closed = true;
      this.#queue = [];
      await settleWithin(this.#draining, this.context.closeTimeoutMs);
    },
    untrack: () => this.#untrack(),
    disconnect: async () => void (await this.#native?.close().catch(() => undefined)),
    onClosed: () => this.onClosed(this),
  });

  #received(native: NativeMessage): void {
    if (this.#closed) return;
    const message = toDelivered(this.options.topic, native);
    if (this.#skipThroughMessage !== undefined) {
      if (isMessageAtOrBefore(message.messageId, this.#skipThroughMessage)) return;
      this.#skipThroughMessage = undefined;
    }
    if (this.#skipThrough !== undefined) {
      if (isAtOrBefore(message.messageId, this.#skipThrough)) return;
      this.#skipThrough = undefined;
    }
    if (this.#notBefore !== undefined) {
      if (message.publishTime.getTime() < this.#notBefore) return;
      this.#notBefore = undefined;
    }
    this.#queue.push(message);
    if (!this.#drainActive) this.#draining = this.#drain();
  }

  async #drain(): Promise<void> {
    this.#drainActive = true;
    for (let message = this.#queue.shift(); message && !this.#closed; message = this.#queue.shift()) {
      try {
        const handled = this.options.handler(message);
        if (handled) await handled; // a handler that returns nothing: the next message at once, no promise hop
      } catch (error) {
        this.context.onHandlerError?.(error, message, 'reader');
      }
    }
    this.#drainActive = false; // no await since the queue was found empty: a message arriving now starts a new drain
  }
}
