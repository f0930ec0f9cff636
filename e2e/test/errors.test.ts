import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestStack } from '@alpes/local-stack';
import { postGraphQL } from '@alpes/testing';

let stack: Awaited<ReturnType<typeof startTestStack>>;

beforeAll(async () => {
  stack = await startTestStack({ seed: { afiliados: 5, conversiones: 20 } });
});
afterAll(async () => {
  await stack?.stop();
});

async function expectBadUserInput(query: string, field: string, message: RegExp) {
  const { data, errors } = await postGraphQL(stack.gatewayUrl, query, undefined, stack.admin);
  expect(errors, JSON.stringify(data)).toHaveLength(1);
  expect(errors![0]!.extensions?.code).toBe('BAD_USER_INPUT');
  expect(errors![0]!.extensions?.field).toBe(field);
  expect(errors![0]!.message).toMatch(message);
}

describe('errors a client can act on', () => {
  it('rejects a malformed id with BAD_USER_INPUT naming the argument', async () => {
    await expectBadUserInput('{ afiliado(id: "not-a-uuid") { id } }', 'id', /id must be a UUID/);
    await expectBadUserInput('{ conversiones(afiliadoId: "42") { totalCount } }', 'afiliadoId', /afiliadoId must be a UUID/);
  });

  it('rejects first over the maximum', async () => {
    await expectBadUserInput('{ afiliados(first: 101) { totalCount } }', 'first', /first must be between 0 and 100/);
  });

  it('rejects a cursor this API did not issue', async () => {
    await expectBadUserInput('{ campanas(after: "bogus") { totalCount } }', 'after', /after is not a cursor/);
  });

  it('rejects hasta before desde', async () => {
    await expectBadUserInput(
      '{ conversiones(desde: "2026-05-01T00:00:00Z", hasta: "2026-04-01T00:00:00Z") { totalCount } }',
      'hasta',
      /hasta .* is before desde/,
    );
  });

  it('returns null for an entity that does not exist', async () => {
    const { data, errors } = await postGraphQL(
      stack.gatewayUrl,
      '{ afiliado(id: "0192f3a0-0000-7000-8000-000000000000") { id } campana(id: "0192f3a0-0000-7000-8000-000000000000") { id } }',
      undefined,
      stack.admin,
    );
    expect(errors).toBeUndefined();
    expect(data).toEqual({ afiliado: null, campana: null });
  });

  it('reports a subgraph that is down as UNAVAILABLE in the response, and keeps serving the others', async () => {
    await stack.stopService('afiliados');
    const { data, errors } = await postGraphQL(
      stack.gatewayUrl,
      '{ afiliado(id: "0192f3a0-0000-7000-8000-000000000000") { nombre } campanas(first: 1) { totalCount } }',
      undefined,
      stack.admin,
    );
    expect(data?.campanas?.totalCount).toBeGreaterThan(0);
    expect(errors?.[0]?.extensions?.code).toBe('UNAVAILABLE');
    expect(errors?.[0]?.message).toMatch(/afiliados subgraph is unavailable/);
    const ready = await fetch(stack.urls.gateway.replace('/graphql', '/ready'));
    expect(ready.status).toBe(503);
  });
});
