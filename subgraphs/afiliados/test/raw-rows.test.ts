// The afiliados hot reads (prepared statements on the pg Pool) return exactly what Prisma's own reads return, field
// for field, and the listing keeps Prisma's filters, order, page and count.
import { startServiceTestDatabase, type ServiceTestDatabase } from '@alpes/database';
import { newId } from '@alpes/platform';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openAfiliadosDatabase, type AfiliadosDatabase } from '../src/index.js';
import { createAfiliadoLoaders } from '../src/read/afiliado-loaders.js';
import { listAfiliados } from '../src/read/afiliados-listing.js';

let database: ServiceTestDatabase;
let afiliados: AfiliadosDatabase;
const ids = [newId(), newId(), newId()];
const statements: string[] = [];

beforeAll(async () => {
  database = await startServiceTestDatabase('afiliados');
  afiliados = openAfiliadosDatabase(database.url, (sql) => statements.push(sql));
  await afiliados.prisma.afiliado.createMany({
    data: [
      { id: ids[0]!, nombre: 'Ana', email: 'ana@example.com', telefono: '+57 300', tipoAfiliacion: 'PREMIUM', comisionBase: '12.50' },
      { id: ids[1]!, nombre: 'Luis', email: 'luis@example.com', tipoAfiliacion: 'STANDARD', comisionBase: '5', estado: 'SUSPENDIDO' },
      { id: ids[2]!, nombre: 'Marta', email: 'marta@example.com', tipoAfiliacion: 'STANDARD', comisionBase: '7.25' },
    ],
  });
});
afterAll(async () => {
  await afiliados?.$disconnect();
  await database?.stop();
});

it('afiliadoById: every field, as afiliado.findMany reads it; null for an unknown id; one counted statement', async () => {
  const expected = await afiliados.prisma.afiliado.findMany({ where: { id: { in: ids } }, orderBy: { id: 'asc' } });
  const { afiliadoById } = createAfiliadoLoaders(afiliados);
  statements.length = 0;
  expect(await Promise.all([...ids, newId()].map((id) => afiliadoById.load(id)))).toStrictEqual([...expected, null]);
  expect(statements).toHaveLength(1);
});

it('listAfiliados: the page, the cursor, the filters and the count as Prisma gives them', async () => {
  const all = await afiliados.prisma.afiliado.findMany({ orderBy: { id: 'asc' } });
  const first = await listAfiliados(afiliados, { take: 2 }, undefined, { kind: 'all' });
  expect(first.nodes).toStrictEqual(all.slice(0, 2));
  expect(first.pageInfo.hasNextPage).toBe(true);
  expect(await first.totalCount()).toBe(3);
  const next = await listAfiliados(afiliados, { take: 2, afterId: all[1]!.id }, undefined, { kind: 'all' });
  expect(next.nodes).toStrictEqual(all.slice(2));
  expect(next.pageInfo.hasNextPage).toBe(false);
  const standardActivos = await listAfiliados(afiliados, { take: 5 }, { estado: 'ACTIVO', tipoAfiliacion: 'STANDARD' }, { kind: 'all' });
  expect(standardActivos.nodes.map((row) => row.nombre)).toEqual(['Marta']);
  expect(await standardActivos.totalCount()).toBe(1);
  const own = await listAfiliados(afiliados, { take: 5 }, undefined, { kind: 'afiliado', afiliadoId: ids[1]! });
  expect(own.nodes.map((row) => row.id)).toEqual([ids[1]]);
  expect(await own.totalCount()).toBe(1);
});
