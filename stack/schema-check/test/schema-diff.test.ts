import { buildSchema } from 'graphql';
import { describe, expect, it } from 'vitest';
import { diffSchemas } from '../src/index.js';

const BASE = `
  interface Nodo { id: ID! }
  type Campana implements Nodo { id: ID! nombre: String! estado: Estado! }
  union Resultado = Campana
  enum Estado { DRAFT ACTIVE }
  input Filtro { estado: Estado }
  type Query { campanas(first: Int = 20, filtro: Filtro): [Campana!]! nodo(id: ID!): Nodo }
  directive @costo(peso: Int) on FIELD_DEFINITION
`;

function diff(next: string) {
  return diffSchemas(buildSchema(BASE), buildSchema(next));
}

describe('diffSchemas names each change by its schema coordinate', () => {
  it('breaking: removed type, field, argument, enum value, union member, directive; changed kinds', () => {
    const { breaking } = diff(`
      interface Nodo { id: ID! }
      type Campana { id: Int! estado: Estado! }
      type Otra { id: ID! }
      union Resultado = Otra
      enum Estado { ACTIVE }
      input Filtro { estado: Estado, desde: String! }
      type Query { campanas(first: Int = 20, orden: String!): [Campana!]! nodo(id: ID!): Nodo }
    `);

    expect(breaking.map((change) => change.coordinate).sort()).toEqual(
      [
        '@costo',
        'Campana (Nodo)',
        'Campana.id',
        'Campana.nombre',
        'Estado.DRAFT',
        'Filtro.desde',
        'Query.campanas(filtro:)',
        'Query.campanas(orden:)',
        'Resultado (Campana)',
      ].sort(),
    );
  });

  it('dangerous: an optional argument added to an interface field, an enum value, a default change', () => {
    const { breaking, dangerous } = diff(
      BASE.replace('interface Nodo { id: ID! }', 'interface Nodo { id(formato: String): ID! }')
        .replace('type Campana implements Nodo { id: ID!', 'type Campana implements Nodo { id(formato: String): ID!')
        .replace('enum Estado { DRAFT ACTIVE }', 'enum Estado { DRAFT ACTIVE PAUSED }')
        .replace('first: Int = 20', 'first: Int = 10'),
    );

    expect(breaking).toEqual([]);
    expect(dangerous.map((change) => change.coordinate).sort()).toEqual(
      ['Campana.id(formato:)', 'Estado.PAUSED', 'Nodo.id(formato:)', 'Query.campanas(first:)'].sort(),
    );
  });

  it('safe: new types, fields and nullable output fields report nothing', () => {
    const next = BASE.replace('estado: Estado! }', 'estado: Estado! tags: [String!] }') + '\ntype Extra { x: Int }';
    expect(diff(next)).toEqual({ breaking: [], dangerous: [] });
  });
});
