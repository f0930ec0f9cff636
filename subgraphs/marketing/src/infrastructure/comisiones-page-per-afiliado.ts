import type { Comision, EstadoComision } from '../generated/prisma/client.js';
import type { Page } from '@alpes/platform';
import { COMISION_COLUMNS } from './marketing-columns.js';
import type { MarketingDatabase } from './prisma-client.js';

export interface ComisionesPage {
  rows: Comision[];
  /** Only when asked for (`withCount`): the count walks every row of the affiliate, the page only take + 1. */
  totalCount: number | undefined;
}

type Row = Comision & { parentId: string; totalCount?: number };

/**
 * A page of commissions (AND, `withCount`, the total count) for many affiliates in ONE statement:
 * per affiliate, a LATERAL take + 1 rows walking the (afiliado_id, id) index; the counts in one grouped count over all
 * the affiliates (a bitmap scan reads each heap page once, where a count per affiliate read a shared page once per
 * affiliate). The rows match what Prisma's own reads return, field for field (test/raw-rows.test.ts). A prepared
 * statement per shape (with or without a cursor, an estado, the count): PostgreSQL plans it once per connection.
 */
export async function comisionesPagePerAfiliado(
  database: MarketingDatabase,
  afiliadoIds: readonly string[],
  page: Page,
  estado: EstadoComision | undefined,
  withCount: boolean,
): Promise<Map<string, ComisionesPage>> {
  const values: unknown[] = [afiliadoIds, page.take + 1];
  const after = page.afterId ? `AND c.id > $${values.push(page.afterId)}::uuid` : '';
  const byEstado = estado ? `AND estado = $${values.push(estado)}::"EstadoComision"` : '';
  const count = withCount
    ? `LEFT JOIN (
      SELECT afiliado_id, count(*) AS total FROM comisiones WHERE afiliado_id = ANY($1::uuid[]) ${byEstado} GROUP BY afiliado_id
    ) t ON t.afiliado_id = p.parent_id`
    : '';
  const rows = await database.reads.rows<Row>(
    `SELECT p.parent_id AS "parentId", ${withCount ? 'coalesce(t.total, 0) AS "totalCount", ' : ''}${COMISION_COLUMNS}
    FROM unnest($1::uuid[]) AS p(parent_id)
    ${count}
    LEFT JOIN LATERAL (
      SELECT * FROM comisiones c WHERE c.afiliado_id = p.parent_id ${after} ${byEstado} ORDER BY c.id LIMIT $2
    ) c ON true
    ORDER BY p.parent_id, c.id`,
    values,
  );
  const pages = new Map<string, ComisionesPage>(afiliadoIds.map((id) => [id, { rows: [], totalCount: undefined }]));
  for (const { parentId, totalCount, ...comision } of rows) {
    const entry = pages.get(parentId)!;
    entry.totalCount = totalCount;
    if (comision.id) entry.rows.push(comision);
  }
  return pages;
}
