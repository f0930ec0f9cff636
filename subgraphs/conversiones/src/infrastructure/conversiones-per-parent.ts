import { keysetPagesPerParent, selectColumns, type ParentPage } from '@alpes/database';
import { Prisma, type Conversion } from '../generated/prisma/client.js';
import type { Page } from '@alpes/platform';
import type { ConversionesDatabase } from './prisma-client.js';

export type ConversionParent = 'afiliado' | 'campana';

/**
 * A conversion as the read side answers it: its row and its campaign's name from conversiones' own projection
 * (campanas_proyeccion), which Conversion.campana provides to the gateway without a call to marketing. Null only for a
 * campaign the projection has never seen (a conversion stored before the projection existed).
 */
export type ConversionLeida = Conversion & { campanaNombre: string | null };

/** Only when asked for (`withCount`) is totalCount set: the count walks every row of the parent, the page only take + 1. */
export type ConversionesPage = ParentPage<ConversionLeida>;

const PARENT_COLUMN: Record<ConversionParent, string> = { afiliado: 'afiliado_id', campana: 'campana_id' };

/**
 * Every column of conversiones (aliased `c`), from the generated client's field list (a new field is read without an
 * edit here), and the campaign's name: a primary-key lookup in the same statement.
 */
export const CONVERSION_COLUMNS = `${selectColumns(Prisma.ConversionScalarFieldEnum, 'c', ['tipo'])}, (SELECT cp.nombre FROM campanas_proyeccion cp WHERE cp.id = c.campana_id) AS "campanaNombre"`;

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
  return keysetPagesPerParent<ConversionLeida>(
    database.reads,
    { table: 'conversiones', parentColumn: PARENT_COLUMN[parent], columns: CONVERSION_COLUMNS },
    parentIds,
    page,
    { withCount, where: onlyAfiliadoId ? [{ sql: (p) => `afiliado_id = ${p}::uuid`, value: onlyAfiliadoId }] : [] },
  );
}
