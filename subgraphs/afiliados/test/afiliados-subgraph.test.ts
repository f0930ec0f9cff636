import { MemoryBus } from '@alpes/messaging';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServiceTestDatabase, type ServiceTestDatabase } from '@alpes/database';
import { newId, type RunningServiceServer } from '@alpes/platform';
import { createAfiliadosPrisma, startAfiliadosSubgraph, type AfiliadosPrisma } from '../src/index.js';
import { postGraphQL, TestGatewayIdentity, userOfRole } from '@alpes/testing';

const gateway = new TestGatewayIdentity();

let database: ServiceTestDatabase;
let prisma: AfiliadosPrisma;
let subgraph: RunningServiceServer;
const bus = new MemoryBus();
const statements: string[] = [];
const ids = [newId(), newId(), newId()];

async function query(text: string, variables?: Record<string, unknown>) {
  return (await postGraphQL(subgraph.url, text, variables, await gateway.authorization())) as { data?: any; errors?: any[] };
}

beforeAll(async () => {
  database = await startServiceTestDatabase('afiliados');
  prisma = createAfiliadosPrisma(database.url);
  await prisma.afiliado.createMany({
    data: [
      { id: ids[0]!, nombre: 'Ana Gómez', email: 'ana@example.com', tipoAfiliacion: 'PREMIUM', comisionBase: '12.50' },
      { id: ids[1]!, nombre: 'Luis Díaz', email: 'luis@example.com', tipoAfiliacion: 'STANDARD', comisionBase: '5', estado: 'SUSPENDIDO' },
      { id: ids[2]!, nombre: 'Marta Ruiz', email: 'marta@example.com', tipoAfiliacion: 'STANDARD', comisionBase: '7.25' },
    ],
  });
  subgraph = await startAfiliadosSubgraph({
    databaseUrl: database.url,
    port: 0,
    bus,
    identity: gateway.verifier,
    workers: false,
    onStatement: (sql) => statements.push(sql),
  });
});
afterAll(async () => {
  await subgraph?.close();
  await bus.close();
  await prisma?.$disconnect();
  await database?.stop();
});

describe('afiliados subgraph on its own database', () => {
  it('serves the SDL of schema.graphql to the gateway', async () => {
    const { data } = await query('{ _service { sdl } }');
    const file = readFileSync(new URL('../schema.graphql', import.meta.url), 'utf8');
    const fieldsOf = (sdl: string) =>
      [...sdl.matchAll(/^\s+(\w+)(\([^)]*\))?: [\w![\]]+/gm)]
        .map((match) => match[1]!)
        .filter((name) => !name.startsWith('_'))
        .sort();
    expect(fieldsOf(data._service.sdl)).toEqual(expect.arrayContaining(fieldsOf(file)));
    expect(data._service.sdl).toMatch(/type Afiliado\s+@key\(fields: "id"\)/);
  });

  it('filters by estado, tipo and a case-insensitive search, with totalCount', async () => {
    const { data } = await query(
      '{ a: afiliados(filtro: { estado: ACTIVO }) { totalCount nodes { nombre } } b: afiliados(filtro: { busqueda: "MARTA" }) { nodes { email comisionBase } } }',
    );
    expect(data.a.totalCount).toBe(2);
    expect(data.b.nodes).toEqual([{ email: 'marta@example.com', comisionBase: '7.25' }]);
  });

  it('resolves many entity references in one SQL statement', async () => {
    statements.length = 0;
    const { data } = await query('query ($r: [_Any!]!) { _entities(representations: $r) { ... on Afiliado { id nombre estado } } }', {
      r: [...ids, newId()].map((id) => ({ __typename: 'Afiliado', id })),
    });
    expect(data._entities.map((entity: any) => entity?.nombre ?? null)).toEqual(['Ana Gómez', 'Luis Díaz', 'Marta Ruiz', null]);
    expect(statements).toHaveLength(1);
  });

  it('an affiliate user sees only itself: the list and its count, its own id; another id is null, its entity too', async () => {
    const ana = await gateway.authorization(userOfRole('afiliado', { afiliadoId: ids[0]! }));
    const { data, errors } = await postGraphQL(
      subgraph.url,
      `query ($r: [_Any!]!) {
      afiliados { totalCount nodes { nombre email } }
      propio: afiliado(id: "${ids[0]}") { nombre }
      ajeno: afiliado(id: "${ids[1]}") { nombre }
      _entities(representations: $r) { ... on Afiliado { nombre } }
    }`,
      { r: [ids[1], ids[0]].map((id) => ({ __typename: 'Afiliado', id })) },
      ana,
    );
    expect(errors).toBeUndefined();
    expect(data).toEqual({
      afiliados: { totalCount: 1, nodes: [{ nombre: 'Ana Gómez', email: 'ana@example.com' }] },
      propio: { nombre: 'Ana Gómez' },
      ajeno: null,
      _entities: [null, { nombre: 'Ana Gómez' }],
    });
  });

  it('reads listings of one request that differ only in size (a gateway merges reads so) as one page and one count', async () => {
    const listing = (alias: string, first: number) => `${alias}: afiliados(first: ${first}) { totalCount nodes { nombre } pageInfo { hasNextPage } }`;
    statements.length = 0;
    const { data, errors } = await query(`{ ${listing('uno', 1)} ${listing('dos', 2)} ${listing('cinco', 5)} ${listing('otraVez', 2)} }`);
    expect(errors).toBeUndefined();
    const page = (names: string[], hasNextPage: boolean) => ({ totalCount: 3, nodes: names.map((nombre) => ({ nombre })), pageInfo: { hasNextPage } });
    expect(data).toEqual({
      uno: page(['Ana Gómez'], true),
      dos: page(['Ana Gómez', 'Luis Díaz'], true),
      cinco: page(['Ana Gómez', 'Luis Díaz', 'Marta Ruiz'], false),
      otraVez: page(['Ana Gómez', 'Luis Díaz'], true),
    });
    expect(statements).toHaveLength(2);
    // another filter is another listing: its own page and count
    statements.length = 0;
    const other = await query(`{ ${listing('todos', 1)} suspendidos: afiliados(first: 1, filtro: { estado: SUSPENDIDO }) { totalCount } }`);
    expect(other.data.suspendidos).toEqual({ totalCount: 1 });
    expect(statements).toHaveLength(4);
  });

  // The database going down (503, then ready again): database-outage.test.ts.
  it('says it is ready only while its database and its bus answer: 503 naming the bus while the bus is down', async () => {
    const ready = async () => {
      const response = await fetch(subgraph.url.replace('/graphql', '/ready'));
      return { status: response.status, body: await response.json() };
    };
    expect(await ready()).toEqual({ status: 200, body: { service: 'afiliados', ready: true, checks: { database: 'ok', bus: 'ok' } } });
    bus.simulateOutage(true);
    try {
      expect(await ready()).toEqual({
        status: 503,
        body: { service: 'afiliados', ready: false, checks: { database: 'ok', bus: 'message bus not connected' } },
      });
    } finally {
      bus.simulateOutage(false);
    }
    expect((await ready()).status).toBe(200);
  });
});
