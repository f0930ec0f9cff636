import { SqlFilter, keysetListing, type HasReads } from '@alpes/database';
import { toConnection, type Connection, type Page } from '@alpes/platform';
import type { Campana, Comision, EstadoCampana, EstadoComision } from '../generated/prisma/client.js';
import { CAMPANA_COLUMNS, COMISION_COLUMNS } from '../infrastructure/marketing-columns.js';

export const ESTADOS_PENDIENTES: EstadoComision[] = ['CALCULADA', 'APROBADA'];

/**
 * Campaigns in creation order (UUIDv7 ids), keyset-paginated; only those in `visibles` unless it is 'todas'. On
 * SqlReads' prepared statements; the count only when selected.
 */
export async function listCampanas(
  { reads }: HasReads,
  page: Page,
  estado: EstadoCampana | undefined,
  visibles: 'todas' | ReadonlySet<string>,
): Promise<Connection<Campana>> {
  const filter = new SqlFilter();
  if (estado) filter.where((p) => `c.estado = ${p}::"EstadoCampana"`, estado);
  if (visibles !== 'todas') filter.where((p) => `c.id = ANY(${p}::uuid[])`, [...visibles]);
  const { rows, count } = await keysetListing<Campana>(reads, { table: 'campanas', alias: 'c', columns: CAMPANA_COLUMNS }, filter, page);
  return toConnection(rows, page, count);
}

export interface FiltroComisiones {
  estados?: EstadoComision[];
  afiliadoId?: string;
  campanaId?: string;
}

/** Commissions in calculation order (UUIDv7 ids), keyset-paginated, on SqlReads' prepared statements; the count only when selected. */
export async function listComisiones({ reads }: HasReads, page: Page, filtro: FiltroComisiones): Promise<Connection<Comision>> {
  const filter = new SqlFilter();
  if (filtro.estados) filter.where((p) => `c.estado = ANY(${p}::"EstadoComision"[])`, filtro.estados);
  if (filtro.afiliadoId) filter.where((p) => `c.afiliado_id = ${p}::uuid`, filtro.afiliadoId);
  if (filtro.campanaId) filter.where((p) => `c.campana_id = ${p}::uuid`, filtro.campanaId);
  const { rows, count } = await keysetListing<Comision>(reads, { table: 'comisiones', alias: 'c', columns: COMISION_COLUMNS }, filter, page);
  return toConnection(rows, page, count);
}
