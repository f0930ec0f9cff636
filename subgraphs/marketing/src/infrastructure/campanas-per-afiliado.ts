import type { Campana } from '../generated/prisma/client.js';
import type { MarketingPrisma } from './prisma-client.js';

type Row = Campana & { afiliadoId: string };

/** The campaigns of many affiliates in ONE statement (assignments joined with campaigns). */
export async function campanasPerAfiliado(prisma: MarketingPrisma, afiliadoIds: readonly string[]): Promise<Map<string, Campana[]>> {
  const rows = await prisma.$queryRaw<Row[]>`
    SELECT ca.afiliado_id AS "afiliadoId", c.id, c.nombre, c.descripcion, c.fecha_inicio AS "fechaInicio", c.fecha_fin AS "fechaFin",
           c.presupuesto, c.meta_conversiones AS "metaConversiones", c.tipo::text AS tipo, c.estado::text AS estado,
           c.porcentaje_comision AS "porcentajeComision", c.tags, c.creada_en AS "creadaEn", c.actualizada_en AS "actualizadaEn"
    FROM campana_afiliados ca JOIN campanas c ON c.id = ca.campana_id
    WHERE ca.afiliado_id = ANY(${[...afiliadoIds]}::uuid[])
    ORDER BY ca.afiliado_id, c.id`;
  const campanas = new Map<string, Campana[]>(afiliadoIds.map((id) => [id, []]));
  for (const { afiliadoId, ...campana } of rows) campanas.get(afiliadoId)?.push(campana);
  return campanas;
}
