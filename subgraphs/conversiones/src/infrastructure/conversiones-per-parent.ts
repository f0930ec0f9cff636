import { keysetPagesPerParent, selectColumns, type ParentPage } from '@alpes/database';
import { Prisma, type Conversion } from '../generated/prisma/client.js';
import type { Page } from '@alpes/platform';
import type { ConversionesDatabase } from './prisma-client.js';

export type ConversionParent = 'afiliado' | 'campana';

/** Only when asked for (`withCount`) is totalCount set: the count walks every row of the parent, the page only take + 1. */
export type ConversionesPage = ParentPage<Conversion>;

const PARENT_COLUMN: Record<ConversionParent, string> = { afiliado: 'afiliado_id', campana: 'campana_id' };

/** Every column of conversiones, from the generated client's field list (a new field is read without an edit here). */
export const CONVERSION_COLUMNS = selectColumns(Prisma.ConversionScalarFieldEnum, 'c', ['tipo']);

/**
 * A page of conversions (AND, `withCount`, the total count) for many parents (affiliates or campaigns) in ONE
 * statement (keysetPagesPerParent). `onlyAfiliadoId` keeps one affiliate's conversions (an affiliate user reading a
 * campaign's), in the rows and in the count.
 */
export function conversionesPagePerParent(
  database: ConversionesDatabase,
  parent: ConversionParent,
  parentIds: readonly string[],
  page: Page,
  onlyAfiliadoId: string | undefined,
  withCount: boolean,
): Promise<Map<string, ConversionesPage>> {
  return keysetPagesPerParent<Conversion>(
    database.reads,
    { table: 'conversiones', parentColumn: PARENT_COLUMN[parent], columns: CONVERSION_COLUMNS },
    parentIds,
    page,
    { withCount, where: onlyAfiliadoId ? [{ sql: (p) => `afiliado_id = ${p}::uuid`, value: onlyAfiliadoId }] : [] },
  );
}
