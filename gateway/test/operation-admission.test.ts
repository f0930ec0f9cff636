// graphql-ws's subscribe admission parses and validates each distinct document once: subscribers sending the same text
// share one AST (memory per idle subscriber), while errors, variables and a new schema are still handled per call.
import type { GraphQLError } from 'graphql';
import { buildSchema, type DocumentNode, type ExecutionArgs, type GraphQLSchema } from 'graphql';
import { beforeAll, describe, expect, it } from 'vitest';
import type { OperationGuard } from '../src/plugins/operation-guard.js';
import { ADMITTED_DOCUMENT_MAX_CHARACTERS, admitOperation } from '../src/subscriptions/operation-admission.js';
import { defaultGuard } from './support/default-guard.js';

const CAMPANA_CREADA = 'subscription { campanaCreada { eventoId campana { id nombre } } }';

let schema: GraphQLSchema;
let guard: OperationGuard;

beforeAll(async () => {
  ({ schema, guard } = await defaultGuard());
});

type Admission = ReturnType<ReturnType<typeof admitOperation>>;
function documentOf(admission: Admission): DocumentNode {
  if (!admission || Array.isArray(admission)) throw new Error(`expected execution arguments, got ${JSON.stringify(admission)}`);
  return (admission as Omit<ExecutionArgs, 'contextValue'>).document;
}

describe('subscription admission: one parse per distinct document', () => {
  it('gives every subscriber sending the same text the same AST, with its own variables', () => {
    const admit = admitOperation(guard, () => schema);
    const first = admit({ query: CAMPANA_CREADA, variables: { a: 1 } });
    const second = admit({ query: CAMPANA_CREADA, variables: { a: 2 } });
    expect(documentOf(second)).toBe(documentOf(first));
    expect((second as ExecutionArgs).variableValues).toEqual({ a: 2 });
    const other = admit({ query: 'subscription { campanaCreada { eventoId } }' });
    expect(documentOf(other)).not.toBe(documentOf(first));
  });

  it('parses again for a new schema (a new supergraph), since validation depends on it', () => {
    let current = schema;
    const admit = admitOperation(guard, () => current);
    const before = documentOf(admit({ query: CAMPANA_CREADA }));
    current = buildSchema('type Query { x: Int } type Subscription { campanaCreada: Int }');
    const after = admit({ query: CAMPANA_CREADA });
    expect(Array.isArray(after)).toBe(true); // invalid against the new schema: its errors, not the remembered AST
    expect((after as GraphQLError[])[0]!.message).toMatch(/campanaCreada/);
    current = schema;
    expect(documentOf(admit({ query: CAMPANA_CREADA }))).toBe(before);
  });

  it('answers a bad document with its errors every time, and does not remember long documents', () => {
    const admit = admitOperation(guard, () => schema);
    for (let attempt = 0; attempt < 2; attempt += 1) {
      const errors = admit({ query: 'subscription { campanaCreada { noSuchField } }' }) as GraphQLError[];
      expect(errors[0]!.message).toMatch(/noSuchField/);
      const unparsable = admit({ query: 'subscription {' }) as GraphQLError[];
      expect(unparsable[0]!.extensions.code).toBe('GRAPHQL_PARSE_FAILED');
    }
    const long = `subscription ${'#'.repeat(ADMITTED_DOCUMENT_MAX_CHARACTERS)}\n{ campanaCreada { eventoId } }`;
    expect(documentOf(admit({ query: long }))).not.toBe(documentOf(admit({ query: long })));
  });

  it('still holds every subscriber to the cost its own variables give', () => {
    const admit = admitOperation(guard, () => schema);
    const query = 'subscription ($n: Int) { comisionCalculada { comision { afiliado { comisiones(first: $n) { nodes { campana { afiliados { id } } } } } } } }';
    for (let attempt = 0; attempt < 2; attempt += 1) {
      expect(documentOf(admit({ query, variables: { n: 1 } }))).toBeDefined();
      const rejected = admit({ query, variables: { n: 100 } }) as GraphQLError[];
      expect(rejected[0]!.extensions).toMatchObject({ code: 'COST_ESTIMATED_TOO_EXPENSIVE' });
    }
  });
});
