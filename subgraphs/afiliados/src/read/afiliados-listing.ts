import { SqlFilter, keysetListing, selectColumns, type Reads } from '@alpes/database';
import { toConnection, type Connection, type Page } from '@alpes/platform';
import type { RowScope } from '@alpes/security';
import { Prisma, type Afiliado, type EstadoAfiliado, type TipoAfiliacion } from '../generated/prisma/client.js';
import type { AfiliadosPrisma } from '../infrastructure/prisma-client.js';

/** Prisma (for searches) and the hot reads: a request's context, or the service's database. */
export interface AfiliadosReads {
  readonly prisma: AfiliadosPrisma;
  readonly reads: Reads;
}

export interface FiltroAfiliados {
  estado?: EstadoAfiliado | null;
  tipoAfiliacion?: TipoAfiliacion | null;
  busqueda?: string | null;
}

/** Every column of afiliados, from the generated client's field list (a new field is read without an edit here). */
const AFILIADO_COLUMNS = selectColumns(Prisma.AfiliadoScalarFieldEnum, 'a', ['tipoAfiliacion', 'estado']);

function whereOf(filtro: FiltroAfiliados | null | undefined, scope: RowScope, busqueda: string): Prisma.AfiliadoWhereInput {
  return {
    ...(scope.kind === 'afiliado' ? { id: scope.afiliadoId } : scope.kind === 'none' ? { id: { in: [] } } : {}),
    ...(filtro?.estado ? { estado: filtro.estado } : {}),
    ...(filtro?.tipoAfiliacion ? { tipoAfiliacion: filtro.tipoAfiliacion } : {}),
    OR: [{ nombre: { contains: busqueda, mode: 'insensitive' } }, { email: { contains: busqueda, mode: 'insensitive' } }],
  };
}

/** A search (ILIKE on two columns, rare): through Prisma, whose `contains` semantics it keeps. */
async function searchAfiliados(database: AfiliadosReads, page: Page, where: Prisma.AfiliadoWhereInput): Promise<Connection<Afiliado>> {
  const rows = await database.prisma.afiliado.findMany({
    where: page.afterId ? { AND: [where, { id: { gt: page.afterId } }] } : where,
    orderBy: { id: 'asc' },
    take: page.take + 1,
  });
  return toConnection(rows, page, () => database.prisma.afiliado.count({ where }));
}

/** Affiliates in registration order (UUIDv7 ids), keyset-paginated; the list and its count only hold what `scope` sees. */
export async function listAfiliados(
  database: AfiliadosReads,
  page: Page,
  filtro: FiltroAfiliados | null | undefined,
  scope: RowScope,
): Promise<Connection<Afiliado>> {
  const busqueda = filtro?.busqueda?.trim();
  if (busqueda) return searchAfiliados(database, page, whereOf(filtro, scope, busqueda));
  if (scope.kind === 'none') return toConnection([], page, () => 0);
  const filter = new SqlFilter();
  if (scope.kind === 'afiliado') filter.where((p) => `a.id = ${p}::uuid`, scope.afiliadoId);
  if (filtro?.estado) filter.where((p) => `a.estado = ${p}::"EstadoAfiliado"`, filtro.estado);
  if (filtro?.tipoAfiliacion) filter.where((p) => `a.tipo_afiliacion = ${p}::"TipoAfiliacion"`, filtro.tipoAfiliacion);
  const { rows, count } = await keysetListing<Afiliado>(database.reads, { table: 'afiliados', alias: 'a', columns: AFILIADO_COLUMNS }, filter, page);
  return toConnection(rows, page, count);
}
