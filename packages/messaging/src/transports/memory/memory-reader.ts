import type { ReadOptions, Reader, HandlerErrorListener } from '../../bus.js';
import { AsyncTrigger, settlesWithin } from './async-trigger.js';
import { toDelivered, type TopicLog } from './topic-log.js';

export interface MemoryReaderSettings {
  readonly handler: ReadOptions['handler'];
  /** False while the bus is in a simulated outage. */
  readonly canDeliver: () => boolean;
  readonly closeTimeoutMs: number;
  readonly onHandlerError: HandlerErrorListener | undefined;
}

/**
 * A non-durable reader: a private position in the topic log, delivered one message at a time, in order
 * (history first, then live). A throwing handler does not stop it: the error is reported and it moves on.
 */
export class MemoryReader implements Reader {
  #position: number;
  #loop: Promise<void> | undefined;
  #closed = false;
  #closing: Promise<void> | undefined;
  readonly #trigger = new AsyncTrigger(() => this.#wake());
  readonly #stopListening: () => void;

  constructor(
    private readonly log: TopicLog,
    startIndex: number,
    private readonly settings: MemoryReaderSettings,
    private readonly onClosed: (reader: MemoryReader) => void,
  ) {
    this.#position = startIndex;
    this.#stopListening = log.onAppend(() => this.wake());
    this.wake();
  }

  wake(): void {
    this.#trigger.fire();
  }

  close(): Promise<void> {
    this.#closing ??= this.#close();
    return this.#closing;
  }

  async #close(): Promise<void> {
    this.#closed = true;
    this.#stopListening();
    if (this.#loop) await settlesWithin(this.#loop, this.settings.closeTimeoutMs);
    this.onClosed(this);
  }

  #wake(): void {
    if (this.#loop || this.#closed) return;
    this.#loop = this.#deliverAvailable().finally(() => {
      this.#loop = undefined;
    });
  }

  async #deliverAvailable(): Promise<void> {
    for (;;) {
      if (this.#closed || !this.settings.canDeliver()) return;
      const stored = this.log.at(this.#position);
      if (!stored) return;
      this.#position += 1;
      const message = toDelivered(this.log.name, stored, 0);
      try {
        await this.settings.handler(message);
      } catch (error) {
        this.settings.onHandlerError?.(error, message, 'reader');
      }
    }
  }
}
