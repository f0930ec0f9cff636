import { BusUnavailableError, type ReadOptions, type Reader } from '../../bus.js';
import type { HandlerErrorListener } from '../pulsar-websocket/handler-scheduler.js';
import type { PulsarAdminClient } from '../pulsar-websocket/admin-client.js';
import { decodeMessageId, isAtOrBefore, type LedgerPosition } from '../pulsar-websocket/message-id.js';
import type { Reachability } from '../pulsar-websocket/reachability.js';
import { resolveStart, type ResolvedStart } from '../pulsar-websocket/reader.js';
import type { NativeClient, NativeReader, PulsarClientModule } from './native-api.js';
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

const POLL_MS = 500;

/**
 * A reader on the native client, started where the WebSocket reader starts (resolveStart, admin REST):
 * - earliest: MessageId.earliest();
 * - latest: strictly after the topic's last entry (admin lastMessageId; that entry, handed out again when it is a
 *   batch, is skipped here), not MessageId.latest(): pulsar-client 1.18 (libpulsar 4.2.0) reading from latest a topic
 *   whose last entry is a batch may drop the first live messages;
 * - after a message id: MessageId.deserialize() of it (exclusive; inside a batch, the client skips the earlier ones);
 * - a time: just before the first message at or after it (admin messageid/{timestamp}), older ones skipped as well.
 * One message at a time, in order, pulled with readNext; the native client reconnects and resumes by itself.
 */
export class PulsarNativeReader implements Reader {
  #closed = false;
  #loop: Promise<void> | undefined;
  #closing: Promise<void> | undefined;
  #untrack: () => void = () => undefined;

  static async open(context: NativeReaderContext, options: ReadOptions, onClosed: (reader: PulsarNativeReader) => void): Promise<PulsarNativeReader> {
    const { api } = context;
    if (options.start.from === 'after-message') decodeMessageId(options.start.messageId); // a clear error, not an outage
    let native: NativeReader;
    let resolved: ResolvedStart;
    try {
      resolved = await resolveStart(context.admin, options.topic, options.start);
      const startMessageId =
        resolved.messageId === 'earliest'
          ? api.MessageId.earliest()
          : resolved.messageId === 'latest'
            ? api.MessageId.latest() // the topic does not exist yet: nothing to drop
            : api.MessageId.deserialize(Buffer.from(resolved.messageId, 'base64'));
      native = await context.client.createReader({ topic: context.fullTopicName(options.topic), startMessageId, receiverQueueSize: context.receiverQueueSize });
    } catch (error) {
      throw new BusUnavailableError(`pulsar bus (native): could not open a reader on ${options.topic}: ${String(error)}`, { cause: error });
    }
    const reader = new PulsarNativeReader(context, options, native, onClosed);
    reader.#untrack = context.reachability.track({ get isDown() { return !native.isConnected(); } });
    reader.#loop = reader.#run(resolved.notBefore, resolved.skipThrough);
    return reader;
  }

  private constructor(
    private readonly context: NativeReaderContext,
    private readonly options: ReadOptions,
    private readonly native: NativeReader,
    private readonly onClosed: (reader: PulsarNativeReader) => void,
  ) {}

  close(): Promise<void> {
    this.#closing ??= this.#close();
    return this.#closing;
  }

  async #close(): Promise<void> {
    this.#closed = true;
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([this.#loop, new Promise((resolve) => (timer = setTimeout(resolve, this.context.closeTimeoutMs + POLL_MS)))]);
    clearTimeout(timer);
    this.#untrack();
    await this.native.close().catch(() => undefined);
    this.onClosed(this);
  }

  async #run(notBefore: number | undefined, skipThrough: LedgerPosition | undefined): Promise<void> {
    while (!this.#closed) {
      let next;
      const started = Date.now();
      try {
        next = await this.native.readNext(POLL_MS);
      } catch {
        // timeout (nothing new) or a reconnect in progress: poll again, without spinning on fast failures
        if (Date.now() - started < 100) await new Promise((resolve) => setTimeout(resolve, 100));
        continue;
      }
      if (this.#closed) return;
      const message = toDelivered(this.options.topic, next);
      if (skipThrough !== undefined && isAtOrBefore(message.messageId, skipThrough)) continue;
      skipThrough = undefined;
      if (notBefore !== undefined && message.publishTime.getTime() < notBefore) continue;
      notBefore = undefined;
      try {
        await this.options.handler(message);
      } catch (error) {
        this.context.onHandlerError?.(error, message, 'reader');
      }
    }
  }
}
