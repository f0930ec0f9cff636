import { MemoryBus } from '@alpes/messaging';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServiceTestDatabase, type ServiceTestDatabase } from '@alpes/database';
import { newId, type RunningServiceServer } from '@alpes/platform';
import { createConversionesPrisma, startConversionesSubgraph, type ConversionesPrisma } from '../src/index.js';
import { postGraphQL, TestGatewayIdentity, userOfRole } from '@alpes/testing';

const gateway = new TestGatewayIdentity();

let database: ServiceTestDatabase;
let prisma: ConversionesPrisma;
let subgraph: RunningServiceServer;
const statements: string[] = [];

/** Noon UTC on day n of January 2026: one conversion per day, so id order = registration order. */
const day = (n: number) => new Date(Date.UTC(2026, 0, n, 12));
const [a1, a2, a3] = [newId(), newId(), newId()]; // a3 has no conversions
const [c1, c2] = [newId(), newId()];
type Tipo = 'VENTA' | 'LEAD' | 'CLIC';
const dataset: [string, string, string, string, Tipo][] = [
  [a1, c1, '120.50', 'USD', 'VENTA'], // k0, day 1
  [a2, c1, '80.25', 'USD', 'LEAD'], //   k1, day 2
  [a1, c2, '50000', 'COP', 'VENTA'], //  k2, day 3
  [a1, c1, '15.75', 'USD', 'CLIC'], //   k3, day 4
  [a2, c2, '25000.5', 'COP', 'VENTA'], // k4, day 5
  [a1, c2, '9.99', 'USD', 'LEAD'], //    k5, day 6
  [a1, c1, '100', 'COP', 'VENTA'], //    k6, day 7
];
const k = dataset.map((_, index) => newId(day(index + 1)));

async function query(text: string, variables?: Record<string, unknown>) {
  return (await postGraphQL(subgraph.url, text, variables, await gateway.authorization())) as { data?: any; errors?: any[] };
}

const ids = (connection: { nodes: { id: string }[] }) => connection.nodes.map((node) => node.id);

beforeAll(async () => {
  database = await startServiceTestDatabase('conversiones');
  prisma = createConversionesPrisma(database.url);
  await prisma.conversion.createMany({
    data: dataset.map(([afiliadoId, campanaId, valor, moneda, tipo], index) => ({
      id: k[index]!,
      afiliadoId,
      campanaId,
      valor,
      moneda,
      tipo,
      registradaEn: day(index + 1),
      ...(index === 0 ? { metadata: { canal: 'web', cupon: 'VERANO' } } : {}),
    })),
  });
  subgraph = await startConversionesSubgraph({
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

describe('conversiones subgraph on its own database', () => {
  it('serves the SDL of schema.graphql to the gateway', async () => {
    const { data } = await query('{ _service { sdl } }');
    const file = readFileSync(new URL('../schema.graphql', import.meta.url), 'utf8');
    const fieldsOf = (sdl: string) =>
      [...sdl.matchAll(/^\s+(\w+)(\([^)]*\))?: [\w![\]]+/gm)]
        .map((match) => match[1]!)
        .filter((name) => !name.startsWith('_'))
        .sort();
    expect(fieldsOf(data._service.sdl)).toEqual(expect.arrayContaining(fieldsOf(file)));
    expect(data._service.sdl).toMatch(/type Conversion\s+@key\(fields: "id"\)/);
  });

  it('filters by afiliadoId, campanaId and an inclusive desde/hasta range, with totalCount', async () => {
    const { data, errors } = await query(
      `query ($a1: ID, $c1: ID, $c2: ID, $d2: DateTime, $d3: DateTime, $d4: DateTime) {
        all: conversiones { totalCount nodes { id } }
        byAfiliado: conversiones(afiliadoId: $a1) { totalCount nodes { id } }
        byCampana: conversiones(campanaId: $c2) { totalCount nodes { id } }
        byRange: conversiones(desde: $d2, hasta: $d4) { totalCount nodes { id } }
        combined: conversiones(afiliadoId: $a1, campanaId: $c1, desde: $d3) { totalCount nodes { id } }
        nobody: conversiones(afiliadoId: "${a3}") { totalCount nodes { id } pageInfo { endCursor hasNextPage } }
      }`,
      { a1, c1, c2, d2: day(2).toISOString(), d3: day(3).toISOString(), d4: day(4).toISOString() },
    );
    expect(errors).toBeUndefined();
    expect(data.all).toEqual({ totalCount: 7, nodes: k.map((id) => ({ id })) });
    expect([data.byAfiliado.totalCount, ids(data.byAfiliado)]).toEqual([5, [k[0], k[2], k[3], k[5], k[6]]]);
    expect([data.byCampana.totalCount, ids(data.byCampana)]).toEqual([3, [k[2], k[4], k[5]]]);
    expect([data.byRange.totalCount, ids(data.byRange)]).toEqual([3, [k[1], k[2], k[3]]]);
    expect([data.combined.totalCount, ids(data.combined)]).toEqual([2, [k[3], k[6]]]);
    expect(data.nobody).toEqual({ totalCount: 0, nodes: [], pageInfo: { endCursor: null, hasNextPage: false } });
  });

  it('pages with first/after without gaps or repeats, filtered or not', async () => {
    const walk = async (pageSize: number, filter: string) => {
      const seen: string[] = [];
      const pages: boolean[] = [];
      let after: string | null = null;
      for (let guard = 0; guard < 10; guard++) {
        const { data, errors } = await query(
          `query ($after: String) { conversiones(first: ${pageSize}, after: $after${filter}) { totalCount nodes { id } pageInfo { endCursor hasNextPage } } }`,
          { after },
        );
        expect(errors).toBeUndefined();
        seen.push(...ids(data.conversiones));
        pages.push(data.conversiones.pageInfo.hasNextPage);
        if (!data.conversiones.pageInfo.hasNextPage) return { seen, pages, total: data.conversiones.totalCount };
        after = data.conversiones.pageInfo.endCursor;
      }
      throw new Error('pagination did not end');
    };
    expect(await walk(3, '')).toEqual({ seen: k, pages: [true, true, false], total: 7 });
    expect(await walk(2, `, afiliadoId: "${a1}"`)).toEqual({ seen: [k[0], k[2], k[3], k[5], k[6]], pages: [true, true, false], total: 5 });
    expect(await walk(7, '')).toEqual({ seen: k, pages: [false], total: 7 });
  });

  it('computes metricasConversiones per currency and per campaign exactly', async () => {
    const text = `query ($afiliadoId: ID, $desde: DateTime, $hasta: DateTime) {
      metricasConversiones(afiliadoId: $afiliadoId, desde: $desde, hasta: $hasta) {
        totalConversiones
        porMoneda { moneda conversiones valorTotal }
        porCampana { campana { id } conversiones porMoneda { moneda conversiones valorTotal } }
      }
    }`;
    const byCampana = (metricas: any) => [...metricas.porCampana].sort((x: any, y: any) => x.campana.id.localeCompare(y.campana.id));
    const all = (await query(text)).data.metricasConversiones;
    expect(all.totalConversiones).toBe(7);
    expect(all.porMoneda).toEqual([
      { moneda: 'COP', conversiones: 3, valorTotal: '75100.50' }, // 50000 + 25000.50 + 100
      { moneda: 'USD', conversiones: 4, valorTotal: '226.49' }, // 120.50 + 80.25 + 15.75 + 9.99
    ]);
    expect(byCampana(all)).toEqual([
      {
        campana: { id: c1 },
        conversiones: 4,
        porMoneda: [
          { moneda: 'COP', conversiones: 1, valorTotal: '100.00' },
          { moneda: 'USD', conversiones: 3, valorTotal: '216.50' },
        ],
      },
      {
        campana: { id: c2 },
        conversiones: 3,
        porMoneda: [
          { moneda: 'COP', conversiones: 2, valorTotal: '75000.50' },
          { moneda: 'USD', conversiones: 1, valorTotal: '9.99' },
        ],
      },
    ]);

    const filtered = (await query(text, { afiliadoId: a1, desde: day(2).toISOString(), hasta: day(6).toISOString() })).data.metricasConversiones;
    expect(filtered.totalConversiones).toBe(3); // k2, k3, k5
    expect(filtered.porMoneda).toEqual([
      { moneda: 'COP', conversiones: 1, valorTotal: '50000.00' },
      { moneda: 'USD', conversiones: 2, valorTotal: '25.74' },
    ]);
    expect(byCampana(filtered)).toEqual([
      { campana: { id: c1 }, conversiones: 1, porMoneda: [{ moneda: 'USD', conversiones: 1, valorTotal: '15.75' }] },
      {
        campana: { id: c2 },
        conversiones: 2,
        porMoneda: [
          { moneda: 'COP', conversiones: 1, valorTotal: '50000.00' },
          { moneda: 'USD', conversiones: 1, valorTotal: '9.99' },
        ],
      },
    ]);

    const empty = (await query(text, { afiliadoId: a3 })).data.metricasConversiones;
    expect(empty).toEqual({ totalConversiones: 0, porMoneda: [], porCampana: [] });
  });

  it('resolves Afiliado.conversiones pages for many affiliates in exactly one SQL statement', async () => {
    statements.length = 0;
    const { data, errors } = await query(
      'query ($r: [_Any!]!) { _entities(representations: $r) { ... on Afiliado { id conversiones(first: 2) { totalCount nodes { id } pageInfo { hasNextPage } } } } }',
      { r: [a1, a2, a3].map((id) => ({ __typename: 'Afiliado', id })) },
    );
    expect(errors).toBeUndefined();
    expect(data._entities).toEqual([
      { id: a1, conversiones: { totalCount: 5, nodes: [{ id: k[0] }, { id: k[2] }], pageInfo: { hasNextPage: true } } },
      { id: a2, conversiones: { totalCount: 2, nodes: [{ id: k[1] }, { id: k[4] }], pageInfo: { hasNextPage: false } } },
      { id: a3, conversiones: { totalCount: 0, nodes: [], pageInfo: { hasNextPage: false } } },
    ]);
    expect(statements).toHaveLength(1);
  });

  it('counts a page only when totalCount is selected (through a fragment too), still in one statement', async () => {
    const representations = { r: [a1, a2, a3].map((id) => ({ __typename: 'Afiliado', id })) };
    statements.length = 0;
    const withoutCount = await query(
      'query ($r: [_Any!]!) { _entities(representations: $r) { ... on Afiliado { conversiones(first: 2) { nodes { id } } } } }',
      representations,
    );
    expect(withoutCount.data._entities).toEqual([
      { conversiones: { nodes: [{ id: k[0] }, { id: k[2] }] } },
      { conversiones: { nodes: [{ id: k[1] }, { id: k[4] }] } },
      { conversiones: { nodes: [] } },
    ]);
    expect(statements).toHaveLength(1);
    expect(statements[0]).not.toMatch(/count\(/i);
    statements.length = 0;
    const withCount = await query(
      'query ($r: [_Any!]!) { _entities(representations: $r) { ... on Afiliado { conversiones(first: 2) { ...Total nodes { id } } } } } fragment Total on ConversionConnection { totalCount }',
      representations,
    );
    expect(withCount.data._entities.map((entity: { conversiones: { totalCount: number } }) => entity.conversiones.totalCount)).toEqual([5, 2, 0]);
    expect(statements).toHaveLength(1);
    expect(statements[0]).toMatch(/count\(/i);
  });

  it('resolves Campana.conversiones pages after a cursor in one statement', async () => {
    const first = await query(`{ conversiones(first: 1, campanaId: "${c1}") { pageInfo { endCursor } } }`);
    statements.length = 0;
    const { data } = await query(
      'query ($r: [_Any!]!, $after: String) { _entities(representations: $r) { ... on Campana { conversiones(first: 2, after: $after) { totalCount nodes { id } } } } }',
      {
        r: [c1, c2].map((id) => ({ __typename: 'Campana', id })),
        after: first.data.conversiones.pageInfo.endCursor,
      },
    );
    expect(data._entities).toEqual([
      { conversiones: { totalCount: 4, nodes: [{ id: k[1] }, { id: k[3] }] } },
      { conversiones: { totalCount: 3, nodes: [{ id: k[2] }, { id: k[4] }] } },
    ]);
    expect(statements).toHaveLength(1);
  });

  it('batches Conversion references into one statement; a missing id is null', async () => {
    statements.length = 0;
    const { data, errors } = await query(
      'query ($r: [_Any!]!) { _entities(representations: $r) { ... on Conversion { id valor moneda tipo metadata registradaEn afiliado { id } campana { id } } } }',
      { r: [k[4], newId(), k[0]].map((id) => ({ __typename: 'Conversion', id })) },
    );
    expect(errors).toBeUndefined();
    expect(data._entities).toEqual([
      {
        id: k[4],
        valor: '25000.50',
        moneda: 'COP',
        tipo: 'VENTA',
        metadata: {},
        registradaEn: day(5).toISOString(),
        afiliado: { id: a2 },
        campana: { id: c2 },
      },
      null,
      {
        id: k[0],
        valor: '120.50',
        moneda: 'USD',
        tipo: 'VENTA',
        metadata: { canal: 'web', cupon: 'VERANO' },
        registradaEn: day(1).toISOString(),
        afiliado: { id: a1 },
        campana: { id: c1 },
      },
    ]);
    expect(statements).toHaveLength(1);
  });

  it('answers BAD_USER_INPUT naming the field, without touching the database', async () => {
    const cases: [string, string][] = [
      [`{ conversiones(desde: "${day(5).toISOString()}", hasta: "${day(4).toISOString()}") { totalCount } }`, 'hasta'],
      [`{ metricasConversiones(desde: "${day(5).toISOString()}", hasta: "${day(4).toISOString()}") { totalConversiones } }`, 'hasta'],
      ['{ conversiones(afiliadoId: "not-a-uuid") { totalCount } }', 'afiliadoId'],
      ['{ metricasConversiones(afiliadoId: "123") { totalConversiones } }', 'afiliadoId'],
      ['{ conversiones(campanaId: "xyz") { totalCount } }', 'campanaId'],
      ['{ conversiones(first: 101) { totalCount } }', 'first'],
      ['{ conversiones(first: -1) { totalCount } }', 'first'],
      ['{ conversiones(after: "garbage") { totalCount } }', 'after'],
      ['{ conversion(id: "nope") { id } }', 'id'],
    ];
    for (const [text, field] of cases) {
      statements.length = 0;
      const { errors } = await query(text);
      expect(errors, text).toHaveLength(1);
      expect(errors![0].extensions, text).toMatchObject({ code: 'BAD_USER_INPUT', field });
      expect(statements, text).toHaveLength(0);
    }
  });

  it('returns one conversion by id, null when it does not exist', async () => {
    const { data } = await query(`{ a: conversion(id: "${k[3]}") { valor tipo } b: conversion(id: "${newId()}") { id } }`);
    expect(data).toEqual({ a: { valor: '15.75', tipo: 'CLIC' }, b: null });
  });

  it('an affiliate user reads only its own conversions: lists, counts, metrics, per campaign and per affiliate', async () => {
    const a2User = await gateway.authorization(userOfRole('afiliado', { afiliadoId: a2 }));
    const { data, errors } = await postGraphQL(
      subgraph.url,
      `query ($r: [_Any!]!) {
      todas: conversiones { totalCount nodes { id } }
      deOtro: conversiones(afiliadoId: "${a1}") { totalCount }
      propia: conversion(id: "${k[1]}") { id valor }
      ajena: conversion(id: "${k[0]}") { id }
      metricas: metricasConversiones { totalConversiones porMoneda { moneda valorTotal } }
      metricasDeOtro: metricasConversiones(afiliadoId: "${a1}") { totalConversiones }
      _entities(representations: $r) { ... on Campana { conversiones { totalCount } } ... on Afiliado { conversiones { totalCount } } }
    }`,
      {
        r: [
          { __typename: 'Campana', id: c1 },
          { __typename: 'Afiliado', id: a1 },
          { __typename: 'Afiliado', id: a2 },
        ],
      },
      a2User,
    );
    expect(errors).toBeUndefined();
    expect(data).toEqual({
      todas: { totalCount: 2, nodes: [{ id: k[1] }, { id: k[4] }] },
      deOtro: { totalCount: 0 },
      propia: { id: k[1], valor: '80.25' },
      ajena: null,
      metricas: {
        totalConversiones: 2,
        porMoneda: [
          { moneda: 'COP', valorTotal: '25000.50' },
          { moneda: 'USD', valorTotal: '80.25' },
        ],
      },
      metricasDeOtro: { totalConversiones: 0 },
      _entities: [{ conversiones: { totalCount: 1 } }, { conversiones: { totalCount: 0 } }, { conversiones: { totalCount: 2 } }],
    });
  });
});
