import { LoaderCache, groupByKey, indexByKey, type Page } from '@alpes/platform';
import type { Campana, CampanaHistorial, Comision, ComisionHistorial, EstadoComision } from '../generated/prisma/client.js';
import { campanasPerAfiliado } from '../infrastructure/campanas-per-afiliado.js';
import { comisionesPagePerAfiliado, type ComisionesPage } from '../infrastructure/comisiones-page-per-afiliado.js';
import { CAMPANA_COLUMNS, CAMPANA_HISTORIAL_COLUMNS, COMISION_COLUMNS, COMISION_HISTORIAL_COLUMNS } from '../infrastructure/marketing-columns.js';
import type { MarketingDatabase } from '../infrastructure/prisma-client.js';

// The batches' statements: each a prepared statement over an array of ids.
const SQL = {
  campanas: `SELECT ${CAMPANA_COLUMNS} FROM campanas c WHERE c.id = ANY($1::uuid[])`,
  comisiones: `SELECT ${COMISION_COLUMNS} FROM comisiones c WHERE c.id = ANY($1::uuid[])`,
  comisionesOfConversiones: `SELECT ${COMISION_COLUMNS} FROM comisiones c WHERE c.conversion_id = ANY($1::uuid[])`,
  afiliadosOfCampanas: `SELECT campana_id AS "campanaId", afiliado_id AS "afiliadoId" FROM campana_afiliados
    WHERE campana_id = ANY($1::uuid[]) ORDER BY asignado_en`,
  campanaIdsDeAfiliados: `SELECT afiliado_id AS "afiliadoId", campana_id AS "campanaId" FROM campana_afiliados WHERE afiliado_id = ANY($1::uuid[])
    UNION SELECT DISTINCT afiliado_id, campana_id FROM comisiones WHERE afiliado_id = ANY($1::uuid[])`,
  historialDeCampanas: `SELECT ${CAMPANA_HISTORIAL_COLUMNS} FROM campanas_historial h WHERE h.campana_id = ANY($1::uuid[]) ORDER BY h.id`,
  historialDeComisiones: `SELECT ${COMISION_HISTORIAL_COLUMNS} FROM comisiones_historial h WHERE h.comision_id = ANY($1::uuid[]) ORDER BY h.id`,
};

/** Per-request batching of every campaign and commission lookup: one SQL statement per distinct shape of request. */
export class MarketingLoaders {
  private readonly cache = new LoaderCache();

  constructor(private readonly database: MarketingDatabase) {}

  private rows<Row>(sql: string, ids: readonly string[]): Promise<Row[]> {
    return this.database.reads.rows<Row>(sql, [ids]);
  }

  campana(id: string): Promise<Campana | null> {
    return this.cache.get('campana', async (ids) => indexByKey(ids, await this.rows<Campana>(SQL.campanas, ids), (row) => row.id)).load(id);
  }

  comision(id: string): Promise<Comision | null> {
    return this.cache.get('comision', async (ids) => indexByKey(ids, await this.rows<Comision>(SQL.comisiones, ids), (row) => row.id)).load(id);
  }

  comisionOfConversion(conversionId: string): Promise<Comision | null> {
    return this.cache
      .get('comisionOfConversion', async (ids) => indexByKey(ids, await this.rows<Comision>(SQL.comisionesOfConversiones, ids), (row) => row.conversionId))
      .load(conversionId);
  }

  afiliadoIdsOfCampana(campanaId: string): Promise<string[]> {
    return this.cache
      .get('afiliadosOfCampana', async (ids) => {
        const rows = await this.rows<{ campanaId: string; afiliadoId: string }>(SQL.afiliadosOfCampanas, ids);
        return groupByKey(ids, rows, (row) => row.campanaId).map((group) => group.map((row) => row.afiliadoId));
      })
      .load(campanaId);
  }

  /** The campaigns an affiliate is assigned to or has a commission in, in one statement (row-level rule). */
  campanaIdsDeAfiliado(afiliadoId: string): Promise<ReadonlySet<string>> {
    return this.cache
      .get('campanaIdsDeAfiliado', async (ids) => {
        const rows = await this.rows<{ afiliadoId: string; campanaId: string }>(SQL.campanaIdsDeAfiliados, ids);
        return groupByKey(ids, rows, (row) => row.afiliadoId).map((group) => new Set(group.map((row) => row.campanaId)));
      })
      .load(afiliadoId);
  }

  historialDeCampana(campanaId: string): Promise<CampanaHistorial[]> {
    return this.cache
      .get('historialDeCampana', async (ids) => groupByKey(ids, await this.rows<CampanaHistorial>(SQL.historialDeCampanas, ids), (row) => row.campanaId))
      .load(campanaId);
  }

  historialDeComision(comisionId: string): Promise<ComisionHistorial[]> {
    return this.cache
      .get('historialDeComision', async (ids) => groupByKey(ids, await this.rows<ComisionHistorial>(SQL.historialDeComisiones, ids), (row) => row.comisionId))
      .load(comisionId);
  }

  campanasOfAfiliado(afiliadoId: string): Promise<Campana[]> {
    return this.cache
      .get('campanasOfAfiliado', async (ids) => {
        const campanas = await campanasPerAfiliado(this.database, ids);
        return ids.map((id) => campanas.get(id) ?? []);
      })
      .load(afiliadoId);
  }

  /** One page of an affiliate's commissions, with its total count when `withCount`; batched across affiliates into one statement. */
  comisionesPageOf(afiliadoId: string, page: Page, estado: EstadoComision | undefined, withCount: boolean): Promise<ComisionesPage> {
    return this.cache
      .get(`comisionesPage:${page.take}:${page.afterId ?? ''}:${estado ?? ''}:${withCount}`, async (ids) => {
        const pages = await comisionesPagePerAfiliado(this.database, ids, page, estado, withCount);
        return ids.map((id) => pages.get(id)!);
      })
      .load(afiliadoId);
  }
}
