import { LoaderCache, groupByKey, indexByKey, type Page } from '@alpes/platform';
import type { Campana, CampanaHistorial, Comision, ComisionHistorial, EstadoComision } from '../generated/prisma/client.js';
import { campanasPerAfiliado } from '../infrastructure/campanas-per-afiliado.js';
import { comisionesPagePerAfiliado, type ComisionesPage } from '../infrastructure/comisiones-page-per-afiliado.js';
import type { MarketingPrisma } from '../infrastructure/prisma-client.js';

/** Per-request batching of every campaign and commission lookup: one SQL statement per distinct shape of request. */
export class MarketingLoaders {
  private readonly cache = new LoaderCache();

  constructor(private readonly prisma: MarketingPrisma) {}

  campana(id: string): Promise<Campana | null> {
    return this.cache
      .get('campana', async (ids) => indexByKey(ids, await this.prisma.campana.findMany({ where: { id: { in: [...ids] } } }), (row) => row.id))
      .load(id);
  }

  comision(id: string): Promise<Comision | null> {
    return this.cache
      .get('comision', async (ids) => indexByKey(ids, await this.prisma.comision.findMany({ where: { id: { in: [...ids] } } }), (row) => row.id))
      .load(id);
  }

  comisionOfConversion(conversionId: string): Promise<Comision | null> {
    return this.cache
      .get('comisionOfConversion', async (ids) =>
        indexByKey(ids, await this.prisma.comision.findMany({ where: { conversionId: { in: [...ids] } } }), (row) => row.conversionId),
      )
      .load(conversionId);
  }

  afiliadoIdsOfCampana(campanaId: string): Promise<string[]> {
    return this.cache
      .get('afiliadosOfCampana', async (ids) => {
        const rows = await this.prisma.campanaAfiliado.findMany({ where: { campanaId: { in: [...ids] } }, orderBy: { asignadoEn: 'asc' } });
        return groupByKey(ids, rows, (row) => row.campanaId).map((group) => group.map((row) => row.afiliadoId));
      })
      .load(campanaId);
  }

  /** The campaigns an affiliate is assigned to or has a commission in, in one statement (row-level rule). */
  campanaIdsDeAfiliado(afiliadoId: string): Promise<ReadonlySet<string>> {
    return this.cache
      .get('campanaIdsDeAfiliado', async (ids) => {
        const rows = await this.prisma.$queryRaw<{ afiliadoId: string; campanaId: string }[]>`
          SELECT afiliado_id AS "afiliadoId", campana_id AS "campanaId" FROM campana_afiliados WHERE afiliado_id = ANY(${[...ids]}::uuid[])
          UNION SELECT DISTINCT afiliado_id, campana_id FROM comisiones WHERE afiliado_id = ANY(${[...ids]}::uuid[])`;
        return groupByKey(ids, rows, (row) => row.afiliadoId).map((group) => new Set(group.map((row) => row.campanaId)));
      })
      .load(afiliadoId);
  }

  historialDeCampana(campanaId: string): Promise<CampanaHistorial[]> {
    return this.cache
      .get('historialDeCampana', async (ids) =>
        groupByKey(
          ids,
          await this.prisma.campanaHistorial.findMany({ where: { campanaId: { in: [...ids] } }, orderBy: { id: 'asc' } }),
          (row) => row.campanaId,
        ),
      )
      .load(campanaId);
  }

  historialDeComision(comisionId: string): Promise<ComisionHistorial[]> {
    return this.cache
      .get('historialDeComision', async (ids) =>
        groupByKey(
          ids,
          await this.prisma.comisionHistorial.findMany({ where: { comisionId: { in: [...ids] } }, orderBy: { id: 'asc' } }),
          (row) => row.comisionId,
        ),
      )
      .load(comisionId);
  }

  campanasOfAfiliado(afiliadoId: string): Promise<Campana[]> {
    return this.cache
      .get('campanasOfAfiliado', async (ids) => {
        const campanas = await campanasPerAfiliado(this.prisma, ids);
        return ids.map((id) => campanas.get(id) ?? []);
      })
      .load(afiliadoId);
  }

  /** One page of an affiliate's commissions with its total count; batched across affiliates into one statement. */
  comisionesPageOf(afiliadoId: string, page: Page, estado: EstadoComision | undefined): Promise<ComisionesPage> {
    return this.cache
      .get(`comisionesPage:${page.take}:${page.afterId ?? ''}:${estado ?? ''}`, async (ids) => {
        const pages = await comisionesPagePerAfiliado(this.prisma, ids, page, estado);
        return ids.map((id) => pages.get(id)!);
      })
      .load(afiliadoId);
  }
}
