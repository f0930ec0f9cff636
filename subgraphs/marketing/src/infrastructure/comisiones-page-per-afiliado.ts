import { selectColumns } from '@alpes/database';
import { Prisma, type Comision, type EstadoComision } from '../generated/prisma/client.js';
import type { Page } from '@alpes/platform';
import type { MarketingPrisma } from './prisma-client.js';

export interface ComisionesPage {
  rows: Comision[];
  totalCount: number;
}

/** Every column of comisiones, from the generated client's field list (a new field is read without an edit here). */
const COMISION_COLUMNS = Prisma.raw(selectColumns(Prisma.ComisionScalarFieldEnum, 'c', ['estado']));

type Row = Comision & { parentId: string; totalCount: bigint | number };

/**
 * A page of commissions AND the total count for many affiliates in ONE statement:
 * per affiliate, a LATERAL count and a LATERAL take + 1 rows walking the (afiliado_id, id) index. The rows match what
 * Prisma's own reads return, field for field (test/raw-rows.test.ts).
 */
export async function comisionesPagePerAfiliado(
  prisma: MarketingPrisma,
  afiliadoIds: readonly string[],
  page: Page,
  estado: EstadoComision | undefined,
): Promise<Map<string, ComisionesPage>> {
  const after = page.afterId ? Prisma.sql`AND c.id > ${page.afterId}::uuid` : Prisma.empty;
  const byEstado = estado ? Prisma.sql`AND estado = ${estado}::"EstadoComision"` : Prisma.empty;
  const rows = await prisma.$queryRaw<Row[]>`
    SELECT p.parent_id AS "parentId", t.total AS "totalCount", ${COMISION_COLUMNS}
    FROM unnest(${[...afiliadoIds]}::uuid[]) AS p(parent_id)
    CROSS JOIN LATERAL (SELECT count(*) AS total FROM comisiones WHERE afiliado_id = p.parent_id ${byEstado}) t
    LEFT JOIN LATERAL (
      SELECT * FROM comisiones c WHERE c.afiliado_id = p.parent_id ${after} ${byEstado} ORDER BY c.id LIMIT ${page.take + 1}
    ) c ON true
    ORDER BY p.parent_id, c.id`;
  const pages = new Map<string, ComisionesPage>(afiliadoIds.map((id) => [id, { rows: [], totalCount: 0 }]));
  for (const { parentId, totalCount, ...comision } of rows) {
    const entry = pages.get(parentId)!;
    entry.totalCount = Number(totalCount);
    if (comision.id) entry.rows.push(comision);
  }
  return pages;
}
