// The gateway cache's parts alone (cache/): its settings, what an event invalidates, the invalidation clock's bound,
// the LRU bound by bytes, and stores refused when an invalidation overlapped the fetch. The whole of it, on the real
// stack: e2e/test/cache/.
import { describe, expect, it } from 'vitest';
import { Registry } from 'prom-client';
import { CacheMetrics } from '../src/cache/cache-metrics.js';
import { entitiesOfEvent } from '../src/cache/event-entities.js';
import { FetchCache } from '../src/cache/fetch-cache.js';
import { InvalidationClock } from '../src/cache/invalidation-clock.js';
import { typesBySubgraph } from '../src/cache/supergraph-types.js';
import { gatewayConfigSchema, gatewaySettingsOf } from '../src/config.js';
import { readFileSync } from 'node:fs';

const CAMPANA = { id: 'c1', nombre: 'N', estado: 'ACTIVE', afiliadoIds: ['a1', 'a2'] };
const entitiesRequest = (ids: string[]) => ({ query: 'q', variables: { representations: ids.map((id) => ({ __typename: 'Afiliado', id })) } });

describe('CACHE, CACHE_MAX_MB, CACHE_TTL_S', () => {
  it('is off by default; CACHE=on gives 64 MiB and 300 s unless told otherwise', () => {
    expect(gatewaySettingsOf(gatewayConfigSchema.parse({})).cache).toBeUndefined();
    expect(gatewaySettingsOf(gatewayConfigSchema.parse({ CACHE: 'off', CACHE_MAX_MB: '8' })).cache).toBeUndefined();
    expect(gatewaySettingsOf(gatewayConfigSchema.parse({ CACHE: 'on' })).cache).toEqual({ maxBytes: 64 * 1024 * 1024, ttlMs: 300_000 });
    expect(gatewaySettingsOf(gatewayConfigSchema.parse({ CACHE: 'on', CACHE_MAX_MB: '8', CACHE_TTL_S: '30' })).cache).toEqual({
      maxBytes: 8 * 1024 * 1024,
      ttlMs: 30_000,
    });
    expect(gatewayConfigSchema.safeParse({ CACHE: 'maybe' }).success).toBe(false);
    expect(gatewayConfigSchema.safeParse({ CACHE_MAX_MB: '0' }).success).toBe(false);
  });
});

describe('what an event invalidates', () => {
  it('names the snapshot as changed and its references (…Id, …Ids, top-level afiliadoId) as referenced', () => {
    expect(entitiesOfEvent({ payload: { campana: CAMPANA, afiliadoId: 'a3' } } as never)).toEqual({
      changed: [{ typename: 'Campana', id: 'c1' }],
      referenced: [
        { typename: 'Afiliado', id: 'a1' },
        { typename: 'Afiliado', id: 'a2' },
        { typename: 'Afiliado', id: 'a3' },
      ],
    });
    const comision = { id: 'k1', conversionId: 'v1', afiliadoId: 'a1', campanaId: 'c1', monto: '1.00' };
    expect(entitiesOfEvent({ payload: { comision } } as never).referenced.map((ref) => `${ref.typename}:${ref.id}`)).toEqual([
      'Conversion:v1',
      'Afiliado:a1',
      'Campana:c1',
    ]);
    expect(entitiesOfEvent({ payload: { comandoId: 'x', comando: 'CrearCampana', entidadId: 'c1' } } as never)).toEqual({ changed: [], referenced: [] });
  });
});

describe('the types each subgraph knows (root fetches depend on them)', () => {
  it('reads them from the supergraph: marketing knows the four entities, afiliados only Afiliado', () => {
    const types = typesBySubgraph(readFileSync(new URL('../../schema/supergraph.graphql', import.meta.url), 'utf8'));
    for (const entity of ['Afiliado', 'Campana', 'Comision', 'Conversion']) expect(types.get('marketing')).toContain(entity);
    expect(types.get('afiliados')).toContain('Afiliado');
    expect(types.get('afiliados')).not.toContain('Campana');
    expect(types.get('conversiones')).toContain('Conversion');
  });
});

describe('InvalidationClock', () => {
  it('stamps what an invalidation names, and past its capacity counts forgotten dependencies as invalidated at the floor', () => {
    const clock = new InvalidationClock(2);
    const started = clock.now;
    clock.invalidate(['A:1']);
    expect(clock.invalidatedSince('A:1', started)).toBe(true);
    expect(clock.invalidatedSince('A:2', started)).toBe(false);
    const later = clock.now;
    clock.invalidate(['A:2']);
    clock.invalidate(['A:3']); // A:1 forgotten: the floor rises to its stamp
    expect(clock.invalidatedSince('B:9', started)).toBe(true);
    expect(clock.invalidatedSince('B:9', later)).toBe(false);
  });
});

describe('FetchCache', () => {
  const afiliado = (id: string, nombre = 'x'.repeat(1000)) => ({ data: { _entities: [{ __typename: 'Afiliado', id, nombre }] } });

  it('drops the fetches that include an entity an event changed or referenced, and keeps the others', () => {
    const cache = new FetchCache({ maxBytes: 1 << 20, ttlMs: 60_000 });
    cache.setServing(true);
    for (const id of ['a1', 'a9']) cache.store(`k-${id}`, 'afiliados', entitiesRequest([id]), cache.clock, afiliado(id));
    expect(cache.get('k-a1', 'afiliados')).toEqual(afiliado('a1'));
    cache.invalidate(entitiesOfEvent({ payload: { campana: CAMPANA } } as never));
    expect(cache.get('k-a1', 'afiliados')).toBeUndefined();
    expect(cache.get('k-a9', 'afiliados')).toEqual(afiliado('a9'));
  });

  it('refuses an answer with errors, and one whose fetch started before an invalidation of what it includes', () => {
    const metrics = new CacheMetrics(new Registry());
    const cache = new FetchCache({ maxBytes: 1 << 20, ttlMs: 60_000 }, metrics);
    cache.setServing(true);
    cache.store('errors', 'afiliados', entitiesRequest(['a1']), cache.clock, { ...afiliado('a1'), errors: [{ message: 'no' }] } as never);
    const started = cache.clock;
    cache.invalidate({ changed: [{ typename: 'Afiliado', id: 'a1' }], referenced: [] });
    cache.store('raced', 'afiliados', entitiesRequest(['a1']), started, afiliado('a1'));
    cache.store('unrelated', 'afiliados', entitiesRequest(['a2']), started, afiliado('a2'));
    expect(cache.get('errors', 'afiliados')).toBeUndefined();
    expect(cache.get('raced', 'afiliados')).toBeUndefined();
    expect(cache.get('unrelated', 'afiliados')).toBeDefined();
  });

  it('holds at most maxBytes of answers, the least recently used going first', () => {
    const cache = new FetchCache({ maxBytes: 20_000, ttlMs: 60_000 });
    cache.setServing(true);
    for (let index = 0; index < 30; index += 1) cache.store(`k${index}`, 'afiliados', entitiesRequest([`a${index}`]), cache.clock, afiliado(`a${index}`));
    expect(cache.size).toBeGreaterThan(3);
    expect(cache.size).toBeLessThan(10); // about 2.3 kB an entry (UTF-16 text and overhead)
    expect(cache.get('k0', 'afiliados')).toBeUndefined();
    expect(cache.get('k29', 'afiliados')).toBeDefined();
  });

  it('stores nothing and serves nothing while not serving (no event feed yet, or the bus is disconnected)', () => {
    const cache = new FetchCache({ maxBytes: 1 << 20, ttlMs: 60_000 });
    cache.store('k', 'afiliados', entitiesRequest(['a1']), cache.clock, afiliado('a1'));
    expect(cache.size).toBe(0);
    cache.setServing(true);
    cache.store('k', 'afiliados', entitiesRequest(['a1']), cache.clock, afiliado('a1'));
    cache.setServing(false);
    expect(cache.size).toBe(0);
  });
});
