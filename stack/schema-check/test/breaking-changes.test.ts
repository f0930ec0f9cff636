import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkWorkspace, coordinates, fixtureWorkspace, removeWorkspaces, replace } from './support/fixture-workspace.js';

afterAll(removeWorkspaces);

describe('breaking changes fail (status breaking, exit 1) naming the coordinate', () => {
  it('a removed field', () => {
    const result = checkWorkspace(fixtureWorkspace({ marketing: replace('  porcentajeComision: Decimal! @authenticated\n  creadaEn', '  creadaEn') }));

    expect(result.status).toBe('breaking');
    expect(coordinates(result.breaking)).toEqual(['Campana.porcentajeComision']);
    expect(result.breaking[0]!.type).toBe('FIELD_REMOVED');
    expect(result.text).toContain('Campana.porcentajeComision');
    expect(result.markdown).toContain('`Campana.porcentajeComision`');
  });

  it('a changed field type and a changed argument type', () => {
    const root = fixtureWorkspace({
      marketing: (sdl) =>
        replace(
          '  metaConversiones: Int!',
          '  metaConversiones: String!',
        )(replace('after: String, estado: EstadoCampana)', 'after: String, estado: String)')(sdl)),
    });

    const result = checkWorkspace(root);

    expect(result.status).toBe('breaking');
    expect(coordinates(result.breaking)).toEqual(expect.arrayContaining(['Campana.metaConversiones', 'Query.campanas(estado:)']));
    expect(result.breaking.find((change) => change.coordinate === 'Campana.metaConversiones')?.description).toContain('Int! to String!');
  });

  it('a new required argument', () => {
    const root = fixtureWorkspace({
      marketing: replace('estado: EstadoCampana): CampanaConnection!', 'estado: EstadoCampana, tipo: TipoCampana!): CampanaConnection!'),
    });

    const result = checkWorkspace(root);

    expect(result.status).toBe('breaking');
    expect(coordinates(result.breaking)).toEqual(['Query.campanas(tipo:)']);
    expect(result.breaking[0]!.type).toBe('REQUIRED_ARG_ADDED');
  });

  it('a new required input field', () => {
    const root = fixtureWorkspace({ marketing: replace('input CrearCampanaInput {\n', 'input CrearCampanaInput {\n  metaConversiones: Int!\n') });

    const result = checkWorkspace(root);

    expect(result.status).toBe('breaking');
    expect(coordinates(result.breaking)).toEqual(['CrearCampanaInput.metaConversiones']);
    expect(result.breaking[0]!.type).toBe('REQUIRED_INPUT_FIELD_ADDED');
  });

  it('a removed enum value and fields removed in another subgraph', () => {
    const root = fixtureWorkspace({
      marketing: replace('  DRAFT\n', ''),
      conversiones: (sdl) =>
        replace('  conversion(id: ID!): Conversion @requiresScopes(scopes: [["conversiones:read"]])\n', '')(replace('  campana: Campana!\n', '')(sdl)),
    });

    const result = checkWorkspace(root);

    expect(result.status).toBe('breaking');
    expect(coordinates(result.breaking)).toEqual(expect.arrayContaining(['EstadoCampana.DRAFT', 'Conversion.campana', 'Query.conversion']));
  });

  it('an operation that selects a removed field fails naming the file, the operation and the field', () => {
    const root = fixtureWorkspace({ marketing: replace('  porcentajeComision: Decimal! @authenticated\n  creadaEn', '  creadaEn') });

    const result = checkWorkspace(root);

    expect(result.status).toBe('breaking');
    expect(result.operationErrors).toEqual([
      {
        file: 'operations/campanas.graphql',
        operation: 'query CampanasActivas',
        message: expect.stringContaining('Cannot query field "porcentajeComision" on type "Campana"'),
      },
    ]);
    expect(result.text).toContain('operations/campanas.graphql › query CampanasActivas');
  });

  it('an operation is broken even when the base is unchanged (validated against the new API schema)', () => {
    const root = fixtureWorkspace({ marketing: replace('  porcentajeComision: Decimal! @authenticated\n  creadaEn', '  creadaEn') });

    const result = checkWorkspace(root, { baseFile: undefined, artifactsDir: 'schema', operations: ['operations/*.graphql'] });

    expect(result.baseSource).toContain('working tree');
    expect(result.operationErrors.map((error) => error.operation)).toEqual(['query CampanasActivas']);
  });

  it('a root field or a sensitive field (money, e-mail) without @authenticated / @requiresScopes fails naming the coordinate', () => {
    const root = fixtureWorkspace({
      marketing: (sdl) =>
        replace(
          '  presupuesto: Decimal! @requiresScopes(scopes: [["campanas:read"]])\n  metaConversiones',
          '  presupuesto: Decimal!\n  email: String\n  metaConversiones',
        )(
          replace(
            '  activarCampana(id: ID!): ComandoAceptado! @requiresScopes(scopes: [["campanas:write"]])',
            '  activarCampana(id: ID!): ComandoAceptado!',
          )(sdl),
        ),
    });

    const result = checkWorkspace(root);

    expect(result.status).toBe('breaking');
    expect(result.missingDecisions).toEqual([
      { coordinate: 'Mutation.activarCampana', source: 'marketing', why: 'root field' },
      { coordinate: 'Campana.presupuesto', source: 'marketing', why: 'sensitive field' },
      { coordinate: 'Campana.email', source: 'marketing', why: 'sensitive field' },
    ]);
    expect(result.text).toContain('Mutation.activarCampana — root field in marketing has no authorization decision');
  });

  it('a gateway subscription field without a decision fails too', () => {
    const root = fixtureWorkspace();
    const file = join(root, 'subscription.graphql');
    writeFileSync(file, readFileSync(file, 'utf8').replace(' @requiresScopes(scopes: [["campanas:read"]])', ''));

    const result = checkWorkspace(root);

    expect(result.status).toBe('breaking');
    expect(result.missingDecisions).toEqual([{ coordinate: 'Subscription.campanaCreada', source: 'gateway', why: 'root field' }]);
  });
});
