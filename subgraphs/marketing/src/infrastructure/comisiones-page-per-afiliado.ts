import { Prisma, type Comision, type EstadoComision } from '../generated/prisma/client.js';
import type { Page } from '@alpes/platform';
import type { MarketingPrisma } from './prisma-client.js';

export interface ComisionesPage {
  rows: Comision[];
  totalCount: number;
}

type Row = Comision & { parentId: string; totalCount: bigint | number };

/**
 * A page of commissions AND the total count for many affiliates in ONE statement:
 * per affiliate, a LATERAL count and a LATERAL take + 1 rows walking the (afiliado_id, id) index.
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
    SELECT p.parent_id AS "parentId", t.total AS "totalCount",
           c.id, c.conversion_id AS "conversionId", c.afiliado_id AS "afiliadoId", c.campana_id AS "campanaId",
           c.monto_base AS "montoBase", c.porcentaje, c.monto, c.moneda, c.estado::text AS estado, c.motivo,
           c.calculada_en AS "calculadaEn", c.aprobada_en AS "aprobadaEn", c.pagada_en AS "pagadaEn"
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
