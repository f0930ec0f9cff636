import { MemoryBus } from '@alpes/messaging';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServiceTestDatabase, type ServiceTestDatabase } from '@alpes/database';
import { newId, type RunningServiceServer } from '@alpes/platform';
import { createMarketingPrisma, startMarketingSubgraph, type MarketingPrisma } from '../src/index.js';
import { postGraphQL, TestGatewayIdentity } from '@alpes/testing';
import { a1, a2, a3, a4, comisiones, m, p1, p2, p3, p4, seedMarketingReadModel, v } from './support/marketing-read-model.js';

const gateway = new TestGatewayIdentity();

let database: ServiceTestDatabase;
let prisma: MarketingPrisma;
let subgraph: RunningServiceServer;
const statements: string[] = [];

async function query(text: string, variables?: Record<string, unknown>) {
  return (await postGraphQL(subgraph.url, text, variables, await gateway.authorization())) as { data?: any; errors?: any[] };
}

const ids = (connection: { nodes: { id: string }[] }) => connection.nodes.map((node) => node.id);

beforeAll(async () => {
  database = await startServiceTestDatabase('marketing');
  prisma = createMarketingPrisma(database.url);
  await seedMarketingReadModel(prisma);
  subgraph = await startMarketingSubgraph({
    databaseUrl: database.url,
    port: 0,
    bus: new MemoryBus(),
    identity: gateway.verifier,
    workers: false,
    onStatement: (sql) => statements.push(sql),
  });
});
afterAll(async () => {
  await subgraph?.close();
  await prisma?.$disconnect();
  await database?.stop();
});

describe('marketing subgraph on its own database', () => {
  it('serves the SDL of schema.graphql to the gateway', async () => {
    const { data } = await query('{ _service { sdl } }');
    const file = readFileSync(new URL('../schema.graphql', import.meta.url), 'utf8');
    const fieldsOf = (sdl: string) =>
      [...sdl.matchAll(/^\s+(\w+)(\([^)]*\))?: [\w![\]]+/gm)]
        .map((match) => match[1]!)
        .filter((name) => !name.startsWith('_'))
        .sort();
    expect(fieldsOf(data._service.sdl)).toEqual(expect.arrayContaining(fieldsOf(file)));
    expect(data._service.sdl).toMatch(/type Comision\s+@key\(fields: "id"\)/);
  });

  it('lists campanas by estado with totalCount, decimals as 2-decimal strings and dates as YYYY-MM-DD', async () => {
    const { data, errors } = await query(`{
      active: campanas(estado: ACTIVE) { totalCount nodes { id nombre descripcion fechaInicio fechaFin presupuesto porcentajeComision tipo tags } }
      draft: campanas(estado: DRAFT) { totalCount nodes { nombre } }
      completed: campanas(estado: COMPLETED) { totalCount nodes { nombre } }
      all: campanas(first: 3) { totalCount nodes { id } pageInfo { hasNextPage } }
    }`);
    expect(errors).toBeUndefined();
    expect(data.active).toEqual({
      totalCount: 2,
      nodes: [
        {
          id: p1,
          nombre: 'Verano Digital',
          descripcion: 'Ventas online de verano',
          fechaInicio: '2026-01-15',
          fechaFin: '2026-03-31',
          presupuesto: '5000.00',
          porcentajeComision: '10.00',
          tipo: 'DIGITAL',
          tags: ['verano', 'web'],
        },
        {
          id: p2,
          nombre: 'Fidelidad',
          descripcion: null,
          fechaInicio: '2026-02-01',
          fechaFin: '2026-06-30',
          presupuesto: '1200.50',
          porcentajeComision: '7.50',
          tipo: 'FIDELIZACION',
          tags: [],
        },
      ],
    });
    expect(data.draft).toEqual({ totalCount: 1, nodes: [{ nombre: 'Navidad' }] });
    expect(data.completed).toEqual({ totalCount: 0, nodes: [] });
    expect(data.all).toEqual({ totalCount: 4, nodes: [{ id: p1 }, { id: p2 }, { id: p3 }], pageInfo: { hasNextPage: true } });
  });

  it('returns the assigned affiliates of a campaign as references, batched across campaigns', async () => {
    const one = await query(`{ campana(id: "${p1}") { nombre afiliados { id } } missing: campana(id: "${newId()}") { id } }`);
    expect(one.data).toEqual({ campana: { nombre: 'Verano Digital', afiliados: [{ id: a2 }, { id: a1 }] }, missing: null });
    statements.length = 0;
    const { data } = await query('{ campanas { nodes { nombre afiliados { id } } } }');
    expect(data.campanas.nodes).toEqual([
      { nombre: 'Verano Digital', afiliados: [{ id: a2 }, { id: a1 }] },
      { nombre: 'Fidelidad', afiliados: [{ id: a1 }] },
      { nombre: 'Navidad', afiliados: [] },
      { nombre: 'Promo Pausada', afiliados: [{ id: a3 }] },
    ]);
    expect(statements).toHaveLength(2); // the page, then every campaign's assignments at once
  });

  it('filters comisiones by estado, afiliadoId and campanaId', async () => {
    const { data, errors } = await query(`{
      pagadas: comisiones(estado: PAGADA) { totalCount nodes { id monto estado } }
      deA1: comisiones(afiliadoId: "${a1}") { totalCount nodes { id } }
      deP2: comisiones(campanaId: "${p2}") { totalCount nodes { id montoBase porcentaje monto moneda estado motivo } }
      combinado: comisiones(estado: CALCULADA, afiliadoId: "${a1}", campanaId: "${p1}") { totalCount nodes { id } }
      ninguna: comisiones(afiliadoId: "${a4}") { totalCount nodes { id } }
    }`);
    expect(errors).toBeUndefined();
    expect(data.pagadas).toEqual({
      totalCount: 2,
      nodes: [
        { id: m[2], monto: '20.00', estado: 'PAGADA' },
        { id: m[5], monto: '3.33', estado: 'PAGADA' },
      ],
    });
    expect([data.deA1.totalCount, ids(data.deA1)]).toEqual([4, [m[0], m[1], m[3], m[5]]]);
    expect(data.deP2).toEqual({
      totalCount: 2,
      nodes: [
        { id: m[3], montoBase: '1000.00', porcentaje: '7.50', monto: '75.00', moneda: 'COP', estado: 'CALCULADA', motivo: null },
        {
          id: m[4],
          montoBase: '50.00',
          porcentaje: '7.50',
          monto: '3.75',
          moneda: 'USD',
          estado: 'RECHAZADA',
          motivo: 'El afiliado no está asignado a la campaña',
        },
      ],
    });
    expect([data.combinado.totalCount, ids(data.combinado)]).toEqual([1, [m[0]]]);
    expect(data.ninguna).toEqual({ totalCount: 0, nodes: [] });
  });

  it('lists only CALCULADA and APROBADA as comisionesPendientes, paging without gaps', async () => {
    const first = await query('{ comisionesPendientes(first: 3) { totalCount nodes { id estado } pageInfo { endCursor hasNextPage } } }');
    expect(first.data.comisionesPendientes.totalCount).toBe(4);
    expect(first.data.comisionesPendientes.nodes).toEqual([
      { id: m[0], estado: 'CALCULADA' },
      { id: m[1], estado: 'APROBADA' },
      { id: m[3], estado: 'CALCULADA' },
    ]);
    expect(first.data.comisionesPendientes.pageInfo.hasNextPage).toBe(true);
    const second = await query(
      'query ($after: String) { comisionesPendientes(first: 3, after: $after) { totalCount nodes { id estado } pageInfo { hasNextPage } } }',
      {
        after: first.data.comisionesPendientes.pageInfo.endCursor,
      },
    );
    expect(second.data.comisionesPendientes).toEqual({ totalCount: 4, nodes: [{ id: m[6], estado: 'CALCULADA' }], pageInfo: { hasNextPage: false } });
  });

  const afiliadosConComisionesYCampanas = () =>
    query(
      `query ($r: [_Any!]!) { _entities(representations: $r) { ... on Afiliado {
        id calculadas: comisiones(first: 2, estado: CALCULADA) { totalCount nodes { monto estado } }
        campanas { nombre }
      } } }`,
      { r: [a1, a2, a3, a4].map((id) => ({ __typename: 'Afiliado', id })) },
    );

  it('resolves Afiliado comisiones(first, estado) pages and campanas for several affiliates', async () => {
    const { data, errors } = await afiliadosConComisionesYCampanas();
    expect(errors).toBeUndefined();
    expect(data._entities).toEqual([
      {
        id: a1,
        calculadas: {
          totalCount: 2,
          nodes: [
            { monto: '12.05', estado: 'CALCULADA' },
            { monto: '75.00', estado: 'CALCULADA' },
          ],
        },
        campanas: [{ nombre: 'Verano Digital' }, { nombre: 'Fidelidad' }],
      },
      { id: a2, calculadas: { totalCount: 0, nodes: [] }, campanas: [{ nombre: 'Verano Digital' }] },
      { id: a3, calculadas: { totalCount: 1, nodes: [{ monto: '1.00', estado: 'CALCULADA' }] }, campanas: [{ nombre: 'Promo Pausada' }] },
      { id: a4, calculadas: { totalCount: 0, nodes: [] }, campanas: [] },
    ]);
  });

  // KNOWN SRC BUG: MarketingLoaders.campanasOfAfiliado loads campana_afiliados, THEN the campaigns by id (3 statements in all).
  it('resolves that Afiliado query in at most 2 SQL statements', async () => {
    statements.length = 0;
    await afiliadosConComisionesYCampanas();
    expect(statements.length).toBeLessThanOrEqual(2);
  });

  it('pages Afiliado.comisiones without an estado filter in one statement', async () => {
    statements.length = 0;
    const { data } = await query(
      'query ($r: [_Any!]!) { _entities(representations: $r) { ... on Afiliado { comisiones(first: 2) { totalCount nodes { id } pageInfo { hasNextPage } } } } }',
      {
        r: [a1, a2, a4].map((id) => ({ __typename: 'Afiliado', id })),
      },
    );
    expect(data._entities).toEqual([
      { comisiones: { totalCount: 4, nodes: [{ id: m[0] }, { id: m[1] }], pageInfo: { hasNextPage: true } } },
      { comisiones: { totalCount: 2, nodes: [{ id: m[2] }, { id: m[4] }], pageInfo: { hasNextPage: false } } },
      { comisiones: { totalCount: 0, nodes: [], pageInfo: { hasNextPage: false } } },
    ]);
    expect(statements).toHaveLength(1);
  });

  it('counts Afiliado.comisiones only when totalCount is selected (through an inline fragment too), in one statement', async () => {
    const representations = { r: [a1, a2, a4].map((id) => ({ __typename: 'Afiliado', id })) };
    statements.length = 0;
    const withoutCount = await query(
      'query ($r: [_Any!]!) { _entities(representations: $r) { ... on Afiliado { comisiones(first: 2) { nodes { id } } } } }',
      representations,
    );
    expect(withoutCount.data._entities).toEqual([
      { comisiones: { nodes: [{ id: m[0] }, { id: m[1] }] } },
      { comisiones: { nodes: [{ id: m[2] }, { id: m[4] }] } },
      { comisiones: { nodes: [] } },
    ]);
    expect(statements).toHaveLength(1);
    expect(statements[0]).not.toMatch(/count\(/i);
    statements.length = 0;
    const withCount = await query(
      'query ($r: [_Any!]!) { _entities(representations: $r) { ... on Afiliado { comisiones(first: 2) { ... on ComisionConnection { totalCount } nodes { id } } } } }',
      representations,
    );
    expect(withCount.data._entities.map((entity: { comisiones: { totalCount: number } }) => entity.comisiones.totalCount)).toEqual([4, 2, 0]);
    expect(statements).toHaveLength(1);
    expect(statements[0]).toMatch(/count\(/i);
  });

  it('resolves Conversion.comision for many conversions in one statement, null where there is none', async () => {
    const sinComision = newId();
    statements.length = 0;
    const { data, errors } = await query('query ($r: [_Any!]!) { _entities(representations: $r) { ... on Conversion { id comision { id monto } } } }', {
      r: [v[2], sinComision, v[4]].map((id) => ({ __typename: 'Conversion', id })),
    });
    expect(errors).toBeUndefined();
    expect(data._entities).toEqual([
      { id: v[2], comision: { id: m[2], monto: '20.00' } },
      { id: sinComision, comision: null },
      { id: v[4], comision: { id: m[4], monto: '3.75' } },
    ]);
    expect(statements).toHaveLength(1);
  });

  it('batches Comision.campana lookups, from a listing and from entity references', async () => {
    statements.length = 0;
    const listing = await query('{ comisiones(first: 10) { nodes { id conversion { id } afiliado { id } campana { nombre fechaInicio } } } }');
    expect(listing.data.comisiones.nodes).toEqual(
      comisiones.map(([afiliadoId, campanaId], index) => ({
        id: m[index],
        conversion: { id: v[index] },
        afiliado: { id: afiliadoId },
        campana: {
          nombre: { [p1]: 'Verano Digital', [p2]: 'Fidelidad', [p4]: 'Promo Pausada' }[campanaId],
          fechaInicio: campanaId === p2 ? '2026-02-01' : '2026-01-15',
        },
      })),
    );
    expect(statements).toHaveLength(2); // the page, then the 3 distinct campaigns at once

    statements.length = 0;
    const { data } = await query('query ($r: [_Any!]!) { _entities(representations: $r) { ... on Comision { monto campana { id } } } }', {
      r: [m[6], newId(), m[3], m[0]].map((id) => ({ __typename: 'Comision', id })),
    });
    expect(data._entities).toEqual([
      { monto: '1.00', campana: { id: p4 } },
      null,
      { monto: '75.00', campana: { id: p2 } },
      { monto: '12.05', campana: { id: p1 } },
    ]);
    expect(statements).toHaveLength(2);
  });

  it('answers BAD_USER_INPUT naming the field for malformed ids and page sizes', async () => {
    const cases: [string, string][] = [
      ['{ comisiones(afiliadoId: "nope") { totalCount } }', 'afiliadoId'],
      ['{ comisiones(campanaId: "123") { totalCount } }', 'campanaId'],
      ['{ campanas(first: 101) { totalCount } }', 'first'],
      ['{ comisionesPendientes(after: "garbage") { totalCount } }', 'after'],
      ['{ campana(id: "x") { id } }', 'id'],
    ];
    for (const [text, field] of cases) {
      const { errors } = await query(text);
      expect(errors?.[0]?.extensions, text).toMatchObject({ code: 'BAD_USER_INPUT', field });
    }
  });
});
