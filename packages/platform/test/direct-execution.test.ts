// Differential test of the subgraphs' direct execution path (direct-execution.ts): every request of a corpus (entities,
// connections, resolver errors, bad input, refusals, HTTP oddities) is answered by a subgraph whose requests all go
// through Apollo Server's executeHTTPGraphQLRequest, and by one that takes the direct path once Apollo has validated a
// query text; status, headers (but the date) and body must be byte for byte the same. Under NODE_ENV=development the
// errors carry stack traces, whose frames below the resolver differ by path: those are compared by their first line.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Decimal } from 'decimal.js';
import { GraphQLError, Kind } from 'graphql';
import { DateTimeResolver } from 'graphql-scalars';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { badUserInput, DecimalScalar, DirectExecution, notFound, startSubgraph, type OperationGuard, type RunningServiceServer } from '../src/index.js';

const SCHEMA = `
extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])
type Query {
  afiliado(id: ID!): Afiliado
  afiliados(first: Int!): AfiliadoConnection!
  boom: String
  outage: String
  teapot: String
  secreto: String
}
type Mutation { renombrar(id: ID!, nombre: String!): Afiliado! }
type Afiliado @key(fields: "id") { id: ID!, nombre: String!, comision: Float, monto: Decimal, estado: Estado, creadoEn: DateTime, tags: [String] }
enum Estado { ACTIVO INACTIVO }
scalar Decimal
scalar DateTime
type AfiliadoConnection { totalCount: Int!, nodes: [Afiliado!]! }
`;

interface Context {
  role: 'client' | 'gateway';
}
const afiliados = [
  { id: 'a1', nombre: 'Ana', comision: 0.1, monto: new Decimal('120.5'), estado: 'ACTIVO', creadoEn: new Date('2026-11-30T10:00:00Z'), tags: ['x', 'y'] },
  { id: 'a2', nombre: 'Beto', comision: null, monto: null, estado: 'INACTIVO', creadoEn: null, tags: null },
  { id: 'a3', nombre: null, comision: 0.3 }, // a broken row: nombre is non-null in the schema
  { id: 'a4', nombre: 'Rota', comision: 'mucho', monto: 'abc', estado: 'RARO', creadoEn: 'ayer', tags: [1, {}] }, // leaves that do not serialise
];
const renamings: string[] = [];

const resolvers = {
  Decimal: DecimalScalar,
  DateTime: DateTimeResolver,
  Query: {
    afiliado: (_: unknown, { id }: { id: string }) => afiliados.find((row) => row.id === id) ?? Promise.reject(notFound(`afiliado ${id} not found`)),
    afiliados: (_: unknown, { first }: { first: number }) => {
      if (first > 50) throw badUserInput(`first must be at most 50, got ${first}`, 'first');
      return { totalCount: afiliados.length, nodes: afiliados.slice(0, first) };
    },
    boom: () => {
      throw new Error('password=hunter2 leaked in an unexpected error');
    },
    outage: () => Promise.reject(new Error('connect ECONNREFUSED 127.0.0.1:5432')),
    teapot: () => {
      throw new GraphQLError('short and stout', { extensions: { code: 'FORBIDDEN', http: { status: 418, headers: new Map([['x-teapot', 'yes']]) } } });
    },
    secreto: () => 'never read',
  },
  Mutation: {
    renombrar: (_: unknown, { id, nombre }: { id: string; nombre: string }) => {
      renamings.push(id);
      return { id, nombre, comision: null };
    },
  },
  Afiliado: { __resolveReference: ({ id }: { id: string }) => afiliados.find((row) => row.id === id) ?? null },
};

// as the authorization guard does: the gateway's own identity reads the schema only; nobody reads Query.secreto
const guard: OperationGuard<Context> = ({ contextValue, operation }) => {
  const fields = operation?.selectionSet.selections.flatMap((selection) => (selection.kind === Kind.FIELD ? [selection.name.value] : [])) ?? [];
  const refuse = (message: string) => new GraphQLError(message, { extensions: { code: 'FORBIDDEN', http: { status: 403 } } });
  if (contextValue.role === 'gateway' && (!operation || fields.some((field) => field !== '_service' && field !== '__typename')))
    throw refuse('the gateway service identity may only read the schema');
  if (fields.includes('secreto')) throw refuse('not authorized to read Query.secreto');
};

const folder = mkdtempSync(join(tmpdir(), 'alpes-direct-execution-'));
const schemaFile = pathToFileURL(join(folder, 'schema.graphql'));
let apolloOnly: RunningServiceServer;
let direct: RunningServiceServer;

const start = (plugins: { requestDidStart?: () => Promise<void> }[]) =>
  startSubgraph<Context>({
    service: 'direct-execution-test',
    port: 0,
    schemaFile,
    resolvers,
    createContext: (request) => {
      if (request.headers.authorization === 'Bearer client') return { role: 'client' };
      if (request.headers.authorization === 'Bearer gateway') return { role: 'gateway' };
      throw new GraphQLError('a gateway-signed identity is required', { extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } } });
    },
    guards: [guard],
    plugins,
    readiness: [],
  });

beforeAll(async () => {
  writeFileSync(schemaFile, SCHEMA);
  apolloOnly = await start([{ requestDidStart: async () => undefined }]); // any plugin: every request through Apollo
  direct = await start([]);
});
afterAll(async () => {
  await apolloOnly?.close();
  await direct?.close();
  rmSync(folder, { recursive: true, force: true });
});

interface Case {
  name: string;
  body: unknown;
  headers?: Record<string, string>;
  /** The direct path answers it (the others it hands to Apollo). */
  direct: boolean;
}
const entities = 'query ($r: [_Any!]!) { _entities(representations: $r) { ... on Afiliado { id nombre comision } } }';
/** The gateway's entity fetch for these affiliate ids. */
const entitiesOf = (...ids: string[]) => ({ query: entities, variables: { r: ids.map((id) => ({ __typename: 'Afiliado', id })) } });
const corpus: Case[] = [
  { name: 'connection page', body: { query: '{ afiliados(first: 2) { totalCount nodes { __typename id nombre } } }' }, direct: true },
  {
    name: '_entities with variables',
    body: entitiesOf('a1', 'a2'),
    direct: true,
  },
  { name: '_entities, an unknown id', body: entitiesOf('zz'), direct: true },
  {
    name: 'inline representations',
    body: { query: '{ _entities(representations: [{ __typename: "Afiliado", id: "a1" }]) { ... on Afiliado { nombre } } }' },
    direct: true,
  },
  { name: 'non-null violation bubbles', body: { query: '{ afiliado(id: "a3") { id nombre } }' }, direct: true },
  { name: 'BAD_USER_INPUT from a resolver', body: { query: '{ afiliados(first: 99) { totalCount } }' }, direct: true },
  { name: 'NOT_FOUND', body: { query: '{ afiliado(id: "zz") { id } }' }, direct: true },
  { name: 'masked unexpected error', body: { query: '{ boom afiliado(id: "a1") { nombre } }' }, direct: true },
  { name: 'outage → UNAVAILABLE', body: { query: '{ outage }' }, direct: true },
  { name: 'error with http status and header', body: { query: '{ teapot }' }, direct: true },
  { name: 'operationName picks one', body: { query: 'query A { boom } query B { afiliado(id: "a2") { nombre } }', operationName: 'B' }, direct: true },
  { name: 'mutation', body: { query: 'mutation ($id: ID!) { renombrar(id: $id, nombre: "Eva") { id nombre } }', variables: { id: 'a1' } }, direct: true },
  {
    name: 'custom scalars, enums and lists',
    body: { query: '{ afiliados(first: 2) { nodes { id monto estado creadoEn tags comision } } }' },
    direct: true,
  },
  { name: 'leaves that do not serialise', body: { query: '{ afiliado(id: "a4") { id comision monto estado creadoEn tags } }' }, direct: true },
  {
    name: 'fragments, aliases, @skip/@include and a variable default',
    body: {
      query: `query ($sin: Boolean!, $n: Int = 2) {
        uno: afiliado(id: "a1") { ...Datos extra: nombre @include(if: $sin) }
        lista: afiliados(first: $n) { total: totalCount @skip(if: $sin) nodes { ... on Afiliado { __typename id } ...Datos } }
      }
      fragment Datos on Afiliado { nombre @skip(if: $sin) estado }`,
      variables: { sin: true },
    },
    direct: true,
  },
  {
    name: '_entities: a broken row among good ones',
    body: entitiesOf('a1', 'a3', 'a2'),
    direct: true,
  },
  {
    name: 'null variables, operationName and extensions',
    body: { query: '{ __typename }', variables: null, operationName: null, extensions: null },
    direct: true,
  },
  // refused by Apollo's validation under NODE_ENV=production (introspection off), so never taken directly then
  { name: 'introspection', body: { query: '{ __schema { queryType { name } } }' }, direct: process.env.NODE_ENV !== 'production' },
  { name: 'accept: graphql-response+json', body: { query: '{ __typename }' }, headers: { accept: 'application/graphql-response+json' }, direct: true },
  { name: 'accept: */*', body: { query: '{ __typename }' }, headers: { accept: '*/*' }, direct: true },
  { name: 'gateway identity reads the schema', body: { query: '{ _service { sdl } }' }, headers: { authorization: 'Bearer gateway' }, direct: true },
  // refused before execution or not a plain request: Apollo answers
  {
    name: 'gateway identity reads data',
    body: { query: '{ afiliados(first: 1) { totalCount } }' },
    headers: { authorization: 'Bearer gateway' },
    direct: false,
  },
  { name: 'denied field', body: { query: '{ secreto }' }, direct: false },
  { name: 'no identity', body: { query: '{ afiliados(first: 1) { totalCount } }' }, headers: { authorization: 'Bearer forged' }, direct: false },
  { name: 'variable of the wrong type', body: { query: 'query ($n: Int!) { afiliados(first: $n) { totalCount } }', variables: { n: 'x' } }, direct: false },
  { name: 'missing variable', body: { query: 'query ($n: Int!) { afiliados(first: $n) { totalCount } }' }, direct: false },
  { name: 'unknown operationName', body: { query: 'query A { boom } query B { boom }', operationName: 'C' }, direct: false },
  { name: 'two operations, no name', body: { query: 'query A { boom } query B { boom }' }, direct: false },
  { name: 'validation error', body: { query: '{ nope }' }, direct: false },
  { name: 'syntax error', body: { query: '{ afiliados(' }, direct: false },
  { name: 'empty query', body: { query: '' }, direct: false },
  { name: 'variables as a string', body: { query: '{ __typename }', variables: '{}' }, direct: false },
  { name: 'persisted query', body: { query: '{ __typename }', extensions: { persistedQuery: { version: 1, sha256Hash: 'x' } } }, direct: false },
  { name: 'batch', body: [{ query: '{ __typename }' }], direct: false },
  { name: 'accept: text/html only', body: { query: '{ __typename }' }, headers: { accept: 'text/html' }, direct: false },
];

async function answer(server: RunningServiceServer, testCase: Case) {
  const response = await fetch(server.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: 'Bearer client', ...testCase.headers },
    body: JSON.stringify(testCase.body),
  });
  const headers = Object.fromEntries([...response.headers].filter(([name]) => name !== 'date'));
  const text = await response.text();
  const body = text.replace(/"stacktrace":\["((?:[^"\\]|\\.)*)"(?:,"(?:[^"\\]|\\.)*")*\]/g, '"stacktrace":["$1"]');
  // a stack's frames differ in length, and the content-length with them
  return { status: response.status, headers: body === text ? headers : { ...headers, 'content-length': 'of the stack' }, body };
}

describe('the direct execution path answers as Apollo Server does', () => {
  it.each(corpus)('$name', async (testCase) => {
    const expected = await answer(apolloOnly, testCase);
    await answer(direct, testCase); // Apollo validates the text first (or answers it)
    const executions = vi.spyOn(DirectExecution.prototype, 'execute');
    const renamed = renamings.length;
    try {
      expect(await answer(direct, testCase)).toEqual(expected);
      const answered = await Promise.all(executions.mock.results.map((result) => result.value as Promise<unknown>));
      expect(answered.filter((value) => value !== undefined).length).toBe(testCase.direct ? 1 : 0);
      // a request the direct path hands to Apollo has not executed yet: a mutation runs once
      expect(renamings.length - renamed).toBe(JSON.stringify(testCase.body).includes('renombrar') ? 1 : 0);
    } finally {
      executions.mockRestore();
    }
  });
});
