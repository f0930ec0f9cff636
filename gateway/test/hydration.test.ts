import type { GraphQLError, GraphQLFormattedError } from 'graphql';
import { describe, expect, it } from 'vitest';
import { Hydrator, type GatewayOperationRunner } from '../src/subscriptions/hydration.js';
import type { HydrationRequest } from '../src/subscriptions/hydration-document.js';
import type { Identity } from '@alpes/security';
import { userOfRole } from '@alpes/testing';

const ADMIN = userOfRole('admin');

const request: HydrationRequest = {
  document: 'query SubscriptionHydration_comision($id: ID!) { c: comision(id: $id) { m: monto } }',
  idVariable: 'id',
  variables: {},
  responseKeys: ['c'],
};

type Answer = { data?: Record<string, unknown> | null; errors?: GraphQLFormattedError[] };

/** A stand-in for the gateway that answers from a script and records its calls. */
function scriptedGateway(...answers: Answer[]) {
  const calls: Record<string, unknown>[] = [];
  const identities: Identity[] = [];
  const run: GatewayOperationRunner = async (_document, variables, identity) => {
    calls.push(variables);
    identities.push(identity);
    return answers[Math.min(calls.length - 1, answers.length - 1)]!;
  };
  return { run, calls, identities };
}

describe('Hydrator: the entity of an event, through the gateway', () => {
  it('shares one gateway call among clients with the same event and selection', async () => {
    const gateway = scriptedGateway({ data: { c: { m: '10.00' } } });
    const hydrator = new Hydrator(gateway.run);
    const [first, second] = await Promise.all([
      hydrator.hydrate('evt-1', 'com-1', request, 'comision', ADMIN),
      hydrator.hydrate('evt-1', 'com-1', request, 'comision', ADMIN),
    ]);
    expect(first).toEqual({ c: { m: '10.00' } });
    expect(second).toBe(first);
    expect(gateway.calls).toEqual([{ id: 'com-1' }]);
    await hydrator.hydrate('evt-2', 'com-1', request, 'comision', ADMIN);
    await hydrator.hydrate('evt-1', 'com-1', { ...request, variables: { x: 1 } }, 'comision', ADMIN);
    expect(gateway.calls).toHaveLength(3);
  });

  it('shares a hydration only among subscribers who may see the same thing, and runs it as the subscriber', async () => {
    const gateway = scriptedGateway({ data: { c: { m: '10.00' } } });
    const hydrator = new Hydrator(gateway.run);
    const ana = userOfRole('afiliado', { afiliadoId: '0190a000-0000-7000-8000-0000000000a1' });
    const anaOtherDevice = userOfRole('afiliado', { afiliadoId: '0190a000-0000-7000-8000-0000000000a1', sub: 'ana-tablet' });
    const beto = userOfRole('afiliado', { afiliadoId: '0190a000-0000-7000-8000-0000000000b2' });
    await Promise.all(
      [ADMIN, userOfRole('admin', { sub: 'other-admin' }), ana, anaOtherDevice, beto].map((who) =>
        hydrator.hydrate('evt-1', 'com-1', request, 'comision', who),
      ),
    );
    // admins share one, ana's two sessions share one, beto gets his own: same scopes and afiliado, same answer
    expect(gateway.identities).toEqual([ADMIN, ana, beto]);
  });

  it('forgets a hydration after the memo TTL', async () => {
    const gateway = scriptedGateway({ data: { c: { m: '1.00' } } });
    const hydrator = new Hydrator(gateway.run, { memoTtlMs: 20 });
    await hydrator.hydrate('evt-1', 'com-1', request, 'comision', ADMIN);
    await new Promise((resolve) => setTimeout(resolve, 40));
    expect(hydrator.memoSize).toBe(0);
    await hydrator.hydrate('evt-1', 'com-1', request, 'comision', ADMIN);
    expect(gateway.calls).toHaveLength(2);
  });

  it('retries while the entity is not visible yet (projection lag), then delivers it', async () => {
    const gateway = scriptedGateway({ data: { c: null } }, { data: { c: null } }, { data: { c: { m: '2.50' } } });
    const hydrator = new Hydrator(gateway.run, { retryDelaysMs: [5, 5, 5] });
    expect(await hydrator.hydrate('evt-1', 'com-1', request, 'comision', ADMIN)).toEqual({ c: { m: '2.50' } });
    expect(gateway.calls).toHaveLength(3);
  });

  it('gives up after the retries with a NOT_FOUND error on the entity', async () => {
    const gateway = scriptedGateway({ data: { c: null } });
    const hydrator = new Hydrator(gateway.run, { retryDelaysMs: [5, 5] });
    const entity = await hydrator.hydrate('evt-1', 'com-1', request, 'comision', ADMIN);
    const error = entity.c as GraphQLError;
    expect(error.message).toBe('comision com-1 is not visible yet');
    expect(error.extensions.code).toBe('NOT_FOUND');
    expect(gateway.calls).toHaveLength(3);
  });

  it('turns gateway errors into an error on the entity that keeps extensions.code, without retrying', async () => {
    const gateway = scriptedGateway({
      data: { c: null },
      errors: [{ message: 'comision 1 is forbidden', path: ['c', 'afiliado'], extensions: { code: 'FORBIDDEN' } }],
    });
    const hydrator = new Hydrator(gateway.run, { retryDelaysMs: [5] });
    const error = (await hydrator.hydrate('evt-1', 'com-1', request, 'comision', ADMIN)).c as GraphQLError;
    expect(error.message).toBe('comision 1 is forbidden');
    expect(error.extensions.code).toBe('FORBIDDEN');
    expect(gateway.calls).toHaveLength(1);
  });

  it('under load: an UNAVAILABLE or TIMEOUT subgraph is retried with backoff, and the event gets its entity once it answers', async () => {
    const unavailable = { message: 'marketing is unavailable', path: ['c'], extensions: { code: 'UNAVAILABLE' } };
    const timeout = { message: 'marketing did not answer in time', path: ['c'], extensions: { code: 'TIMEOUT' } };
    const gateway = scriptedGateway({ data: { c: null }, errors: [unavailable] }, { data: { c: null }, errors: [timeout] }, { data: { c: { m: '3.00' } } });
    const hydrator = new Hydrator(gateway.run, { outageRetryDelaysMs: [5, 5, 5] });
    expect(await hydrator.hydrate('evt-1', 'com-1', request, 'comision', ADMIN)).toEqual({ c: { m: '3.00' } });
    expect(gateway.calls).toHaveLength(3);
  });

  it('an outage that outlasts the retries: the event carries the subgraph error, after a bounded number of attempts', async () => {
    const gateway = scriptedGateway({
      data: { c: null },
      errors: [{ message: 'afiliados is unavailable', path: ['c', 'afiliado'], extensions: { code: 'UNAVAILABLE' } }],
    });
    const hydrator = new Hydrator(gateway.run, { outageRetryDelaysMs: [5, 5] });
    const error = (await hydrator.hydrate('evt-1', 'com-1', request, 'comision', ADMIN)).c as GraphQLError;
    expect(error.message).toBe('afiliados is unavailable');
    expect(error.extensions.code).toBe('UNAVAILABLE');
    expect(gateway.calls).toHaveLength(3);
  });

  it('partial data: what loaded is delivered, each nested error stays at its own path with its own code', async () => {
    const gateway = scriptedGateway({
      data: { c: { m: '20.00', afiliado: null, pagos: [{ v: '1.00' }, { v: null }] } },
      errors: [
        { message: 'afiliados is unavailable', path: ['c', 'afiliado', 'nombre'], extensions: { code: 'UNAVAILABLE' } },
        { message: 'pago 2 failed', path: ['c', 'pagos', 1, 'v'], extensions: { code: 'INTERNAL_SERVER_ERROR' } },
      ],
    });
    const hydrator = new Hydrator(gateway.run, { retryDelaysMs: [5], outageRetryDelaysMs: [] });
    const entity = (await hydrator.hydrate('evt-1', 'com-1', request, 'comision', ADMIN)).c as Record<string, any>;
    expect(entity.m).toBe('20.00');
    // afiliado was nulled by its failed non-null field: the error takes the null's place
    expect((entity.afiliado as GraphQLError).message).toBe('afiliados is unavailable');
    expect((entity.afiliado as GraphQLError).extensions.code).toBe('UNAVAILABLE');
    expect(entity.pagos[0]).toEqual({ v: '1.00' });
    expect((entity.pagos[1].v as GraphQLError).extensions.code).toBe('INTERNAL_SERVER_ERROR');
    expect(gateway.calls).toHaveLength(1);
  });

  it('never rejects: a gateway that keeps throwing is retried a bounded number of times, then an UNAVAILABLE error on the entity', async () => {
    let calls = 0;
    const hydrator = new Hydrator(
      async () => {
        calls += 1;
        throw new Error('socket hang up');
      },
      { outageRetryDelaysMs: [5, 5, 5] },
    );
    const error = (await hydrator.hydrate('evt-1', 'com-1', request, 'comision', ADMIN)).c as GraphQLError;
    expect(error.extensions.code).toBe('UNAVAILABLE');
    expect(error.message).toMatch(/^could not load comision com-1: the gateway operation failed 4 times over \d+ ms$/);
    expect(error.message).not.toContain('socket hang up');
    expect(calls).toBe(4);
  });
});
