import { selectColumns } from '@alpes/database';
import { Prisma, type Campana } from '../generated/prisma/client.js';
import type { MarketingPrisma } from './prisma-client.js';

/** Every column of campanas, from the generated client's field list (a new field is read without an edit here). */
const CAMPANA_COLUMNS = Prisma.raw(selectColumns(Prisma.CampanaScalarFieldEnum, 'c', ['tipo', 'estado']));

type Row = Campana & { afiliadoId: string };

/**
 * The campaigns of many affiliates in ONE statement (assignments joined with campaigns). The rows match what Prisma's
 * own reads return, field for field (test/raw-rows.test.ts).
 */
export async function campanasPerAfiliado(prisma: MarketingPrisma, afiliadoIds: readonly string[]): Promise<Map<string, Campana[]>> {
  const rows = await prisma.$queryRaw<Row[]>`
    SELECT ca.afiliado_id AS "afiliadoId", ${CAMPANA_COLUMNS}
    FROM campana_afiliados ca JOIN campanas c ON c.id = ca.campana_id
    WHERE ca.afiliado_id = ANY(${[...afiliadoIds]}::uuid[])
    ORDER BY ca.afiliado_id, c.id`;
  const campanas = new Map<string, Campana[]>(afiliadoIds.map((id) => [id, []]));
  for (const { afiliadoId, ...campana } of rows) campanas.get(afiliadoId)?.push(campana);
  return campanas;
}
