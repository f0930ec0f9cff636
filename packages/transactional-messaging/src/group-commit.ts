/**
 * Group commit: work items that arrive while a transaction is running are applied together in the next one,
 * so one commit (one WAL flush, one round of BEGIN/COMMIT) serves many messages. There is no timer: under light
 * load every item runs alone at once; batches only form while the database is busy, which is when they help.
 *
 * A batch is all-or-nothing. When it fails (a business rejection, a retry-later, a deadlock, any error), every
 * item of it is applied again alone, in arrival order, and each caller gets its own item's outcome: one bad
 * message never takes others down with it.
 */
export interface GroupCommitOptions<Item> {
  /** Items per transaction at most. */
  readonly maxBatchSize: number;
  /** Transactions running at once (each on its own pooled connection). */
  readonly maxConcurrentBatches: number;
  /** Applies every item in one transaction; throws to roll all of them back. */
  applyBatch(items: readonly Item[]): Promise<void>;
  /** Applies one item in a transaction of its own; its result (or error) is the caller's. */
  applyAlone(item: Item): Promise<void>;
}

interface Waiting<Item> {
  readonly item: Item;
  resolve(): void;
  reject(error: unknown): void;
}

export class GroupCommit<Item> {
  #waiting: Waiting<Item>[] = [];
  #running = 0;

  constructor(private readonly options: GroupCommitOptions<Item>) {
    if (!Number.isInteger(options.maxBatchSize) || options.maxBatchSize < 1) throw new Error('group commit: maxBatchSize must be an integer >= 1');
    if (!Number.isInteger(options.maxConcurrentBatches) || options.maxConcurrentBatches < 1) {
      throw new Error('group commit: maxConcurrentBatches must be an integer >= 1');
    }
  }

  /** Resolves once the item's transaction committed; rejects with the item's own error. */
  submit(item: Item): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.#waiting.push({ item, resolve, reject });
      this.#startBatches();
    });
  }

  #startBatches(): void {
    while (this.#running < this.options.maxConcurrentBatches && this.#waiting.length > 0) {
      const batch = this.#waiting.splice(0, this.options.maxBatchSize);
      this.#running += 1;
      void this.#apply(batch).finally(() => {
        this.#running -= 1;
        this.#startBatches();
      });
    }
  }

  async #apply(batch: Waiting<Item>[]): Promise<void> {
    if (batch.length > 1) {
      try {
        await this.options.applyBatch(batch.map((waiting) => waiting.item));
        for (const waiting of batch) waiting.resolve();
        return;
      } catch {
        // rolled back as a whole: each item again on its own below, so each caller gets its own outcome
      }
    }
    for (const waiting of batch) {
      try {
        await this.options.applyAlone(waiting.item);
        waiting.resolve();
      } catch (error) {
        waiting.reject(error);
      }
    }
  }
}
