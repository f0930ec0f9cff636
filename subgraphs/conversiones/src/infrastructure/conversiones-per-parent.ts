import { selectColumns } from '@alpes/database';
import { Prisma, type Conversion } from '../generated/prisma/client.js';
import type { Page } from '@alpes/platform';
import type { ConversionesDatabase } from './prisma-client.js';

export type ConversionParent = 'afiliado' | 'campana';

export interface ConversionesPage {
  rows: Conversion[];
  /** Only when asked for (`withCount`): the count walks every row of the parent, the page only take + 1. */
  totalCount: number | undefined;
}

const PARENT_COLUMN: Record<ConversionParent, string> = { afiliado: 'afiliado_id', campana: 'campana_id' };

/** Every column of conversiones, from the generated client's field list (a new field is read without an edit here). */
export const CONVERSION_COLUMNS = selectColumns(Prisma.ConversionScalarFieldEnum, 'c', ['tipo']);

type Row = Conversion & { parentId: string; totalCount?: number };

/**
 * A page of conversions (AND, `withCount`, the total count) for many parents (affiliates or campaigns) in ONE statement:
 * per parent, a LATERAL take + 1 rows walking the (parent, id) index; the counts in one grouped count over all the
 * parents (a bitmap scan reads each heap page once, where a count per parent read a shared page once per parent).
 * `onlyAfiliadoId` keeps one affiliate's conversions (an affiliate user reading a campaign's), in the rows and in the
 * count. A prepared statement per shape (parent, with or without a cursor, an affiliate, the count): PostgreSQL plans
 * it once per connection.
 */
export async function conversionesPagePerParent(
  database: ConversionesDatabase,
  parent: ConversionParent,
  parentIds: readonly string[],
  page: Page,
  onlyAfiliadoId: string | undefined,
  withCount: boolean,
): Promise<Map<string, ConversionesPage>> {
  const column = PARENT_COLUMN[parent];
  const values: unknown[] = [parentIds, page.take + 1];
  const after = page.afterId ? `AND c.id > $${values.push(page.afterId)}::uuid` : '';
  const ofAfiliado = onlyAfiliadoId ? `AND afiliado_id = $${values.push(onlyAfiliadoId)}::uuid` : '';
  const count = withCount
    ? `LEFT JOIN (
      SELECT ${column} AS parent_id, count(*) AS total FROM conversiones WHERE ${column} = ANY($1::uuid[]) ${ofAfiliado} GROUP BY ${column}
    ) t ON t.parent_id = p.parent_id`
    : '';
  const rows = await database.reads.rows<Row>(
    `SELECT p.parent_id AS "parentId", ${withCount ? 'coalesce(t.total, 0) AS "totalCount", ' : ''}${CONVERSION_COLUMNS}
    FROM unnest($1::uuid[]) AS p(parent_id)
    ${count}
    LEFT JOIN LATERAL (
      SELECT * FROM conversiones c WHERE c.${column} = p.parent_id ${after} ${ofAfiliado} ORDER BY c.id LIMIT $2
    ) c ON true
    ORDER BY p.parent_id, c.id`,
    values,
  );
  const pages = new Map<string, ConversionesPage>(parentIds.map((id) => [id, { rows: [], totalCount: undefined }]));
  for (const { parentId, totalCount, ...conversion } of rows) {
    const entry = pages.get(parentId)!;
    entry.totalCount = totalCount;
    if (conversion.id) entry.rows.push(conversion);
  }
  return pages;
}
