import { GraphQLError, parse, subscribe, type ExecutionResult, type GraphQLSchema } from 'graphql';
import { beforeAll, describe, expect, it } from 'vitest';
import { GatewayBuiltObject, resolveByResponseKey } from '../src/subscriptions/field-resolution.js';
import { loadApiSchema } from './support/api-schema.js';

let schema: GraphQLSchema;

beforeAll(async () => {
  ({ subscriptionSchema: schema } = await loadApiSchema());
});

async function firstResult(operation: string, event: unknown): Promise<ExecutionResult> {
  const stream = await subscribe({
    schema,
    document: parse(operation),
    fieldResolver: resolveByResponseKey,
    subscribeFieldResolver: () =>
      (async function* () {
        yield event;
      })(),
  });
  if (!(Symbol.asyncIterator in stream)) throw new Error(JSON.stringify(stream));
  const { value } = await stream.next();
  return value as ExecutionResult;
}

const fields = { eventoId: 'ev-1', ocurridoEn: '2026-01-01T00:00:00.000Z', correlationId: 'corr-1', tipo: 'ComisionAprobada' };

describe('resolving subscription results by response key', () => {
  it('reads hydrated data by alias and the gateway-built fields by name', async () => {
    const event = new GatewayBuiltObject(fields, 'comision', { c: { m: '12.00', afiliado: { n: 'Ana' } } });
    const result = await firstResult(
      `subscription { x: comisionActualizada { eventoId: tipo id: eventoId c: comision { m: monto afiliado { n: nombre } } } }`,
      event,
    );
    expect(result).toEqual({ data: { x: { eventoId: 'ComisionAprobada', id: 'ev-1', c: { m: '12.00', afiliado: { n: 'Ana' } } } } });
  });

  it('delivers an error on the entity as a GraphQL error of that event, with its code', async () => {
    const event = new GatewayBuiltObject(fields, 'comision', {
      comision: new GraphQLError('comision x is not visible yet', { extensions: { code: 'NOT_FOUND' } }),
    });
    const result = await firstResult(`subscription { comisionCalculada { eventoId comision { monto } } }`, event);
    expect(result.data).toBeNull();
    expect(result.errors?.[0]?.toJSON()).toMatchObject({
      message: 'comision x is not visible yet',
      path: ['comisionCalculada', 'comision'],
      extensions: { code: 'NOT_FOUND' },
    });
  });
});
