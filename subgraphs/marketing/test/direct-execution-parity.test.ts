// The marketing subgraph answers its real operations the same whether Apollo Server's pipeline or the platform's direct
// execution path (packages/platform/src/graphql/direct-execution.ts) runs them: each read is sent twice; the first time
// its query text is new, so Apollo parses, validates and answers it; the second time the direct path answers (or hands
// it back to Apollo when it is refused before execution). Status, headers (but the date) and body must be equal.
import { MemoryBus } from '@alpes/messaging';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startServiceTestDatabase, type ServiceTestDatabase } from '@alpes/database';
import { DirectExecution, type RunningServiceServer } from '@alpes/platform';
import { GATEWAY_SERVICE, type Identity } from '@alpes/security';
import { TestGatewayIdentity, userOfRole } from '@alpes/testing';
import { createMarketingPrisma, startMarketingSubgraph, type MarketingPrisma } from '../src/index.js';
import { a1, a2, a3, a4, p1, seedMarketingReadModel } from './support/marketing-read-model.js';

const gateway = new TestGatewayIdentity();
let database: ServiceTestDatabase;
let prisma: MarketingPrisma;
let subgraph: RunningServiceServer;

beforeAll(async () => {
  database = await startServiceTestDatabase('marketing');
  prisma = createMarketingPrisma(database.url);
  await seedMarketingReadModel(prisma);
  subgraph = await startMarketingSubgraph({ databaseUrl: database.url, port: 0, bus: new MemoryBus(), identity: gateway.verifier, workers: false });
});
afterAll(async () => {
  await subgraph?.close();
  await prisma?.$disconnect();
  await database?.stop();
});

const afiliadoEntities = (...ids: string[]) => ({ r: ids.map((id) => ({ __typename: 'Afiliado', id })) });
interface Case {
  name: string;
  query: string;
  variables?: Record<string, unknown>;
  /** Who the gateway says is asking; undefined sends no identity at all. */
  identity?: Identity | undefined;
  /** The direct path answers it (the others are refused before execution, and Apollo answers them). */
  direct: boolean;
}
const corpus: Case[] = [
  {
    name: 'README: Afiliado comisiones page and campanas (_entities)',
    query: `query ($r: [_Any!]!) { _entities(representations: $r) { ... on Afiliado {
      id calculadas: comisiones(first: 2, estado: CALCULADA) { totalCount nodes { monto estado } } campanas { nombre }
    } } }`,
    variables: afiliadoEntities(a1, a2, a3, a4),
    direct: true,
  },
  {
    name: 'campanas listing: decimals, dates, enums, page info',
    query:
      '{ campanas(first: 3) { totalCount nodes { id nombre fechaInicio fechaFin presupuesto porcentajeComision tipo tags } pageInfo { hasNextPage endCursor } } }',
    direct: true,
  },
  { name: 'Campana entity by id', query: `{ campana(id: "${p1}") { id nombre estado } }`, direct: true },
  { name: 'comisiones filtered by afiliado', query: `{ comisiones(afiliadoId: "${a1}") { totalCount nodes { id monto estado } } }`, direct: true },
  { name: 'BAD_USER_INPUT: malformed id', query: '{ comisiones(afiliadoId: "nope") { totalCount } }', direct: true },
  { name: 'BAD_USER_INPUT: page too large', query: '{ campanas(first: 101) { totalCount } }', direct: true },
  { name: 'BAD_USER_INPUT: bad cursor', query: '{ comisionesPendientes(after: "garbage") { totalCount } }', direct: true },
  {
    name: 'an affiliate reads its own comisiones (row level)',
    query: `query ($r: [_Any!]!) { _entities(representations: $r) { ... on Afiliado { comisiones(first: 5) { nodes { monto } } } } }`,
    variables: afiliadoEntities(a1),
    identity: userOfRole('afiliado', { afiliadoId: a1 }),
    direct: true,
  },
  { name: 'the gateway reads the schema', query: '{ _service { sdl } }', identity: GATEWAY_SERVICE, direct: true },
  { name: 'unauthorized: the gateway identity reads data', query: '{ campanas(first: 1) { totalCount } }', identity: GATEWAY_SERVICE, direct: false },
  {
    name: 'an affiliate lists its campanas (row level)',
    query: '{ campanas(first: 5) { totalCount nodes { nombre } } }',
    identity: userOfRole('afiliado', { afiliadoId: a2 }),
    direct: true,
  },
  {
    name: 'unauthorized: an affiliate reads a budget',
    query: '{ campanas(first: 5) { nodes { presupuesto } } }',
    identity: userOfRole('afiliado', { afiliadoId: a2 }),
    direct: false,
  },
  { name: 'unauthenticated: no identity', query: '{ campanas(first: 1) { totalCount } }', identity: undefined, direct: false },
  { name: 'bad input: variable of the wrong type', query: 'query ($n: Int!) { campanas(first: $n) { totalCount } }', variables: { n: 'x' }, direct: false },
  { name: 'validation error', query: '{ campanas(first: 1) { nope } }', direct: false },
];

async function answer(testCase: Case) {
  const authorization = 'identity' in testCase ? testCase.identity && (await gateway.authorization(testCase.identity)) : await gateway.authorization();
  const response = await fetch(subgraph.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
    body: JSON.stringify({ query: testCase.query, variables: testCase.variables }),
  });
  const headers = Object.fromEntries([...response.headers].filter(([name]) => name !== 'date'));
  return { status: response.status, headers, body: await response.text() };
}

describe('marketing: the direct execution path answers as Apollo Server does', () => {
  it.each(corpus)('$name', async (testCase) => {
    const byApollo = await answer(testCase);
    const executions = vi.spyOn(DirectExecution.prototype, 'execute');
    try {
      expect(await answer(testCase)).toEqual(byApollo);
      const answered = await Promise.all(executions.mock.results.map((result) => result.value as Promise<unknown>));
      expect(answered.filter((value) => value !== undefined).length).toBe(testCase.direct ? 1 : 0);
    } finally {
      executions.mockRestore();
    }
  });
});
