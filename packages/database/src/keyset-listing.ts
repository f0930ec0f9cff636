import type { Reads } from './reads.js';

/** The conditions of a listing, each with the value bound to its placeholder ($1, $2… in the order they are added). */
export class SqlFilter {
  readonly conditions: string[] = [];
  readonly values: unknown[] = [];

  /** Adds `condition(placeholder)`, e.g. `(p) => \`c.afiliado_id = ${p}::uuid\``, bound to `value`. */
  where(condition: (placeholder: string) => string, value: unknown): this {
    this.values.push(value);
    this.conditions.push(condition(`$${this.values.length}`));
    return this;
  }
}

export interface KeysetListing<Row> {
  /** Up to take + 1 rows in id order (the extra one tells whether a next page exists). */
  rows: Row[];
  /** The count of every row the filter keeps (not only this page's): a statement of its own, run when called. */
  count: () => Promise<number>;
}

/**
 * A page of `table` (aliased `alias`, which `columns` and the filter's conditions use) in id order after `page.afterId`
 * (UUIDv7 ids: creation order), on SqlReads' prepared statements: a listing keyset-paginated as Prisma's
 * `findMany({ where, orderBy: { id: 'asc' }, take: take + 1 })` and `count({ where })` read it. Through a request's
 * RequestReads, listings of one request with the same filter and cursor read one page (the largest) and one count.
 */
export async function keysetListing<Row>(
  reads: Reads,
  source: { table: string; alias: string; columns: string },
  filter: SqlFilter,
  page: { take: number; afterId?: string | undefined },
): Promise<KeysetListing<Row>> {
  const { table, alias, columns } = source;
  const filtered = `FROM ${table} ${alias}${filter.conditions.length > 0 ? ` WHERE ${filter.conditions.join(' AND ')}` : ''}`;
  const values = [...filter.values];
  const after = page.afterId ? ` ${filter.conditions.length > 0 ? 'AND' : 'WHERE'} ${alias}.id > $${values.push(page.afterId)}::uuid` : '';
  const rows = await reads.limitedRows<Row>(`SELECT ${columns} ${filtered}${after} ORDER BY ${alias}.id LIMIT $${values.length + 1}`, values, page.take + 1);
  const count = async () => (await reads.rows<{ total: number }>(`SELECT count(*) AS total ${filtered}`, filter.values))[0]!.total;
  return { rows, count };
}
