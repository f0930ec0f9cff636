import type { Comision, EstadoComision } from '../generated/prisma/client.js';
import { keysetPagesPerParent, type ParentPage } from '@alpes/database';
import type { Page } from '@alpes/platform';
import { COMISION_COLUMNS } from './marketing-columns.js';
import type { MarketingDatabase } from './prisma-client.js';

/** Only when asked for (`withCount`) is totalCount set: the count walks every row of the affiliate, the page only take + 1. */
export type ComisionesPage = ParentPage<Comision>;

/**
 * A page of commissions (AND, `withCount`, the total count) for many affiliates in ONE statement
 * (keysetPagesPerParent), optionally of one estado. The rows match what Prisma's own reads return, field for field
 * (test/raw-rows.test.ts).
 */
export function comisionesPagePerAfiliado(
  database: MarketingDatabase,
  afiliadoIds: readonly string[],
  page: Page,
  estado: EstadoComision | undefined,
  withCount: boolean,
): Promise<Map<string, ComisionesPage>> {
  return keysetPagesPerParent<Comision>(database.reads, { table: 'comisiones', parentColumn: 'afiliado_id', columns: COMISION_COLUMNS }, afiliadoIds, page, {
    withCount,
    where: estado ? [{ sql: (p) => `estado = ${p}::"EstadoComision"`, value: estado }] : [],
  });
}
