// The response cache alone (cache/response-cache.ts) over a real FetchCache: whole answers tagged with their fetches'
// dependencies, dropped by the fetch cache's events, refused when an invalidation overlapped the operation, when it
// failed or when a fetch bypassed the fetch cache; bounded, with a TTL. Through a real gateway and stack:
// e2e/test/cache/gateway-response-cache.test.ts.
import { describe, expect, it } from 'vitest';
import { Registry } from 'prom-client';
import { ResponseCacheMetrics } from '../src/cache/cache-metrics.js';
import { cacheSettingsOf } from '../src/cache/cache-config.js';
import { entitiesOfEvent } from '../src/cache/event-entities.js';
import { FetchCache } from '../src/cache/fetch-cache.js';
import { ResponseCache, type CachedResponse, type OperationRecord } from '../src/cache/response-cache.js';
import { gatewayConfigSchema } from '../src/config.js';

const entitiesRequest = (ids: string[]) => ({ query: 'q', variables: { representations: ids.map((id) => ({ __typename: 'Afiliado', id })) } });
const afiliado = (id: string) => ({ data: { _entities: [{ __typename: 'Afiliado', id, nombre: `n-${id}` }] } });
const answer = (body: string, status = 200): CachedResponse => ({ status, headers: [['content-type', 'application/json; charset=utf-8']], body });
const operation = (id: string) => ({ query: 'query A($id: ID!) { afiliado(id: $id) { nombre } }', operationName: 'A', variables: { id } });

function caches(settings: { maxBytes?: number; ttlMs?: number } = {}) {
  const fetches = new FetchCache({ maxBytes: 1 << 20, ttlMs: 60_000 });
  fetches.setServing(true);
  const metrics = new ResponseCacheMetrics(new Registry());
  const responses = new ResponseCache({ maxBytes: settings.maxBytes ?? 1 << 20, ttlMs: settings.ttlMs ?? 60_000 }, fetches, metrics);
  return { fetches, responses, metrics };
}

/** What SubgraphDataSource and Apollo do for one operation with one entity fetch of afiliado `id`, through the fetch cache. */
function runOperation(fetches: FetchCache, record: OperationRecord, id: string): void {
  const key = fetches.keyOf('afiliados', 'admin', entitiesRequest([id]));
  if (!fetches.get(key, 'afiliados', record)) fetches.store(key, 'afiliados', entitiesRequest([id]), fetches.clock, afiliado(id), record);
  record.query = true; // a query with data and no errors (responseRecordPlugin)
  record.succeeded = true;
}

async function skipped(metrics: ResponseCacheMetrics, reason: string): Promise<number> {
  return (await metrics.skippedStores.get()).values.find((value) => value.labels.reason === reason)?.value ?? 0;
}

describe('CACHE_RESPONSES, CACHE_RESPONSES_MAX_MB', () => {
  it('is on with CACHE=on (16 MiB, the fetch cache TTL) unless CACHE_RESPONSES=off; nothing with CACHE=off', () => {
    expect(cacheSettingsOf(gatewayConfigSchema.parse({ CACHE: 'on' })).responseCache).toEqual({ maxBytes: 16 * 1024 * 1024, ttlMs: 300_000 });
    expect(cacheSettingsOf(gatewayConfigSchema.parse({ CACHE: 'on', CACHE_RESPONSES_MAX_MB: '4', CACHE_TTL_S: '9' })).responseCache).toEqual({
      maxBytes: 4 * 1024 * 1024,
      ttlMs: 9_000,
    });
    expect(cacheSettingsOf(gatewayConfigSchema.parse({ CACHE: 'on', CACHE_RESPONSES: 'off' })).responseCache).toBeUndefined();
    expect(cacheSettingsOf(gatewayConfigSchema.parse({ CACHE: 'off', CACHE_RESPONSES: 'on' }))).toEqual({});
    expect(gatewayConfigSchema.safeParse({ CACHE_RESPONSES: 'yes' }).success).toBe(false);
  });
});

describe('ResponseCache', () => {
  it('stores a successful answer and drops it with the fetch cache on an event about an entity its fetches include', () => {
    const { fetches, responses } = caches();
    for (const id of ['a1', 'a2']) {
      const record = responses.begin();
      runOperation(fetches, record, id);
      responses.store(responses.keyOf('admin', '', operation(id)), operation(id), record, answer(`{"data":"${id}"}`));
    }
    expect(responses.get(responses.keyOf('admin', '', operation('a1')))?.body).toBe('{"data":"a1"}');
    fetches.invalidate(entitiesOfEvent({ payload: { comision: { id: 'k1', afiliadoId: 'a1' } } } as never));
    expect(responses.get(responses.keyOf('admin', '', operation('a1')))).toBeUndefined();
    expect(responses.get(responses.keyOf('admin', '', operation('a2')))?.body).toBe('{"data":"a2"}');
  });

  it('carries the dependencies of fetches served from the fetch cache too (a warm fetch cache, a cold response cache)', () => {
    const { fetches, responses } = caches();
    runOperation(fetches, responses.begin(), 'a1'); // fills the fetch cache only
    const record = responses.begin();
    runOperation(fetches, record, 'a1'); // a fetch cache hit
    expect([...record.dependencies]).toContain('Afiliado:a1');
    responses.store('k', operation('a1'), record, answer('{}'));
    fetches.invalidate({ changed: [{ typename: 'Afiliado', id: 'a1' }], referenced: [] });
    expect(responses.get('k')).toBeUndefined();
  });

  it('does not store an answer whose operation began before an invalidation of anything it depends on (the race)', async () => {
    const { fetches, responses, metrics } = caches();
    const record = responses.begin();
    runOperation(fetches, record, 'a1');
    fetches.invalidate({ changed: [{ typename: 'Afiliado', id: 'a1' }], referenced: [] }); // while the operation runs
    responses.store('raced', operation('a1'), record, answer('{}'));
    const unrelated = responses.begin();
    runOperation(fetches, unrelated, 'a2');
    responses.store('unrelated', operation('a2'), unrelated, answer('{}'));
    expect(responses.get('raced')).toBeUndefined();
    expect(responses.get('unrelated')).toBeDefined();
    expect(await skipped(metrics, 'stale')).toBe(1);
  });

  it('does not store an operation that began before the caches were emptied (bus gap, new supergraph)', () => {
    const { fetches, responses } = caches();
    const record = responses.begin(); // no fetch at all: nothing to be invalidated by, but the clear still counts
    record.query = true;
    record.succeeded = true;
    fetches.clear();
    responses.store('k', { query: '{ __typename }' }, record, answer('{"data":{"__typename":"Query"}}'));
    expect(responses.get('k')).toBeUndefined();
  });

  it('never stores errors, non-200 answers, mutations, or an operation with a fetch that bypassed or failed the fetch cache', async () => {
    const { fetches, responses, metrics } = caches();
    const failed = responses.begin(); // Apollo answered a query with errors: responseRecordPlugin left `succeeded` false
    failed.query = true;
    responses.store('failed', operation('a1'), failed, answer('{"errors":[]}'));
    const mutation = responses.begin();
    responses.store('mutation', operation('a1'), mutation, answer('{"data":{}}'));
    const refusedStatus = responses.begin();
    runOperation(fetches, refusedStatus, 'a1');
    responses.store('status', operation('a1'), refusedStatus, answer('{}', 400));
    const fetchErrors = responses.begin();
    const key = fetches.keyOf('afiliados', 'admin', entitiesRequest(['a3']));
    fetches.store(key, 'afiliados', entitiesRequest(['a3']), fetches.clock, { ...afiliado('a3'), errors: [{ message: 'no' }] } as never, fetchErrors);
    fetchErrors.query = true;
    fetchErrors.succeeded = true;
    responses.store('fetch-errors', operation('a3'), fetchErrors, answer('{}'));
    const bypassed = responses.begin();
    runOperation(fetches, bypassed, 'a4');
    bypassed.refuse('uncached'); // SubgraphDataSource: a fetch that did not go through the fetch cache
    responses.store('bypassed', operation('a4'), bypassed, answer('{}'));
    for (const name of ['failed', 'mutation', 'status', 'fetch-errors', 'bypassed']) expect(responses.get(name), name).toBeUndefined();
    expect(await skipped(metrics, 'errors')).toBe(3);
    expect(await skipped(metrics, 'not_query')).toBe(1);
    expect(await skipped(metrics, 'uncached')).toBe(1);
  });

  it("keys by authorization partition and Accept header: one partition never reads another one's answer", () => {
    const { fetches, responses } = caches();
    const record = responses.begin();
    runOperation(fetches, record, 'a1');
    responses.store(responses.keyOf('user|afiliado|a1', '', operation('a1')), operation('a1'), record, answer('{"data":"own"}'));
    expect(responses.get(responses.keyOf('user|afiliado|a1', '', operation('a1')))?.body).toBe('{"data":"own"}');
    expect(responses.get(responses.keyOf('user|afiliado|a2', '', operation('a1')))).toBeUndefined();
    expect(responses.get(responses.keyOf('admin', '', operation('a1')))).toBeUndefined();
    expect(responses.get(responses.keyOf('user|afiliado|a1', 'application/graphql-response+json', operation('a1')))).toBeUndefined();
  });

  it('serves nothing after its TTL, event or not', async () => {
    const { fetches, responses } = caches({ ttlMs: 30 });
    const record = responses.begin();
    runOperation(fetches, record, 'a1');
    responses.store('k', operation('a1'), record, answer('{}'));
    expect(responses.get('k')).toBeDefined();
    await new Promise((resolve) => setTimeout(resolve, 60)); // past the TTL: what is measured is the expiry itself
    expect(responses.get('k')).toBeUndefined();
  });

  it('holds at most maxBytes, the least recently used going first, and empties when the fetch cache stops serving', () => {
    const { fetches, responses } = caches({ maxBytes: 30_000 });
    for (let index = 0; index < 30; index += 1) {
      const record = responses.begin();
      runOperation(fetches, record, `a${index}`);
      responses.store(`k${index}`, operation(`a${index}`), record, answer('x'.repeat(2_000)));
    }
    expect(responses.size).toBeGreaterThan(3);
    expect(responses.size).toBeLessThan(10); // about 4.5 kB an entry (UTF-16 text and overhead)
    expect(responses.get('k0')).toBeUndefined();
    expect(responses.get('k29')).toBeDefined();
    fetches.setServing(false);
    expect(responses.size).toBe(0);
    expect(responses.serving).toBe(false);
  });
});
