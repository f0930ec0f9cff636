import type { SqlReads } from './sql-reads.js';

/** One parent's page: up to take + 1 rows in id order, and (only when asked for) the count of all its rows. */
export interface ParentPage<Row> {
  rows: Row[];
  totalCount: number | undefined;
}

/** A condition on the child table's own columns (unaliased), e.g. `(p) => \`estado = ${p}::"EstadoComision"\``. */
export interface ChildCondition {
  sql: (placeholder: string) => string;
  value: unknown;
}

/**
 * A keyset page of `table`'s rows for MANY parents in ONE statement (a DataLoader batch): per parent, a LATERAL
 * take + 1 rows in id order after `page.afterId`, walking the (parent, id) index; with `withCount`, the counts in one
 * grouped count over all the parents (a bitmap scan reads each heap page once, where a count per parent read a shared
 * page once per parent). `columns` select from the child aliased `c`. Every parent asked for gets a page, empty when
 * it has no rows. A prepared statement per shape (a cursor or not, the conditions, the count): planned once per
 * connection.
 */
export async function keysetPagesPerParent<Row extends { id: string }>(
  reads: SqlReads,
  source: { table: string; parentColumn: string; columns: string },
  parentIds: readonly string[],
  page: { take: number; afterId?: string | undefined },
  options: { where?: readonly ChildCondition[]; withCount: boolean },
): Promise<Map<string, ParentPage<Row>>> {
  const { table, parentColumn, columns } = source;
  const values: unknown[] = [parentIds, page.take + 1];
  const after = page.afterId ? `AND c.id > $${values.push(page.afterId)}::uuid` : '';
  const where = (options.where ?? []).map((condition) => `AND ${condition.sql(`$${values.push(condition.value)}`)}`).join(' ');
  const count = options.withCount
    ? `LEFT JOIN (
      SELECT ${parentColumn} AS parent_id, count(*) AS total FROM ${table} WHERE ${parentColumn} = ANY($1::uuid[]) ${where} GROUP BY ${parentColumn}
    ) t ON t.parent_id = p.parent_id`
    : '';
  const rows = await reads.rows<Row & { parentId: string; totalCount?: number }>(
    `SELECT p.parent_id AS "parentId", ${options.withCount ? 'coalesce(t.total, 0) AS "totalCount", ' : ''}${columns}
    FROM unnest($1::uuid[]) AS p(parent_id)
    ${count}
    LEFT JOIN LATERAL (
      SELECT * FROM ${table} c WHERE c.${parentColumn} = p.parent_id ${after} ${where} ORDER BY c.id LIMIT $2
    ) c ON true
    ORDER BY p.parent_id, c.id`,
    values,
  );
  const pages = new Map<string, ParentPage<Row>>(parentIds.map((id) => [id, { rows: [], totalCount: undefined }]));
  for (const { parentId, totalCount, ...row } of rows) {
    const entry = pages.get(parentId)!;
    entry.totalCount = totalCount;
    // a parent without rows comes back once, its child columns all null (the LEFT JOIN)
    if (row.id) entry.rows.push(row as unknown as Row);
  }
  return pages;
}
