// The merged request of cross-operation batching (composition/merged-reads.ts): several reads' documents as one query,
// executed by graphql-js against a schema, then split back; each read must get exactly what it gets on its own.
import { buildSchema, graphql, parse, print, validate, type DocumentNode } from 'graphql';
import { describe, expect, it } from 'vitest';
import { copyOfJson, distinctReads, MergedQueries, prefixedVariables, splitMerged, type AnswerError } from '../src/composition/merged-reads.js';

const schema = buildSchema(`
  type Query { afiliado(id: ID!): Afiliado  afiliados(first: Int!): [Afiliado!]!  falla(motivo: String!): String  nodo: Nodo }
  interface Nodo { id: ID! }
  type Afiliado implements Nodo { id: ID!  nombre: String!  comisiones(first: Int!): [Comision!]! }
  type Comision implements Nodo { id: ID!  monto: Float! }
`);
const afiliado = (id: string) => ({
  id,
  nombre: `afiliado ${id}`,
  comisiones: ({ first }: { first: number }) => Array.from({ length: first }, (_, index) => ({ id: `${id}-${index}`, monto: index * 10 })),
});
const rootValue = {
  afiliado: ({ id }: { id: string }) => afiliado(id),
  afiliados: ({ first }: { first: number }) => Array.from({ length: first }, (_, index) => afiliado(String(index))),
  falla: ({ motivo }: { motivo: string }) => {
    throw new Error(`no: ${motivo}`);
  },
  nodo: () => ({ ...afiliado('n'), __typename: 'Afiliado' }),
};

interface Read {
  document: DocumentNode;
  variables?: Record<string, unknown>;
}
const read = (query: string, variables?: Record<string, unknown>): Read => ({
  document: parse(query, { noLocation: true }),
  ...(variables ? { variables } : {}),
});

const READS: Read[] = [
  read(
    'query Uno($id: ID!, $n: Int!) { afiliado(id: $id) { ...Datos comisiones(first: $n) { ...Monto } } } fragment Datos on Afiliado { id nombre } fragment Monto on Comision { monto }',
    { id: '7', n: 2 },
  ),
  read('query Dos($n: Int!) { lista: afiliados(first: $n) { id } ...Raiz } fragment Raiz on Query { afiliado(id: "1") { nombre } }', { n: 3 }),
  read('{ nodo { id ... on Afiliado { nombre } } ... on Query { otra: afiliado(id: "2") { id } } }'),
  read('query Falla($motivo: String!) { falla(motivo: $motivo) afiliado(id: "3") { id } }', { motivo: 'prueba' }),
  read(
    'query Uno($id: ID!, $n: Int!) { afiliado(id: $id) { ...Datos comisiones(first: $n) { ...Monto } } } fragment Datos on Afiliado { id nombre } fragment Monto on Comision { monto }',
    { id: '8', n: 1 },
  ),
];

/** What a read gets sent on its own, as JSON. */
const alone = async ({ document, variables }: Read) =>
  JSON.parse(JSON.stringify(await graphql({ schema, source: print(document), rootValue, variableValues: variables ?? null }))) as unknown;

async function merged(queries: MergedQueries, reads: Read[]) {
  const query = queries.queryFor(reads.map(({ document }) => document));
  const variables: Record<string, unknown> = {};
  reads.forEach(({ variables: own }, index) => prefixedVariables(index, own, variables));
  expect(validate(schema, parse(query))).toEqual([]);
  const answer = JSON.parse(JSON.stringify(await graphql({ schema, source: query, rootValue, variableValues: variables }))) as {
    data: Record<string, unknown> | null;
    errors?: AnswerError[];
  };
  return { query, split: splitMerged(answer, reads.length) };
}

const withoutLocations = (answer: unknown) => JSON.parse(JSON.stringify(answer, (key, value: unknown) => (key === 'locations' ? undefined : value))) as unknown;

describe('merged reads', () => {
  it('gives each read what it gets alone: fragments, root fragments, aliases, variables and field errors', async () => {
    const { query, split } = await merged(new MergedQueries(), READS);
    expect(query).toContain('_v0_afiliado: afiliado(id: $_v0_id)');
    expect(query).toContain('fragment _v4_Datos on Afiliado');
    expect(query).not.toContain('fragment _v1_Raiz'); // spread only at the root: inlined there, so dropped
    for (const [index, one] of READS.entries()) expect(withoutLocations(split[index])).toEqual(withoutLocations(await alone(one)));
  });

  it('builds the merged text once per sequence of documents', async () => {
    const queries = new MergedQueries();
    const first = await merged(queries, READS.slice(0, 3));
    const again = await merged(queries, [read(print(READS[0]!.document), { id: '9', n: 1 }), ...READS.slice(1, 3)]);
    expect(queries.built).toBe(2); // a document parsed anew is another document
    const same = await merged(queries, [READS[0]!, READS[1]!, READS[2]!]);
    expect(queries.built).toBe(2);
    expect(same.query).toBe(first.query);
    expect(again.query).toBe(first.query);
    await merged(queries, [READS[1]!, READS[0]!, READS[2]!]);
    expect(queries.built).toBe(3); // another order is another text
  });

  it('refuses an answer key or error path without a prefix instead of guessing its read', () => {
    expect(() => splitMerged({ data: { afiliado: null } }, 1)).toThrow('not correctly prefixed');
    expect(() => splitMerged({ data: {}, errors: [{ message: 'x', path: ['afiliado'] }] }, 1)).toThrow('correctly prefixed');
  });

  it('tells identical reads (same document object, same variables) from the others, and copies a shared answer', () => {
    const byId = parse('query A($id: ID!) { afiliado(id: $id) { nombre } }');
    const sameText = parse('query A($id: ID!) { afiliado(id: $id) { nombre } }'); // another object: another document
    const { distinct, answerOf } = distinctReads([
      { document: byId, variables: { id: '1' } },
      { document: byId, variables: { id: '2' } },
      { document: byId, variables: { id: '1' } },
      { document: sameText, variables: { id: '1' } },
    ]);
    expect(distinct).toEqual([0, 1, 3]);
    const answers = [{ data: { afiliado: { nombre: 'uno' } } }, { data: { afiliado: { nombre: 'dos' } } }, { data: { afiliado: { nombre: 'tres' } } }];
    const handed = answerOf(answers);
    expect(handed.map((answer) => answer.data)).toEqual([
      { afiliado: { nombre: 'uno' } },
      { afiliado: { nombre: 'dos' } },
      { afiliado: { nombre: 'uno' } },
      { afiliado: { nombre: 'tres' } },
    ]);
    expect(handed[0]).toBe(answers[0]);
    expect(handed[2]!.data!.afiliado).not.toBe(handed[0]!.data!.afiliado);
  });

  it('copies JSON deeply, keeping a "__proto__" key as data, not as the prototype', () => {
    const parsed = JSON.parse('{"__proto__": {"polluted": true}, "list": [1, "a", null, {"b": false}]}') as Record<string, unknown>;
    const copy = copyOfJson(parsed) as Record<string, unknown>;
    expect(copy).toEqual(parsed);
    expect(Object.getPrototypeOf(copy)).toBe(Object.prototype);
    expect(Object.keys(copy)).toEqual(['__proto__', 'list']);
    expect((copy as { polluted?: boolean }).polluted).toBeUndefined();
    expect(copy.list).not.toBe(parsed.list);
    expect((copy.list as unknown[])[3]).not.toBe((parsed.list as unknown[])[3]);
  });
});
