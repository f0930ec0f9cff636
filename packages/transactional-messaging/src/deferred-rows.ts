/**
 * Rows that handlers add during a worker's transaction and that are written together, in one statement, when the
 * transaction's handlers are done (the processor's beforeCommit): a batch of a hundred messages then costs one insert
 * instead of a hundred round trips. Only for rows nothing reads back inside the same transaction (an audit trail).
 *
 * Rows are kept per transaction client: a transaction that fails never writes its rows, and they go with its client.
 */
export class DeferredRows<Tx extends object, Row> {
  readonly #pending = new WeakMap<Tx, Row[]>();

  constructor(private readonly write: (tx: Tx, rows: Row[]) => Promise<unknown>) {}

  /** Queues a row, written by flush(tx) in the same transaction, in the order added. */
  add(tx: Tx, row: Row): void {
    const rows = this.#pending.get(tx);
    if (rows) rows.push(row);
    else this.#pending.set(tx, [row]);
  }

  /** Writes the rows this transaction added (none: no statement). */
  async flush(tx: Tx): Promise<void> {
    const rows = this.#pending.get(tx);
    if (!rows) return;
    this.#pending.delete(tx);
    await this.write(tx, rows);
  }
}
