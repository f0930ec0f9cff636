/** What a hot read needs from the database: SqlReads itself, or one request's view of it (RequestReads). */
export interface Reads {
  /** The rows of `text` (a statement with $1… placeholders) for `values`. */
  rows<Row>(text: string, values: readonly unknown[]): Promise<Row[]>;
  /**
   * The first `limit` rows of `text`, whose LAST placeholder is its LIMIT: `values` bind the others, `limit` that one.
   * Apart, so that one request's pages of one listing that differ only in size can be read as one.
   */
  limitedRows<Row>(text: string, values: readonly unknown[], limit: number): Promise<Row[]>;
}

/** Something holding the hot reads: a service's database, or a request's context. */
export interface HasReads {
  readonly reads: Reads;
}
