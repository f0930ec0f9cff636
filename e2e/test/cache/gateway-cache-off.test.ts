// CACHE=off (the default): the gateway the environment configures has no cache; every repeated query reaches the
// subgraphs' databases again and the cache counters on /metrics stay empty.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gatewayConfigSchema, gatewaySettingsOf } from '@alpes/gateway';
import { startTestStack } from '@alpes/local-stack';
import { postGraphQL } from '@alpes/testing';
import { cacheCounters } from '../support/gateway-cache.js';

const README_QUERY =
  '{ afiliados(first: 5) { totalCount nodes { nombre conversiones(first: 3) { nodes { valor campana { nombre } } } comisiones(first: 3) { totalCount nodes { monto estado } } } } }';

let stack: Awaited<ReturnType<typeof startTestStack>>;
let statements = 0;

beforeAll(async () => {
  const { cache } = gatewaySettingsOf(gatewayConfigSchema.parse({ CACHE: 'off', CACHE_MAX_MB: '8' }));
  expect(cache).toBeUndefined();
  stack = await startTestStack({ seed: { afiliados: 5, conversiones: 20 }, gateway: { ...(cache ? { cache } : {}) }, onStatement: () => (statements += 1) });
});
afterAll(async () => {
  await stack?.stop();
});

describe('CACHE=off', () => {
  it('sends every repeated query to the subgraphs (SQL each time) and counts no cache hit or miss', async () => {
    const first = await postGraphQL(stack.gatewayUrl, README_QUERY, undefined, stack.admin);
    expect(first.errors).toBeUndefined();
    for (let round = 0; round < 3; round += 1) {
      statements = 0;
      expect(await postGraphQL(stack.gatewayUrl, README_QUERY, undefined, stack.admin)).toEqual(first);
      expect(statements).toBeGreaterThan(0);
    }
    const counters = await cacheCounters(stack.gatewayUrl);
    expect(counters.hits).toEqual({});
    expect(counters.misses).toEqual({});
  });
});
