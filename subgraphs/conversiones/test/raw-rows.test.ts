// The raw-SQL page read (one statement for many parents) returns exactly what Prisma's own read returns, field for
// field: a column missing from its SELECT list, or read with another type, fails here instead of going missing.
import { startServiceTestDatabase, type ServiceTestDatabase } from '@alpes/database';
import { newId } from '@alpes/platform';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createConversionesPrisma, type ConversionesPrisma } from '../src/index.js';
import { conversionesPagePerParent } from '../src/infrastructure/conversiones-per-parent.js';

let database: ServiceTestDatabase;
let prisma: ConversionesPrisma;
const afiliadoId = newId();
const campanaId = newId();

beforeAll(async () => {
  database = await startServiceTestDatabase('conversiones');
  prisma = createConversionesPrisma(database.url);
  await prisma.conversion.create({
    data: { id: newId(), afiliadoId, campanaId, valor: '120.50', moneda: 'COP', tipo: 'VENTA', metadata: { canal: 'web', items: [1, 2] } },
  });
  await prisma.conversion.create({ data: { id: newId(), afiliadoId, campanaId, valor: '0.99', moneda: 'USD', tipo: 'CLIC' } });
});
afterAll(async () => {
  await prisma?.$disconnect();
  await database?.stop();
});

it('conversionesPagePerParent: every field of every conversion, as conversion.findMany reads it', async () => {
  const page = (await conversionesPagePerParent(prisma, 'campana', [campanaId], { take: 10 })).get(campanaId);
  const expected = await prisma.conversion.findMany({ where: { campanaId }, orderBy: { id: 'asc' } });
  expect(page?.totalCount).toBe(2);
  expect(page?.rows).toStrictEqual(expected);
});
