// The demo seed leaves its databases as a settled production database would be: analyzed and vacuumed, so that the
// planner has statistics and a page's count(*) per parent is an index-only scan. Without it, autovacuum did the same
// a minute or two after the first start, in the middle of the first bench or test that read the demo data.
import { startServiceTestDatabase, type ServiceTestDatabase } from '@alpes/database';
import { createAfiliadosPrisma } from '@alpes/afiliados-subgraph';
import { createConversionesPrisma } from '@alpes/conversiones-subgraph';
import { createMarketingPrisma } from '@alpes/marketing-subgraph';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { seedDemoData, type ServiceClients } from '../src/index.js';

const databases: ServiceTestDatabase[] = [];
let clients: ServiceClients;

beforeAll(async () => {
  const [afiliados, conversiones, marketing] = await Promise.all(
    (['afiliados', 'conversiones', 'marketing'] as const).map((service) => startServiceTestDatabase(service)),
  );
  databases.push(afiliados!, conversiones!, marketing!);
  clients = {
    afiliados: createAfiliadosPrisma(afiliados!.url),
    conversiones: createConversionesPrisma(conversiones!.url),
    marketing: createMarketingPrisma(marketing!.url),
  };
});
afterAll(async () => {
  await Promise.all(Object.values(clients ?? {}).map((client) => client.$disconnect()));
  await Promise.all(databases.map((database) => database.stop()));
});

/** What VACUUM (ANALYZE) leaves in pg_class: row estimates, and pages marked all-visible in the visibility map. */
async function settled(client: ServiceClients[keyof ServiceClients], table: string) {
  const [row] = await client.$queryRawUnsafe<{ reltuples: number; relpages: number; relallvisible: number }[]>(
    'SELECT reltuples::float8 AS reltuples, relpages, relallvisible FROM pg_class WHERE relname = $1',
    table,
  );
  return row;
}

it('vacuums and analyzes every database after loading the demo data', async () => {
  const summary = await seedDemoData(clients, { afiliados: 6, conversiones: 300 });
  expect(summary).toMatchObject({ seeded: true, afiliados: 6, conversiones: 300 });
  for (const [client, table, rows] of [
    [clients.afiliados, 'afiliados', summary.afiliados],
    [clients.conversiones, 'conversiones', summary.conversiones],
    [clients.marketing, 'comisiones', summary.comisiones],
  ] as const) {
    const stats = await settled(client, table);
    expect({ table, reltuples: stats?.reltuples }).toEqual({ table, reltuples: rows });
    expect(stats?.relallvisible).toBe(stats?.relpages);
    expect(stats?.relpages).toBeGreaterThan(0);
  }
});
