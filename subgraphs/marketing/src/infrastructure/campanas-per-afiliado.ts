import type { Campana } from '../generated/prisma/client.js';
import { CAMPANA_COLUMNS } from './marketing-columns.js';
import type { MarketingDatabase } from './prisma-client.js';

type Row = Campana & { afiliadoId: string };

const CAMPANAS_PER_AFILIADO = `SELECT ca.afiliado_id AS "afiliadoId", ${CAMPANA_COLUMNS}
    FROM campana_afiliados ca JOIN campanas c ON c.id = ca.campana_id
    WHERE ca.afiliado_id = ANY($1::uuid[])
    ORDER BY ca.afiliado_id, c.id`;

/**
 * The campaigns of many affiliates in ONE statement (assignments joined with campaigns). The rows match what Prisma's
 * own reads return, field for field (test/raw-rows.test.ts).
 */
export async function campanasPerAfiliado(database: MarketingDatabase, afiliadoIds: readonly string[]): Promise<Map<string, Campana[]>> {
  const rows = await database.reads.rows<Row>(CAMPANAS_PER_AFILIADO, [afiliadoIds]);
  const campanas = new Map<string, Campana[]>(afiliadoIds.map((id) => [id, []]));
  for (const { afiliadoId, ...campana } of rows) campanas.get(afiliadoId)?.push(campana);
  return campanas;
}
