import { randomUUID } from 'node:crypto';
import { BusUnavailableError, type DeliveredMessage, type HandlerErrorListener, type ReadOptions, type Reader } from '../../bus.js';
import type { PulsarAdminClient } from '../pulsar-common/admin-client.js';
import { closeOnce, settleWithin } from '../pulsar-common/endpoint-lifecycle.js';
import { isAtOrBefore, type LedgerPosition } from '../pulsar-common/message-id.js';
import type { Reachability } from '../pulsar-common/reachability.js';
import { resolveStart, type ResolvedStart } from '../pulsar-common/start-position.js';
import { topicPath, type PulsarNamespace } from '../pulsar-common/topic-names.js';
import { parseMessageFrame, type SocketDefaults } from './frames.js';
import { ReconnectingSocket } from './reconnecting-socket.js';

export interface ReaderContext {
  readonly ns: PulsarNamespace;
  readonly sockets: SocketDefaults;
  readonly admin: PulsarAdminClient;
  readonly reachability: Reachability;
  readonly receiverQueueSize: number;
  readonly closeTimeoutMs: number;
  readonly onHandlerError: HandlerErrorListener | undefined;
}

interface Queued {
  readonly generation: number;
  readonly message: DeliveredMessage;
}

/**
 * A non-durable reader over `ws/v2/reader/…`: one message at a time, in order. It sends each message id back
 * after its handler (the reader's flow-control permit). On reconnect it resumes strictly after the last message
 * it handed to the handler: no gap, no duplicate. A throwing handler is reported and the reader moves on.
 */
export class WsReader implements Reader {
  readonly #socket: ReconnectingSocket;
  readonly #untrack: () => void;
  #queue: Queued[] = [];
  #lastId: string | undefined;
  #notBefore: number | undefined;
  #skipThrough: LedgerPosition | undefined;
  #loop: Promise<void> | undefined;
  #delivering = false;
  #closed = false;

  static async open(context: ReaderContext, options: ReadOptions, onClosed: (reader: WsReader) => void): Promise<WsReader> {
    const start = await resolveStart(context.admin, options.topic, options.start);
    const reader = new WsReader(context, options, start, onClosed);
    try {
      await reader.#socket.open(context.sockets.connectTimeoutMs);
    } catch (error) {
      reader.#untrack();
      await reader.#socket.close();
      throw new BusUnavailableError(`pulsar bus: could not open a reader on ${options.topic}`, { cause: error });
    }
    return reader;
  }

  private constructor(
    private readonly context: ReaderContext,
    private readonly options: ReadOptions,
    start: ResolvedStart,
    private readonly onClosed: (reader: WsReader) => void,
  ) {
    this.#notBefore = start.notBefore;
    this.#skipThrough = start.skipThrough;
    const base = `${context.sockets.wsBase}/reader/${topicPath(context.ns, options.topic)}`;
    const readerName = `reader-${randomUUID().slice(0, 8)}`;
    this.#socket = new ReconnectingSocket({
      ...context.sockets,
      name: `pulsar reader on ${options.topic}`,
      url: () => {
        const params = new URLSearchParams({ messageId: this.#lastId ?? start.messageId, receiverQueueSize: String(context.receiverQueueSize), readerName });
        return `${base}?${params}`;
      },
      onMessage: (text, generation) => this.#received(text, generation),
      onOpen: () => context.reachability.markUp(),
      onDown: () => {
        this.#queue = []; // not handed out yet: the next connection starts after #lastId and brings them again
        context.reachability.markDown();
      },
    });
    this.#untrack = context.reachability.track(this.#socket);
  }

  readonly close = closeOnce({
    quiesce: async () => {
      this.#closed = true;
      this.#queue = [];
      await settleWithin(this.#loop, this.context.closeTimeoutMs);
    },
    untrack: () => this.#untrack(),
    disconnect: () => this.#socket.close(),
    onClosed: () => this.onClosed(this),
  });

  #received(text: string, generation: number): void {
    if (this.#closed) return;
    const message = parseMessageFrame(this.options.topic, text);
    if (!message) return;
    this.#queue.push({ generation, message });
    if (this.#delivering) return;
    this.#delivering = true;
    this.#loop = this.#deliverQueued();
  }

  /**
   * Hands out the queue in order until it is empty. `#delivering` is cleared in the same synchronous step that finds
   * the queue empty: a loop that skipped every message without awaiting (skipThrough, notBefore) ends within
   * #received, and the next frame of the same socket read (ws emits them in one go) must start a new loop. (It was a
   * promise cleared in a `.finally`, one microtask late: that frame stayed queued until another message came, and a
   * `desde` replay whose wanted event came right after a skipped batch got nothing.)
   */
  async #deliverQueued(): Promise<void> {
    try {
      for (let next = this.#queue.shift(); next && !this.#closed; next = this.#queue.shift()) {
        const { generation, message } = next;
        if (generation !== this.#socket.generation) continue; // from a connection that has since dropped
        this.#lastId = message.messageId;
        if (this.#skipThrough !== undefined && isAtOrBefore(message.messageId, this.#skipThrough)) {
          this.#permit(message.messageId);
          continue;
        }
        this.#skipThrough = undefined;
        if (this.#notBefore !== undefined && message.publishTime.getTime() < this.#notBefore) {
          this.#permit(message.messageId);
          continue;
        }
        this.#notBefore = undefined;
        try {
          await this.options.handler(message);
        } catch (error) {
          this.context.onHandlerError?.(error, message, 'reader');
        }
        this.#permit(message.messageId);
      }
    } finally {
      this.#delivering = false; // no await between finding the queue empty and this
    }
  }

  #permit(messageId: string): void {
    if (this.#socket.isOpen && !this.#closed) this.#socket.send(JSON.stringify({ messageId })).catch(() => undefined);
  }
}
