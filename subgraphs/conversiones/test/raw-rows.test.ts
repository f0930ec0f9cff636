// The raw-SQL page read (one statement for many parents, a prepared statement on the pg Pool) returns exactly what
// Prisma's own read returns, field for field, plus the campaign's name from the projection (null for a campaign never
// projected): a column missing from its SELECT list, or read with another type, fails here instead of going missing.
import { startServiceTestDatabase, type ServiceTestDatabase } from '@alpes/database';
import { newId } from '@alpes/platform';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openConversionesDatabase, type ConversionesDatabase } from '../src/index.js';
import { conversionesPagePerParent, type ConversionLeida } from '../src/infrastructure/conversiones-per-parent.js';
import type { Conversion } from '../src/generated/prisma/client.js';
import { ConversionLoaders } from '../src/read/conversion-loaders.js';
import { listConversiones, whereOf, type FiltroConversiones } from '../src/read/conversiones-listing.js';

let database: ServiceTestDatabase;
let conversiones: ConversionesDatabase;
const afiliadoId = newId();
const campanaId = newId();
const campanaSinProyeccion = newId();
const statements: string[] = [];

beforeAll(async () => {
  database = await startServiceTestDatabase('conversiones');
  conversiones = openConversionesDatabase(database.url, (sql) => statements.push(sql));
  const { prisma } = conversiones;
  await prisma.conversion.create({
    data: { id: newId(), afiliadoId, campanaId, valor: '120.50', moneda: 'COP', tipo: 'VENTA', metadata: { canal: 'web', items: [1, 2] } },
  });
  await prisma.conversion.create({ data: { id: newId(), afiliadoId, campanaId, valor: '0.99', moneda: 'USD', tipo: 'CLIC' } });
  await prisma.conversion.create({ data: { id: newId(), afiliadoId, campanaId: campanaSinProyeccion, valor: '5.00', moneda: 'USD', tipo: 'LEAD' } });
  await prisma.campanaProyeccion.create({ data: { id: campanaId, nombre: 'Campaña leída', actualizadoEn: new Date() } });
});

/** Prisma's rows as the read side answers them: with the projected campaign name. */
const leidas = (rows: Conversion[]): ConversionLeida[] => rows.map((row) => ({ ...row, campanaNombre: row.campanaId === campanaId ? 'Campaña leída' : null }));
afterAll(async () => {
  await conversiones?.$disconnect();
  await database?.stop();
});

it('conversionesPagePerParent: every field of every conversion, as conversion.findMany reads it', async () => {
  const page = (await conversionesPagePerParent(conversiones, 'campana', [campanaId], { take: 10 }, undefined, true)).get(campanaId);
  const expected = leidas(await conversiones.prisma.conversion.findMany({ where: { campanaId }, orderBy: { id: 'asc' } }));
  expect(page?.totalCount).toBe(2);
  expect(page?.rows).toStrictEqual(expected);
  const withoutCount = (await conversionesPagePerParent(conversiones, 'campana', [campanaId], { take: 10 }, undefined, false)).get(campanaId);
  expect(withoutCount).toStrictEqual({ rows: expected, totalCount: undefined });
});

it('ConversionLoaders.byId: whole rows as Prisma reads them, null for an unknown id; its statement is counted', async () => {
  const expected = leidas(await conversiones.prisma.conversion.findMany({ where: { afiliadoId }, orderBy: { id: 'asc' } }));
  expect(expected.map((row) => row.campanaNombre)).toEqual(['Campaña leída', 'Campaña leída', null]);
  const loaders = new ConversionLoaders(conversiones);
  statements.length = 0;
  const rows = await Promise.all([...expected.map((row) => loaders.byId(row.id)), loaders.byId(newId())]);
  expect(rows).toStrictEqual([...expected, null]);
  expect(statements).toHaveLength(1);
});

it('listConversiones: the rows and counts of conversion.findMany / count for each filter, on prepared statements (no Prisma SQL)', async () => {
  const all = leidas(await conversiones.prisma.conversion.findMany({ orderBy: { id: 'asc' } }));
  const filtros: FiltroConversiones[] = [
    {},
    { afiliadoId },
    { campanaId, afiliadoId },
    { campanaId: newId() },
    { desde: all[1]!.registradaEn },
    { hasta: all[0]!.registradaEn },
  ];
  for (const filtro of filtros) {
    statements.length = 0;
    const listing = await listConversiones(conversiones, { take: 1 }, filtro);
    const total = await listing.totalCount();
    expect(statements).toHaveLength(2); // the page and its count, neither Prisma's SQL
    expect(statements.filter((sql) => sql.includes('"public".'))).toEqual([]);
    expect(listing.nodes).toStrictEqual(leidas(await conversiones.prisma.conversion.findMany({ where: whereOf(filtro), orderBy: { id: 'asc' }, take: 1 })));
    expect(total).toBe(await conversiones.prisma.conversion.count({ where: whereOf(filtro) }));
  }
  const after = await listConversiones(conversiones, { take: 5, afterId: all[0]!.id }, { afiliadoId });
  expect(after.nodes).toStrictEqual(all.slice(1));
});

it('plans the hot reads once per session (generic plans); Prisma plans every execution (the foreign-key checks of its writes)', async () => {
  const mode = 'SELECT current_setting($1) AS mode';
  expect(await conversiones.reads.rows<{ mode: string }>(mode, ['plan_cache_mode'])).toEqual([{ mode: 'force_generic_plan' }]);
  expect(await conversiones.prisma.$queryRawUnsafe<{ mode: string }[]>(mode, 'plan_cache_mode')).toEqual([{ mode: 'force_custom_plan' }]);
});
