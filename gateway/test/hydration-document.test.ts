import { parse, validate, type GraphQLSchema } from 'graphql';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildHydrationRequest } from '../src/subscriptions/hydration-document.js';
import { loadApiSchema, subscriptionInfo } from './support/api-schema.js';

let apiSchema: GraphQLSchema;
let subscriptionSchema: GraphQLSchema;

beforeAll(async () => {
  ({ apiSchema, subscriptionSchema } = await loadApiSchema());
});

async function hydrationFor(operation: string, variables: Record<string, unknown> = {}, entityField = 'comision') {
  const request = buildHydrationRequest(await subscriptionInfo(subscriptionSchema, operation, variables), entityField);
  if (request) expect(validate(apiSchema, parse(request.document)).map((error) => error.message)).toEqual([]);
  return request;
}

const squash = (text: string) => text.replace(/\s+/g, ' ').trim();

describe('selection → hydration query through the gateway', () => {
  it('loads the entity by id with the client selection across subgraphs', async () => {
    const request = await hydrationFor(
      `subscription { comisionCalculada { eventoId comision { monto afiliado { nombre } campana { nombre } conversion { valor } } } }`,
    );
    expect(squash(request!.document)).toBe(
      'query SubscriptionHydration_comision($id: ID!) { comision: comision(id: $id) { monto afiliado { nombre } campana { nombre } conversion { valor } } }',
    );
    expect(request!.responseKeys).toEqual(['comision']);
    expect(request!.variables).toEqual({});
  });

  it('keeps aliases, on the entity and inside it, as response keys', async () => {
    const request = await hydrationFor(`subscription { e: comisionCalculada { c: comision { m: monto } otra: comision { estado } } }`);
    expect(squash(request!.document)).toContain('c: comision(id: $id) { m: monto } otra: comision(id: $id) { estado }');
    expect(request!.responseKeys).toEqual(['c', 'otra']);
  });

  it('carries the fragment definitions the selection needs (transitively) and no others', async () => {
    const request = await hydrationFor(`
      subscription { comisionCalculada { ...Evento } }
      fragment Evento on ComisionCalculada { eventoId comision { ...Datos } }
      fragment Datos on Comision { monto afiliado { ...Persona } }
      fragment Persona on Afiliado { nombre email }
    `);
    const document = squash(request!.document);
    expect(document).toContain('comision: comision(id: $id) { ...Datos }');
    expect(document).toContain('fragment Datos on Comision');
    expect(document).toContain('fragment Persona on Afiliado');
    expect(document).not.toContain('fragment Evento');
  });

  it('declares only the client variables the selection uses, with their values, and keeps @include', async () => {
    const request = await hydrationFor(
      `subscription ($afiliado: ID, $conAfiliado: Boolean!, $estado: EstadoComision, $primeras: Int) {
        comisionCalculada(afiliadoId: $afiliado) {
          comision @include(if: $conAfiliado) { monto afiliado { comisiones(first: $primeras, estado: $estado) { totalCount } } }
        }
      }`,
      { afiliado: 'a-1', conAfiliado: true, estado: 'PAGADA', primeras: 3 },
    );
    const document = squash(request!.document);
    expect(document).toContain('($id: ID!, $conAfiliado: Boolean!, $estado: EstadoComision, $primeras: Int)');
    expect(document).toContain('comision: comision(id: $id) @include(if: $conAfiliado)');
    expect(document).not.toContain('$afiliado');
    expect(request!.variables).toEqual({ conAfiliado: true, estado: 'PAGADA', primeras: 3 });
  });

  it('keeps @skip of an inline fragment around the entity, and picks another id variable when $id is taken', async () => {
    const request = await hydrationFor(
      `subscription ($id: ID, $sin: Boolean!) { comisionActualizada(comisionId: $id) { ... @skip(if: $sin) { comision { id } } } }`,
      { id: 'x', sin: false },
    );
    expect(request!.idVariable).toBe('id1');
    expect(squash(request!.document)).toContain('($id1: ID!, $sin: Boolean!) { ... @skip(if: $sin) { comision: comision(id: $id1) { id } } }');
  });

  it('builds nothing when the client does not select the entity', async () => {
    expect(await hydrationFor(`subscription { comisionCalculada { eventoId ocurridoEn } }`)).toBeUndefined();
  });

  it('hydrates campaigns and conversions through their own Query fields', async () => {
    const campana = await hydrationFor(`subscription { campanaActualizada { tipo campana { nombre estado } } }`, {}, 'campana');
    expect(squash(campana!.document)).toContain('campana: campana(id: $id) { nombre estado }');
    const conversion = await hydrationFor(`subscription { conversionRegistrada { conversion { valor afiliado { nombre } } } }`, {}, 'conversion');
    expect(squash(conversion!.document)).toContain('conversion: conversion(id: $id) { valor afiliado { nombre } }');
  });
});
