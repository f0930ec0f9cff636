import pg from 'pg';
import type { Reads } from './reads.js';

/** PostgreSQL type OIDs whose text form is parsed here rather than by pg's defaults. */
const OID = { int8: 20, date: 1082, numeric: 1700 } as const;

export interface SqlReadsOptions {
  /** Sees the text of every statement, as Prisma's query event does for its own (tests count them). */
  onStatement?: ((sql: string) => void) | undefined;
  /** A numeric column's value: the service's Decimal (Prisma's), so a row read here equals Prisma's own read. */
  decimal: (text: string) => unknown;
}

/**
 * The hot reads of a subgraph (listings, pages, DataLoader batches) on the service's pg Pool, without Prisma's query
 * interpreter: every statement is a named prepared statement (parsed and planned once per pooled connection), and
 * its rows come back with Prisma's shapes (numeric → the service's Decimal, date → a UTC-midnight Date, bigint counts
 * → number; timestamptz → Date, json → parsed value, arrays → arrays, enums → their label, as pg reads them).
 * Prisma stays the schema's owner and does every write, over its own Pool (openServiceDatabase).
 */
export class SqlReads implements Reads {
  private readonly names = new Map<string, string>();
  private readonly types: pg.CustomTypesConfig;
  private readonly onStatement: ((sql: string) => void) | undefined;

  constructor(
    private readonly pool: pg.Pool,
    options: SqlReadsOptions,
  ) {
    this.onStatement = options.onStatement;
    const parsers: Record<number, (text: string) => unknown> = {
      [OID.int8]: Number, // counts: far below 2^53
      [OID.numeric]: options.decimal,
      [OID.date]: (text) => new Date(`${text}T00:00:00.000Z`),
    };
    this.types = {
      getTypeParser: ((oid: number, format?: string) => parsers[oid] ?? pg.types.getTypeParser(oid, format as 'text')) as pg.CustomTypesConfig['getTypeParser'],
    };
  }

  /** The rows of `text` (a statement with $1… placeholders) for `values`; the same text is the same prepared statement. */
  async rows<Row>(text: string, values: readonly unknown[]): Promise<Row[]> {
    this.onStatement?.(text);
    const result = await this.pool.query<Row & pg.QueryResultRow>({ name: this.nameOf(text), text, values: [...values], types: this.types });
    return result.rows;
  }

  limitedRows<Row>(text: string, values: readonly unknown[], limit: number): Promise<Row[]> {
    return this.rows<Row>(text, [...values, limit]);
  }

  /** One name per distinct text: the statements are written in code, so their number is bounded by the code. */
  private nameOf(text: string): string {
    let name = this.names.get(text);
    if (!name) {
      name = `alpes_read_${this.names.size + 1}`;
      this.names.set(text, name);
    }
    return name;
  }
}
