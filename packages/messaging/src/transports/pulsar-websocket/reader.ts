import { randomUUID } from 'node:crypto';
import { BusUnavailableError, type DeliveredMessage, type ReadOptions, type Reader, type StartPosition } from '../../bus.js';
import type { PulsarAdminClient } from './admin-client.js';
import { parseMessageFrame, type SocketDefaults } from './frames.js';
import type { HandlerErrorListener } from './handler-scheduler.js';
import { decodeMessageId, encodeMessageId, isAtOrBefore, justBefore, type LedgerPosition } from './message-id.js';
import type { Reachability } from './reachability.js';
import { ReconnectingSocket } from './reconnecting-socket.js';
import { topicPath, type PulsarNamespace } from './topic-names.js';

export interface ReaderContext {
  readonly ns: PulsarNamespace;
  readonly sockets: SocketDefaults;
  readonly admin: PulsarAdminClient;
  readonly reachability: Reachability;
  readonly receiverQueueSize: number;
  readonly closeTimeoutMs: number;
  readonly onHandlerError: HandlerErrorListener | undefined;
}

/** Where the WebSocket reader starts (`messageId` query value: "earliest", "latest" or a base64 id, exclusive). */
export interface ResolvedStart {
  readonly messageId: string;
  /** Messages published before this (epoch ms) are skipped until the first one at or after it. */
  readonly notBefore: number | undefined;
  /**
   * Messages stored at this position or before it are skipped (latest: the topic's last entry). Starting "after"
   * an entry id without a batch index, both Pulsar's Java client (behind the WebSocket API) and libpulsar hand out
   * that entry again when it is a batch, so the readers drop it themselves.
   */
  readonly skipThrough?: LedgerPosition;
}

/**
 * Turns a port start position into a reader start the WebSocket API understands.
 * - latest: after the topic's current last message (admin `lastMessageId`), so a reconnect before the first
 *   message leaves no gap; a topic that does not exist yet is read from its beginning.
 * - time: just before the first message published at or after the time (admin `messageid/{timestamp}`), and
 *   messages older than the time are skipped as well (guard, and the fallback from earliest when the lookup fails).
 */
export async function resolveStart(admin: PulsarAdminClient, topic: string, start: StartPosition): Promise<ResolvedStart> {
  switch (start.from) {
    case 'earliest':
      return { messageId: 'earliest', notBefore: undefined };
    case 'after-message':
      decodeMessageId(start.messageId); // throws a clear error when it is not a Pulsar message id
      return { messageId: start.messageId, notBefore: undefined };
    case 'latest': {
      const last = await admin.lastMessagePosition(topic).catch(() => null);
      if (last === null) return { messageId: 'latest', notBefore: undefined };
      return last ? { messageId: encodeMessageId(last), notBefore: undefined, skipThrough: last } : { messageId: 'earliest', notBefore: undefined };
    }
    case 'time': {
      const time = start.time.getTime();
      const first = await admin.firstPositionAtOrAfter(topic, time).catch(() => undefined);
      return { messageId: first ? justBefore(first) : 'earliest', notBefore: time };
    }
    default:
      throw new Error(`pulsar bus: unknown start position ${JSON.stringify(start satisfies never)}`);
  }
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
  #closed = false;
  #closing: Promise<void> | undefined;

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

  close(): Promise<void> {
    this.#closing ??= this.#close();
    return this.#closing;
  }

  async #close(): Promise<void> {
    this.#closed = true;
    this.#queue = [];
    if (this.#loop) {
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([this.#loop, new Promise((resolve) => (timer = setTimeout(resolve, this.context.closeTimeoutMs)))]);
      clearTimeout(timer);
    }
    this.#untrack();
    await this.#socket.close();
    this.onClosed(this);
  }

  #received(text: string, generation: number): void {
    if (this.#closed) return;
    const message = parseMessageFrame(this.options.topic, text);
    if (!message) return;
    this.#queue.push({ generation, message });
    this.#loop ??= this.#deliverQueued().finally(() => {
      this.#loop = undefined;
    });
  }

  async #deliverQueued(): Promise<void> {
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
  }

  #permit(messageId: string): void {
    if (this.#socket.isOpen && !this.#closed) this.#socket.send(JSON.stringify({ messageId })).catch(() => undefined);
  }
}
