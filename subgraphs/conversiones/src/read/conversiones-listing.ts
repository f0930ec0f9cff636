import { SqlFilter, keysetListing, type HasReads } from '@alpes/database';
import { toConnection, type Connection, type DateRange, type Page } from '@alpes/platform';
import type { Prisma } from '../generated/prisma/client.js';
import { CONVERSION_COLUMNS, type ConversionLeida } from '../infrastructure/conversiones-per-parent.js';

export interface FiltroConversiones extends DateRange {
  afiliadoId?: string;
  campanaId?: string;
}

export function whereOf(filtro: FiltroConversiones): Prisma.ConversionWhereInput {
  return {
    ...(filtro.afiliadoId ? { afiliadoId: filtro.afiliadoId } : {}),
    ...(filtro.campanaId ? { campanaId: filtro.campanaId } : {}),
    ...(filtro.desde || filtro.hasta
      ? { registradaEn: { ...(filtro.desde ? { gte: filtro.desde } : {}), ...(filtro.hasta ? { lte: filtro.hasta } : {}) } }
      : {}),
  };
}

/** Conversions in registration order (UUIDv7 ids), keyset-paginated, on SqlReads' prepared statements (the count when selected). */
export async function listConversiones({ reads }: HasReads, page: Page, filtro: FiltroConversiones): Promise<Connection<ConversionLeida>> {
  const filter = new SqlFilter();
  if (filtro.afiliadoId) filter.where((p) => `c.afiliado_id = ${p}::uuid`, filtro.afiliadoId);
  if (filtro.campanaId) filter.where((p) => `c.campana_id = ${p}::uuid`, filtro.campanaId);
  if (filtro.desde) filter.where((p) => `c.registrada_en >= ${p}::timestamptz`, filtro.desde);
  if (filtro.hasta) filter.where((p) => `c.registrada_en <= ${p}::timestamptz`, filtro.hasta);
  const { rows, count } = await keysetListing<ConversionLeida>(reads, { table: 'conversiones', alias: 'c', columns: CONVERSION_COLUMNS }, filter, page);
  return toConnection(rows, page, count);
}
