import { TOPICS } from '@alpes/contracts';
import type { Bus, ConsumeOptions, Consumer, OutgoingMessage, ReadOptions, Reader } from '@alpes/messaging';

// ---------------------------------------------------------------------------------------------------------------
// Profiling without touching the services: a Bus decorator around the stack's bus times every handler the workers
// run on marketing.campanas.comandos (= the worker's database transaction: inbox claim + campaign + outbox rows)
// and every publish (the outbox relay publishing CampanaCreada / ComandoCompletado).

export interface Span {
  start: number;
  end: number;
}

export class ProfilingBus implements Bus {
  readonly handlerSpans: Span[] = [];
  readonly publishSpans = new Map<string, Span[]>();
  /** Per campaign id (the message key), when marking: its command's handler start/end, its CampanaCreada's publish confirmed. */
  readonly marks = new Map<string, { handlerStart?: number; handlerEnd?: number; eventPublished?: number; eventRead?: number }>();
  marking = false;
  /** Time spent inside reader handlers (the gateway's command tracker and event hub), per topic. */
  readonly readerMs = new Map<string, { messages: number; ms: number }>();
  /** Every message any reader of this bus handled, recording or not, and when the last one was. */
  readerMessagesTotal = 0;
  lastReadAt = 0;
  #recording = false;
  #since = 0;

  constructor(readonly inner: Bus) {}

  record(on: boolean): void {
    this.#recording = on;
    if (on) {
      this.#since = performance.now();
      this.handlerSpans.length = 0;
      this.publishSpans.clear();
      this.readerMs.clear();
    }
  }

  async publish(topic: string, message: OutgoingMessage): Promise<{ messageId: string }> {
    const start = performance.now();
    const result = await this.inner.publish(topic, message);
    if (this.marking && topic === TOPICS.marketingEventos) this.#mark(message.key).eventPublished = performance.now();
    if (this.#recording && start >= this.#since) {
      const spans = this.publishSpans.get(topic) ?? [];
      spans.push({ start, end: performance.now() });
      this.publishSpans.set(topic, spans);
    }
    return result;
  }

  consume(options: ConsumeOptions): Promise<Consumer> {
    if (options.topic !== TOPICS.campanasComandos) return this.inner.consume(options);
    return this.inner.consume({
      ...options,
      handler: async (message) => {
        const start = performance.now();
        if (this.marking) this.#mark(message.key).handlerStart ??= start;
        try {
          await options.handler(message);
        } finally {
          if (this.#recording && start >= this.#since) this.handlerSpans.push({ start, end: performance.now() });
          if (this.marking) this.#mark(message.key).handlerEnd = performance.now();
        }
      },
    });
  }

  read(options: ReadOptions): Promise<Reader> {
    return this.inner.read({
      ...options,
      handler: async (message) => {
        const start = performance.now();
        this.readerMessagesTotal += 1;
        this.lastReadAt = start;
        // the first of this stack's readers (the gateway's) to get the event: the bus's hop to the gateway
        if (this.marking && options.topic === TOPICS.marketingEventos) this.#mark(message.key).eventRead ??= start;
        try {
          await options.handler(message);
        } finally {
          if (this.#recording) {
            const spent = this.readerMs.get(options.topic) ?? { messages: 0, ms: 0 };
            spent.messages += 1;
            spent.ms += performance.now() - start;
            this.readerMs.set(options.topic, spent);
          }
        }
      },
    });
  }

  #mark(key: string) {
    let mark = this.marks.get(key);
    if (!mark) {
      mark = {};
      this.marks.set(key, mark);
    }
    return mark;
  }

  isConnected(): boolean {
    return this.inner.isConnected();
  }

  close(): Promise<void> {
    return this.inner.close();
  }
}
