import { toConnection, type Connection, type Page } from '@alpes/platform';
import type { Campana, Comision, EstadoCampana, EstadoComision, Prisma } from '../generated/prisma/client.js';
import type { MarketingPrisma } from '../infrastructure/prisma-client.js';

export const ESTADOS_PENDIENTES: EstadoComision[] = ['CALCULADA', 'APROBADA'];

/** Campaigns in creation order (UUIDv7 ids), keyset-paginated; only those in `visibles` unless it is 'todas'. */
export async function listCampanas(
  prisma: MarketingPrisma,
  page: Page,
  estado: EstadoCampana | undefined,
  visibles: 'todas' | ReadonlySet<string>,
): Promise<Connection<Campana>> {
  const where: Prisma.CampanaWhereInput = { ...(estado ? { estado } : {}), ...(visibles === 'todas' ? {} : { id: { in: [...visibles] } }) };
  const rows = await prisma.campana.findMany({
    where: page.afterId ? { AND: [where, { id: { gt: page.afterId } }] } : where,
    orderBy: { id: 'asc' },
    take: page.take + 1,
  });
  return toConnection(rows, page, () => prisma.campana.count({ where }));
}

export interface FiltroComisiones {
  estados?: EstadoComision[];
  afiliadoId?: string;
  campanaId?: string;
}

/** Commissions in calculation order (UUIDv7 ids), keyset-paginated. */
export async function listComisiones(prisma: MarketingPrisma, page: Page, filtro: FiltroComisiones): Promise<Connection<Comision>> {
  const where: Prisma.ComisionWhereInput = {
    ...(filtro.estados ? { estado: { in: filtro.estados } } : {}),
    ...(filtro.afiliadoId ? { afiliadoId: filtro.afiliadoId } : {}),
    ...(filtro.campanaId ? { campanaId: filtro.campanaId } : {}),
  };
  const rows = await prisma.comision.findMany({
    where: page.afterId ? { AND: [where, { id: { gt: page.afterId } }] } : where,
    orderBy: { id: 'asc' },
    take: page.take + 1,
  });
  return toConnection(rows, page, () => prisma.comision.count({ where }));
}
