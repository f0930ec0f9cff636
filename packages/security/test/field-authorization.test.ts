import { buildASTSchema, execute, parse, print, type GraphQLSchema } from 'graphql';
import { describe, expect, it } from 'vitest';
import { ANONYMOUS, AuthorizationRules, placeDeniedNulls, removeDeniedFields, withoutAuthorizationDirectives, type Identity } from '../src/index.js';

const SDL = `
  type Query {
    afiliado(id: ID!): Afiliado @requiresScopes(scopes: [["afiliados:read"], ["self:read"]])
    afiliados: [Afiliado!]! @requiresScopes(scopes: [["afiliados:read"], ["self:read"]])
    ping: String @authenticated
  }
  type Mutation { aprobarComision(id: ID!): String @requiresScopes(scopes: [["comisiones:write"]]) }
  type Afiliado {
    id: ID!
    nombre: String!
    email: String! @requiresScopes(scopes: [["afiliados:read"]])
    telefono: String @requiresScopes(scopes: [["afiliados:read"]])
    comision(id: ID): Comision
  }
  type Comision { id: ID! monto: String @requiresScopes(scopes: [["comisiones:read"]]) }
`;
// what the gateway executes: the directives are rules, not part of the executable schema
const schema: GraphQLSchema = buildASTSchema(withoutAuthorizationDirectives(parse(SDL)));
const rules = AuthorizationRules.fromDocuments(parse(SDL));
const user = (...scopes: string[]): Identity => ({
  kind: 'user',
  sub: 'u',
  scopes: new Set(scopes),
  afiliadoId: null,
  expiresAt: new Date(Date.now() + 60_000),
});
const afiliadoRow = { id: 'a1', nombre: 'Ana', email: 'ana@example.com', telefono: '1', comision: { id: 'c1', monto: '10.00' } };
const rootValue = {
  afiliado: () => afiliadoRow,
  afiliados: () => [afiliadoRow, { ...afiliadoRow, id: 'a2' }],
  ping: () => 'pong',
  aprobarComision: () => 'queued',
};

/** What the gateway does: filter, execute what is left, put the denied fields back as null with their errors. */
async function run(identity: Identity, query: string, variables: Record<string, unknown> = {}) {
  const document = parse(query);
  const filtered = removeDeniedFields(schema, document, rules, identity);
  const executed = await execute({ schema, document: filtered.document, rootValue, variableValues: variables });
  expect(executed.errors).toBeUndefined();
  const placed = placeDeniedNulls({ schema, document, variables, data: executed.data as Record<string, unknown>, denied: filtered.denied });
  return { executedQuery: print(filtered.document), ...placed };
}

describe('field authorization: remove what the identity may not read before execution, answer null + error at its path', () => {
  it('reads the rules of @authenticated and @requiresScopes, scope sets being OR of AND', () => {
    expect(rules.requirementOf('Query', 'afiliado')).toEqual({ authenticated: true, scopeSets: [['afiliados:read'], ['self:read']] });
    expect(rules.deny(user('self:read'), 'Query', 'afiliado')).toBeUndefined();
    expect(rules.deny(user('self:read'), 'Afiliado', 'email')).toBe('FORBIDDEN');
    expect(rules.deny(ANONYMOUS, 'Query', 'ping')).toBe('UNAUTHENTICATED');
    expect(rules.declares('Query', 'afiliado')).toBe(true);
    expect(rules.declares('Afiliado', 'nombre')).toBe(false);
  });

  it('keeps the allowed fields and answers a denied nullable field with null and FORBIDDEN at its own path', async () => {
    const { data, errors, executedQuery } = await run(user('self:read'), '{ afiliado(id: "a1") { nombre telefono } }');
    expect(executedQuery).not.toContain('telefono');
    expect(data).toEqual({ afiliado: { nombre: 'Ana', telefono: null } });
    expect(errors).toEqual([
      { message: expect.stringContaining('Afiliado.telefono needs scope afiliados:read'), path: ['afiliado', 'telefono'], extensions: { code: 'FORBIDDEN' } },
    ]);
  });

  it('a denied non-null field nulls its nearest nullable parent; inside a list, each item gets its error', async () => {
    const single = await run(user('self:read'), '{ afiliado(id: "a1") { nombre email } }');
    expect(single.data).toEqual({ afiliado: null });
    expect(single.errors.map((error) => error.path)).toEqual([['afiliado', 'email']]);
    const list = await run(user('self:read'), '{ afiliados { email } ping }');
    expect(list.data).toBeNull(); // [Afiliado!]! under a non-null root field: the whole data
    expect(list.errors.map((error) => error.path)).toEqual([
      ['afiliados', 0, 'email'],
      ['afiliados', 1, 'email'],
    ]);
    const nested = await run(user('self:read'), '{ afiliados { id comision { id monto } } }');
    expect(nested.data).toEqual({
      afiliados: [
        { id: 'a1', comision: { id: 'c1', monto: null } },
        { id: 'a2', comision: { id: 'c1', monto: null } },
      ],
    });
    expect(nested.errors.map((error) => error.path)).toEqual([
      ['afiliados', 0, 'comision', 'monto'],
      ['afiliados', 1, 'comision', 'monto'],
    ]);
  });

  it('no escalation through aliases, fragments, inline fragments or @include/@skip', async () => {
    const query = `query ($yes: Boolean!, $no: Boolean!) {
      afiliado(id: "a1") {
        nombre
        correo: email @include(if: $yes)
        otro: email @skip(if: $no)
        ...Contacto
        ... on Afiliado { tel: telefono }
        comision { ...Monto }
      }
    }
    fragment Contacto on Afiliado { telefono }
    fragment Monto on Comision { monto }`;
    const { data, errors, executedQuery } = await run(user('self:read'), query, { yes: true, no: false });
    expect(executedQuery).not.toMatch(/email|telefono|monto/);
    expect(executedQuery).not.toContain('$yes'); // variables only denied fields used are dropped
    expect(data).toEqual({ afiliado: null });
    expect(errors[0]).toMatchObject({ path: ['afiliado', 'correo'], extensions: { code: 'FORBIDDEN' } });
  });

  it('a skipped denied field gets no error; a selection left empty runs as __typename and answers nothing extra', async () => {
    const skipped = await run(user('self:read'), 'query ($no: Boolean!) { afiliado(id: "a1") { nombre email @include(if: $no) } }', { no: false });
    expect(skipped).toMatchObject({ data: { afiliado: { nombre: 'Ana' } }, errors: [] });
    const empty = await run(user('self:read'), '{ afiliado(id: "a1") { comision { monto } } }');
    expect(empty.executedQuery).toContain('__typename');
    expect(empty.data).toEqual({ afiliado: { comision: { monto: null } } });
  });

  it('anonymous callers may run __typename only: every protected root field is UNAUTHENTICATED, a mutation never runs', async () => {
    const query = await run(ANONYMOUS, '{ __typename ping afiliado(id: "a1") { nombre } }');
    expect(query.data).toEqual({ __typename: 'Query', ping: null, afiliado: null });
    expect(query.errors.map((error) => [error.path, error.extensions?.code])).toEqual([
      [['ping'], 'UNAUTHENTICATED'],
      [['afiliado'], 'UNAUTHENTICATED'],
    ]);
    const mutation = await run(user('comisiones:read'), 'mutation { aprobarComision(id: "c1") }');
    expect(mutation.executedQuery).toBe('mutation {\n  __typename\n}');
    expect(mutation.errors).toMatchObject([{ path: ['aprobarComision'], extensions: { code: 'FORBIDDEN' } }]);
  });

  it('changes nothing for an identity that may read everything', async () => {
    const document = parse('{ afiliados { email comision { monto } } }');
    const filtered = removeDeniedFields(schema, document, rules, user('afiliados:read', 'comisiones:read'));
    expect(filtered.document).toBe(document);
    expect(filtered.denied.size).toBe(0);
  });
});
