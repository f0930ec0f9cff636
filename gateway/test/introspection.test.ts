// Introspection over POST /graphql: refused under NODE_ENV=production unless INTROSPECTION=true, and refusable anywhere
// with INTROSPECTION=false. The settings go through gatewaySettingsOf, as the gateway process applies them.
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { gatewayConfigSchema, gatewaySettingsOf } from '../src/config.js';
import { startGateway, type RunningGateway } from '../src/index.js';
import { ephemeralStackAuth } from '@alpes/security';

const supergraph = { kind: 'file' as const, path: fileURLToPath(new URL('../../schema/supergraph.graphql', import.meta.url)) };
let gateway: RunningGateway | undefined;

afterEach(async () => {
  await gateway?.close();
  gateway = undefined;
});

/** Starts the gateway with this environment (NODE_ENV included, restored afterwards). */
async function gatewayWith(environment: Record<string, string>): Promise<RunningGateway> {
  const previous = process.env.NODE_ENV;
  if (environment.NODE_ENV) process.env.NODE_ENV = environment.NODE_ENV;
  try {
    gateway = await startGateway({ port: 0, supergraph, auth: ephemeralStackAuth(), ...gatewaySettingsOf(gatewayConfigSchema.parse(environment)) });
    return gateway;
  } finally {
    process.env.NODE_ENV = previous;
  }
}

async function post(query: string) {
  const response = await fetch(gateway!.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) });
  return { status: response.status, body: (await response.json()) as { data?: unknown; errors?: { message: string; extensions?: { code?: string } }[] } };
}

const SCHEMA = '{ __schema { queryType { name } } }';
const TYPE = '{ __type(name: "Campana") { name } }';

async function expectRefused(query: string) {
  const { status, body } = await post(query);
  expect(status).toBe(400);
  expect(body.data).toBeUndefined();
  expect(body.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
  expect(body.errors?.[0]?.message).toMatch(/introspection/i);
}

describe('introspection on POST /graphql', () => {
  it('is refused under NODE_ENV=production (__schema and __type), while operations still run', async () => {
    await gatewayWith({ NODE_ENV: 'production' });
    await expectRefused(SCHEMA);
    await expectRefused(TYPE);
    expect((await post('{ __typename }')).body).toEqual({ data: { __typename: 'Query' } });
  });

  it('is answered under NODE_ENV=production with INTROSPECTION=true', async () => {
    await gatewayWith({ NODE_ENV: 'production', INTROSPECTION: 'true' });
    expect((await post(SCHEMA)).body).toEqual({ data: { __schema: { queryType: { name: 'Query' } } } });
  });

  it('is answered outside production by default, and refused there with INTROSPECTION=false', async () => {
    await gatewayWith({ NODE_ENV: 'development' });
    expect((await post(SCHEMA)).body).toEqual({ data: { __schema: { queryType: { name: 'Query' } } } });
    await gateway!.close();
    await gatewayWith({ NODE_ENV: 'development', INTROSPECTION: 'false' });
    await expectRefused(SCHEMA);
  });
});
