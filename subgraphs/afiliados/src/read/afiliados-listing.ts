import { toConnection, type Connection, type Page } from '@alpes/platform';
import type { RowScope } from '@alpes/security';
import type { Afiliado, EstadoAfiliado, TipoAfiliacion } from '../generated/prisma/client.js';
import type { Prisma } from '../generated/prisma/client.js';
import type { AfiliadosPrisma } from '../infrastructure/prisma-client.js';

export interface FiltroAfiliados {
  estado?: EstadoAfiliado | null;
  tipoAfiliacion?: TipoAfiliacion | null;
  busqueda?: string | null;
}

function whereOf(filtro: FiltroAfiliados | null | undefined, scope: RowScope): Prisma.AfiliadoWhereInput {
  const busqueda = filtro?.busqueda?.trim();
  return {
    ...(scope.kind === 'afiliado' ? { id: scope.afiliadoId } : scope.kind === 'none' ? { id: { in: [] } } : {}),
    ...(filtro?.estado ? { estado: filtro.estado } : {}),
    ...(filtro?.tipoAfiliacion ? { tipoAfiliacion: filtro.tipoAfiliacion } : {}),
    ...(busqueda ? { OR: [{ nombre: { contains: busqueda, mode: 'insensitive' } }, { email: { contains: busqueda, mode: 'insensitive' } }] } : {}),
  };
}

/** Affiliates in registration order (UUIDv7 ids), keyset-paginated; the list and its count only hold what `scope` sees. */
export async function listAfiliados(
  prisma: AfiliadosPrisma,
  page: Page,
  filtro: FiltroAfiliados | null | undefined,
  scope: RowScope,
): Promise<Connection<Afiliado>> {
  const where = whereOf(filtro, scope);
  const rows = await prisma.afiliado.findMany({
    where: page.afterId ? { AND: [where, { id: { gt: page.afterId } }] } : where,
    orderBy: { id: 'asc' },
    take: page.take + 1,
  });
  return toConnection(rows, page, () => prisma.afiliado.count({ where }));
}
