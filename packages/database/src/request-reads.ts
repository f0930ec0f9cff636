import DataLoader from 'dataloader';
import type { Reads } from './reads.js';

interface Statement {
  readonly text: string;
  readonly values: readonly unknown[];
  /** A limited read's LIMIT (its last placeholder); undefined for any other statement. */
  readonly limit: number | undefined;
  /** The text and the other values: statements with the same key read the same rows, up to their limits. */
  readonly key: string;
}

/**
 * One request's view of the hot reads (a subgraph makes one per GraphQL request). A gateway merges several clients'
 * reads into one request, so its resolvers often ask for the same rows: then
 * - a statement that another resolver of the request already ran, or is about to run, runs once;
 * - pages of one listing that differ only in their LIMIT (`afiliados(first: 3)` beside `afiliados(first: 7)`) run as
 *   one statement with the largest LIMIT, each getting its first rows. A limited statement orders its rows totally
 *   (by id), so its first n rows are what LIMIT n reads.
 *
 * Statements are gathered the way DataLoader gathers loads, so sibling resolvers share them. Each answer is a reading
 * of the database made during this request, as a statement of its own would be; nothing outlives the request.
 * Callers get their own array; the row objects are shared, as a DataLoader's are.
 */
export class RequestReads implements Reads {
  readonly #reads: Reads;
  /** Made on the first read: most requests that carry no listing (entity reads, commands) never need it. */
  #statements: DataLoader<Statement, readonly unknown[], string> | undefined;

  constructor(reads: Reads) {
    this.#reads = reads;
  }

  rows<Row>(text: string, values: readonly unknown[]): Promise<Row[]> {
    return this.#load<Row>(text, values, undefined);
  }

  limitedRows<Row>(text: string, values: readonly unknown[], limit: number): Promise<Row[]> {
    return this.#load<Row>(text, values, limit);
  }

  async #load<Row>(text: string, values: readonly unknown[], limit: number | undefined): Promise<Row[]> {
    this.#statements ??= new DataLoader((batch) => readOnce(this.#reads, batch), { cacheKeyFn: (statement) => `${statement.limit ?? '*'}:${statement.key}` });
    const rows = await this.#statements.load({ text, values, limit, key: `${text}\u0000${JSON.stringify(values)}` });
    return rows.slice() as Row[];
  }
}

/** Runs each distinct statement of a batch once; the limited ones of one key once, with their largest LIMIT. */
function readOnce(reads: Reads, batch: readonly Statement[]): Promise<(readonly unknown[] | Error)[]> {
  const limited = new Map<string, Statement[]>();
  for (const statement of batch) {
    if (statement.limit === undefined) continue;
    const group = limited.get(statement.key);
    if (group) group.push(statement);
    else limited.set(statement.key, [statement]);
  }
  const largest = new Map<string, Promise<readonly unknown[]>>();
  for (const [key, group] of limited) {
    const limit = Math.max(...group.map((statement) => statement.limit!));
    largest.set(key, reads.limitedRows(group[0]!.text, group[0]!.values, limit));
  }
  return Promise.all(
    batch.map(async (statement): Promise<readonly unknown[] | Error> => {
      try {
        if (statement.limit === undefined) return await reads.rows(statement.text, statement.values);
        const rows = await largest.get(statement.key)!;
        return rows.length > statement.limit ? rows.slice(0, statement.limit) : rows;
      } catch (error) {
        return error instanceof Error ? error : new Error(String(error));
      }
    }),
  );
}
