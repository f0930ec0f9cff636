// The raw-SQL reads (one prepared statement on the pg Pool for many parents or ids) return exactly what Prisma's own
// reads return, field for field: a column missing from a SELECT list, or read with another type, fails here instead of
// going missing silently.
import { startServiceTestDatabase, type ServiceTestDatabase } from '@alpes/database';
import { newId } from '@alpes/platform';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openMarketingDatabase, type MarketingDatabase, type MarketingPrisma } from '../src/index.js';
import { campanasPerAfiliado } from '../src/infrastructure/campanas-per-afiliado.js';
import { comisionesPagePerAfiliado } from '../src/infrastructure/comisiones-page-per-afiliado.js';
import { MarketingLoaders } from '../src/read/marketing-loaders.js';
import { listCampanas, listComisiones } from '../src/read/marketing-listings.js';

let database: ServiceTestDatabase;
let marketing: MarketingDatabase;
let prisma: MarketingPrisma;
const afiliadoId = newId();
const campanaIds = [newId(), newId()];
const comisionIds = [newId(), newId()];
const statements: string[] = [];

beforeAll(async () => {
  database = await startServiceTestDatabase('marketing');
  marketing = openMarketingDatabase(database.url, (sql) => statements.push(sql));
  prisma = marketing.prisma;
  for (const [index, id] of campanaIds.entries()) {
    await prisma.campana.create({
      data: {
        id,
        nombre: `Campaña ${index}`,
        descripcion: index === 0 ? 'con descripción' : null,
        fechaInicio: new Date('2026-12-01T00:00:00Z'),
        fechaFin: new Date('2026-12-31T00:00:00Z'),
        presupuesto: '1500.50',
        metaConversiones: 10,
        tipo: 'DIGITAL',
        estado: 'ACTIVE',
        porcentajeComision: '7.25',
        tags: ['navidad', 'web'],
        afiliados: { create: { afiliadoId } },
      },
    });
  }
  for (const [index, id] of comisionIds.entries()) {
    await prisma.comision.create({
      data: {
        id,
        conversionId: newId(),
        afiliadoId,
        campanaId: campanaIds[index]!,
        montoBase: '100.00',
        porcentaje: '7.25',
        monto: '7.25',
        moneda: 'COP',
        estado: index === 0 ? 'APROBADA' : 'RECHAZADA',
        motivo: index === 0 ? null : 'El afiliado está suspendido',
        aprobadaEn: index === 0 ? new Date() : null,
      },
    });
  }
});
afterAll(async () => {
  await marketing?.$disconnect();
  await database?.stop();
});

describe('raw-SQL rows are whole Prisma rows', () => {
  it('listCampanas and listComisiones: the rows and counts of findMany / count, on prepared statements (no Prisma SQL)', async () => {
    statements.length = 0;
    const campanas = await listCampanas(marketing, { take: 1 }, 'ACTIVE', new Set(campanaIds));
    const campanasTotal = await campanas.totalCount();
    const comisiones = await listComisiones(marketing, { take: 5 }, { estados: ['APROBADA', 'CALCULADA'], afiliadoId });
    const comisionesTotal = await comisiones.totalCount();
    expect(statements).toHaveLength(4);
    expect(statements.filter((sql) => sql.includes('"public".'))).toEqual([]);
    expect(campanas.nodes).toStrictEqual(await prisma.campana.findMany({ where: { id: { in: campanaIds } }, orderBy: { id: 'asc' }, take: 1 }));
    expect(campanasTotal).toBe(2);
    expect(comisiones.nodes).toStrictEqual(await prisma.comision.findMany({ where: { estado: { in: ['APROBADA', 'CALCULADA'] } }, orderBy: { id: 'asc' } }));
    expect(comisionesTotal).toBe(1);
    expect((await listCampanas(marketing, { take: 5, afterId: campanaIds[0]! }, undefined, 'todas')).nodes.map((row) => row.id)).toEqual([campanaIds[1]]);
    expect(await (await listCampanas(marketing, { take: 5 }, 'DRAFT', 'todas')).totalCount()).toBe(0);
    expect(await (await listCampanas(marketing, { take: 5 }, undefined, new Set())).totalCount()).toBe(0);
    expect((await listComisiones(marketing, { take: 5 }, { campanaId: campanaIds[1]! })).nodes.map((row) => row.id)).toEqual([comisionIds[1]]);
  });

  it('campanasPerAfiliado: every field of every campaign, as campana.findMany reads it', async () => {
    const raw = (await campanasPerAfiliado(marketing, [afiliadoId])).get(afiliadoId);
    const expected = await prisma.campana.findMany({ where: { id: { in: campanaIds } }, orderBy: { id: 'asc' } });
    expect(raw).toHaveLength(2);
    expect(raw).toStrictEqual(expected);
  });

  it('comisionesPagePerAfiliado: every field of every commission, as comision.findMany reads it', async () => {
    const page = (await comisionesPagePerAfiliado(marketing, [afiliadoId], { take: 10 }, undefined, true)).get(afiliadoId);
    const expected = await prisma.comision.findMany({ where: { id: { in: comisionIds } }, orderBy: { id: 'asc' } });
    expect(page?.totalCount).toBe(2);
    expect(page?.rows).toStrictEqual(expected);
    const withoutCount = (await comisionesPagePerAfiliado(marketing, [afiliadoId], { take: 10 }, undefined, false)).get(afiliadoId);
    expect(withoutCount).toStrictEqual({ rows: expected, totalCount: undefined });
  });

  it('MarketingLoaders: campaigns, commissions and their historial by id, as Prisma reads them', async () => {
    const loaders = new MarketingLoaders(marketing);
    const campanas = await prisma.campana.findMany({ where: { id: { in: campanaIds } }, orderBy: { id: 'asc' } });
    const comisiones = await prisma.comision.findMany({ where: { id: { in: comisionIds } }, orderBy: { id: 'asc' } });
    expect(await Promise.all(campanaIds.map((id) => loaders.campana(id)))).toStrictEqual(campanas);
    expect(await Promise.all(comisionIds.map((id) => loaders.comision(id)))).toStrictEqual(comisiones);
    expect(await loaders.comisionOfConversion(comisiones[0]!.conversionId)).toStrictEqual(comisiones[0]);
    expect(await loaders.afiliadoIdsOfCampana(campanaIds[0]!)).toEqual([afiliadoId]);
    expect(await loaders.campanaIdsDeAfiliado(afiliadoId)).toEqual(new Set(campanaIds));
    expect(await loaders.historialDeCampana(campanaIds[0]!)).toStrictEqual(await prisma.campanaHistorial.findMany({ where: { campanaId: campanaIds[0]! } }));
  });
});
