import type { Bus, ConsumeOptions, Consumer, OutgoingMessage, ReadOptions, Reader } from '@alpes/messaging';

/**
 * A Bus that delegates everything to a real one and counts the readers open per topic, so tests can check
 * how many readers a component holds (e.g. the gateway: one per event topic, whatever the number of clients).
 * `refuseReaders` makes opening a reader fail as a Pulsar transport's does when the broker does not answer.
 */
export class ReaderCountingBus implements Bus {
  readonly #open = new Map<string, number>();
  #refusal: (() => Error) | undefined;

  constructor(readonly inner: Bus) {}

  /** Readers open on `topic` right now. */
  openReaders(topic: string): number {
    return this.#open.get(topic) ?? 0;
  }

  publish(topic: string, message: OutgoingMessage): Promise<{ messageId: string }> {
    return this.inner.publish(topic, message);
  }

  consume(options: ConsumeOptions): Promise<Consumer> {
    return this.inner.consume(options);
  }

  /** While set, read() rejects with a new error from `refusal` (e.g. a BusUnavailableError: a timeout opening the reader). */
  refuseReaders(refusal: (() => Error) | undefined): void {
    this.#refusal = refusal;
  }

  async read(options: ReadOptions): Promise<Reader> {
    if (this.#refusal) throw this.#refusal();
    const reader = await this.inner.read(options);
    this.#count(options.topic, +1);
    let closed = false;
    return {
      close: async () => {
        if (!closed) {
          closed = true;
          this.#count(options.topic, -1);
        }
        await reader.close();
      },
    };
  }

  isConnected(): boolean {
    return this.inner.isConnected();
  }

  close(): Promise<void> {
    return this.inner.close();
  }

  #count(topic: string, delta: number): void {
    this.#open.set(topic, this.openReaders(topic) + delta);
  }
}
