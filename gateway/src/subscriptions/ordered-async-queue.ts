/**
 * An async iterator that yields values in the order they were pushed, even when they are promises that settle
 * out of order (hydrations running concurrently): the next value waits for the one before it.
 * One consumer (graphql-js pulls one value at a time). Pushed promises must not reject.
 */
export class OrderedAsyncQueue<T> implements AsyncIterableIterator<T> {
  readonly #ready: Promise<T>[] = [];
  readonly #waiting: ((result: IteratorResult<T>) => void)[] = [];
  readonly #roomWaiters: { below: number; resolve: () => void }[] = [];
  #ending = false;
  #finished = false;
  #returned = false;
  #onFinish: (() => void | Promise<void>) | undefined;

  /** `onFinish` runs once, when the consumer stops (return/throw) or the queue has ended and drained. */
  constructor(onFinish?: () => void | Promise<void>) {
    this.#onFinish = onFinish;
  }

  /** Values pushed but not yet taken by the consumer. */
  get pending(): number {
    return this.#ready.length;
  }

  /**
   * Resolves once fewer than `below` values are pending (or the queue ended): a producer that can wait (a reader of
   * this queue's own) waits here instead of piling values up.
   */
  roomFor(below: number): Promise<void> {
    if (this.#ready.length < below || this.ended) return Promise.resolve();
    return new Promise((resolve) => this.#roomWaiters.push({ below, resolve }));
  }

  get ended(): boolean {
    return this.#ending || this.#finished;
  }

  push(value: T | Promise<T>): void {
    if (this.ended) return;
    const promise = Promise.resolve(value);
    const waiter = this.#waiting.shift();
    // A consumer that stopped meanwhile gets done, not a value after its return().
    if (waiter) void promise.then((resolved) => waiter(this.#returned ? { value: undefined, done: true } : { value: resolved, done: false }));
    else this.#ready.push(promise);
  }

  /** No more values: the consumer gets what was already pushed, then done. */
  end(): void {
    if (this.ended) return;
    this.#ending = true;
    this.#wakeProducers();
    if (this.#ready.length === 0) void this.#finish();
  }

  async next(): Promise<IteratorResult<T>> {
    const first = this.#ready.shift();
    if (first) {
      this.#wakeProducers();
      const value = await first;
      if (this.#ending && this.#ready.length === 0) void this.#finish();
      return { value, done: false };
    }
    if (this.#finished || this.#ending) {
      void this.#finish();
      return { value: undefined, done: true };
    }
    return new Promise((resolve) => this.#waiting.push(resolve));
  }

  async return(): Promise<IteratorResult<T>> {
    this.#returned = true;
    this.#ready.length = 0;
    this.#wakeProducers();
    await this.#finish();
    return { value: undefined, done: true };
  }

  async throw(error?: unknown): Promise<IteratorResult<T>> {
    await this.return();
    throw error;
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  #wakeProducers(): void {
    if (this.#roomWaiters.length === 0) return;
    const stillWaiting = this.#roomWaiters.filter((waiter) => this.#ready.length >= waiter.below && !this.ended);
    for (const waiter of this.#roomWaiters) if (!stillWaiting.includes(waiter)) waiter.resolve();
    this.#roomWaiters.splice(0, this.#roomWaiters.length, ...stillWaiting);
  }

  #finish(): void | Promise<void> {
    if (this.#finished) return;
    this.#finished = true;
    this.#wakeProducers();
    for (const waiter of this.#waiting.splice(0)) waiter({ value: undefined, done: true });
    const onFinish = this.#onFinish;
    this.#onFinish = undefined;
    return onFinish?.();
  }
}
