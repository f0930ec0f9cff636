import { LoaderCache, indexByKey, type Page } from '@alpes/platform';
import {
  CONVERSION_COLUMNS,
  conversionesPagePerParent,
  type ConversionLeida,
  type ConversionParent,
  type ConversionesPage,
} from '../infrastructure/conversiones-per-parent.js';
import type { ConversionesDatabase } from '../infrastructure/prisma-client.js';

const BY_IDS = `SELECT ${CONVERSION_COLUMNS} FROM conversiones c WHERE c.id = ANY($1::uuid[])`;

/** Per-request batching of every conversion lookup: one SQL statement per distinct shape of request. */
export class ConversionLoaders {
  private readonly cache = new LoaderCache();

  constructor(private readonly database: ConversionesDatabase) {}

  byId(id: string): Promise<ConversionLeida | null> {
    return this.cache.get('byId', async (ids) => indexByKey(ids, await this.database.reads.rows<ConversionLeida>(BY_IDS, [ids]), (row) => row.id)).load(id);
  }

  /**
   * One page of a parent's conversions (only one affiliate's when given), with its total count when `withCount`;
   * batched across parents into one statement.
   */
  pageOf(parent: ConversionParent, parentId: string, page: Page, onlyAfiliadoId: string | undefined, withCount: boolean): Promise<ConversionesPage> {
    return this.cache
      .get(`page:${parent}:${page.take}:${page.afterId ?? ''}:${onlyAfiliadoId ?? ''}:${withCount}`, async (ids) => {
        const pages = await conversionesPagePerParent(this.database, parent, ids, page, onlyAfiliadoId, withCount);
        return ids.map((id) => pages.get(id)!);
      })
      .load(parentId);
  }
}
