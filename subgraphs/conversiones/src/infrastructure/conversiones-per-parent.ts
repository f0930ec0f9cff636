import { selectColumns } from '@alpes/database';
import { Prisma, type Conversion } from '../generated/prisma/client.js';
import type { Page } from '@alpes/platform';
import type { ConversionesPrisma } from './prisma-client.js';

export type ConversionParent = 'afiliado' | 'campana';

export interface ConversionesPage {
  rows: Conversion[];
  totalCount: number;
}

const PARENT_COLUMN: Record<ConversionParent, Prisma.Sql> = {
  afiliado: Prisma.raw('afiliado_id'),
  campana: Prisma.raw('campana_id'),
};

/** Every column of conversiones, from the generated client's field list (a new field is read without an edit here). */
const CONVERSION_COLUMNS = Prisma.raw(selectColumns(Prisma.ConversionScalarFieldEnum, 'c', ['tipo']));

type Row = Conversion & { parentId: string; totalCount: bigint | number };

/**
 * A page of conversions AND the total count for many parents (affiliates or campaigns) in ONE statement:
 * per parent, a LATERAL count and a LATERAL take + 1 rows walking the (parent, id) index. `onlyAfiliadoId` keeps one
 * affiliate's conversions (an affiliate user reading a campaign's), in the rows and in the count.
 */
export async function conversionesPagePerParent(
  prisma: ConversionesPrisma,
  parent: ConversionParent,
  parentIds: readonly string[],
  page: Page,
  onlyAfiliadoId?: string,
): Promise<Map<string, ConversionesPage>> {
  const column = PARENT_COLUMN[parent];
  const after = page.afterId ? Prisma.sql`AND c.id > ${page.afterId}::uuid` : Prisma.empty;
  const ofAfiliado = onlyAfiliadoId ? Prisma.sql`AND afiliado_id = ${onlyAfiliadoId}::uuid` : Prisma.empty;
  const rows = await prisma.$queryRaw<Row[]>`
    SELECT p.parent_id AS "parentId", t.total AS "totalCount", ${CONVERSION_COLUMNS}
    FROM unnest(${[...parentIds]}::uuid[]) AS p(parent_id)
    CROSS JOIN LATERAL (SELECT count(*) AS total FROM conversiones WHERE ${column} = p.parent_id ${ofAfiliado}) t
    LEFT JOIN LATERAL (
      SELECT * FROM conversiones c WHERE c.${column} = p.parent_id ${after} ${ofAfiliado} ORDER BY c.id LIMIT ${page.take + 1}
    ) c ON true
    ORDER BY p.parent_id, c.id`;
  const pages = new Map<string, ConversionesPage>(parentIds.map((id) => [id, { rows: [], totalCount: 0 }]));
  for (const { parentId, totalCount, ...conversion } of rows) {
    const entry = pages.get(parentId)!;
    entry.totalCount = Number(totalCount);
    if (conversion.id) entry.rows.push(conversion);
  }
  return pages;
}
