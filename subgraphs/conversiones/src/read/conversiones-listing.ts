import { toConnection, type Connection, type DateRange, type Page } from '@alpes/platform';
import type { Conversion, Prisma } from '../generated/prisma/client.js';
import type { ConversionesPrisma } from '../infrastructure/prisma-client.js';

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

/** Conversions in registration order (UUIDv7 ids), keyset-paginated. */
export async function listConversiones(prisma: ConversionesPrisma, page: Page, filtro: FiltroConversiones): Promise<Connection<Conversion>> {
  const where = whereOf(filtro);
  const rows = await prisma.conversion.findMany({
    where: page.afterId ? { AND: [where, { id: { gt: page.afterId } }] } : where,
    orderBy: { id: 'asc' },
    take: page.take + 1,
  });
  return toConnection(rows, page, () => prisma.conversion.count({ where }));
}
