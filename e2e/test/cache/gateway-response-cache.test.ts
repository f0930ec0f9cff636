// The response cache (CACHE_RESPONSES, on with CACHE=on): whole answers of queries in front of Apollo Server, over the
// fetch cache, on the real stack (memory bus). A repeated query is answered byte for byte without Apollo or a fetch;
// a client that received its command's event reads the change (read your events); an answer held between Apollo and
// its store while an event invalidates what it read is not stored; partitions never cross; answers with errors are
// never stored.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestStack } from '@alpes/local-stack';
import { postGraphQL } from '@alpes/testing';
import { campanaInput, flowClient, op } from '../pulsar/support/flow.js';
import { cacheCounters, CacheProbe, delta, expectHeldReadNotStored, expectOwnRowsPerPartition, responseCacheCounters } from '../support/gateway-cache.js';

const probe = new CacheProbe();
let stack: Awaited<ReturnType<typeof startTestStack>>;
const flow = flowClient(
  () => stack.gatewayUrl,
  () => stack.admin,
);
let afiliadoIds: string[];
let statements = 0;

const README_QUERY =
  '{ afiliados(first: 5) { totalCount nodes { nombre conversiones(first: 3) { nodes { valor campana { nombre } } } comisiones(first: 3) { totalCount nodes { monto estado } } } } }';
const AFILIADO_CAMPANAS = 'query AfiliadoCampanasEntera($id: ID!) { afiliado(id: $id) { id nombre campanas { id estado } } }';
const CAMPANA = 'query UnaCampanaEntera($id: ID!) { campana(id: $id) { id estado } }';

const query = async (text: string, variables?: Record<string, unknown>, authorization = stack.admin) => {
  const answer = await postGraphQL(stack.gatewayUrl, text, variables, authorization);
  expect(answer.errors, JSON.stringify(answer.errors)).toBeUndefined();
  return answer.data!;
};

/** The HTTP answer as the client gets it: status, content type and the body's bytes. */
async function raw(text: string): Promise<{ status: number; contentType: string | null; body: string }> {
  const response = await fetch(new URL('/graphql', stack.gatewayUrl), {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: stack.admin },
    body: JSON.stringify({ query: text }),
  });
  return { status: response.status, contentType: response.headers.get('content-type'), body: await response.text() };
}

beforeAll(async () => {
  stack = await startTestStack({
    seed: { afiliados: 4, conversiones: 10 },
    gateway: {
      cache: { maxBytes: 16 * 1024 * 1024, ttlMs: 300_000, hooks: probe.hooks },
      responseCache: { maxBytes: 8 * 1024 * 1024, ttlMs: 300_000, hooks: probe.responseHooks },
    },
    onStatement: () => (statements += 1),
  });
  const afiliados = await query('{ afiliados(first: 4) { nodes { id } } }');
  afiliadoIds = (afiliados.afiliados as { nodes: { id: string }[] }).nodes.map((node) => node.id);
});
afterAll(async () => {
  await flow.disposeAll();
  await stack?.stop();
});

describe('response cache (CACHE=on, CACHE_RESPONSES=on), invalidated with the fetch cache by domain events', () => {
  it('answers a repeated README query whole: the same bytes, no subgraph fetch, no SQL', async () => {
    const first = await raw(README_QUERY);
    expect(first.status).toBe(200);
    const before = { responses: await responseCacheCounters(stack.gatewayUrl), fetches: await cacheCounters(stack.gatewayUrl) };
    statements = 0;
    const again = await raw(README_QUERY);
    expect(statements).toBe(0);
    expect(again).toEqual(first);
    const after = { responses: await responseCacheCounters(stack.gatewayUrl), fetches: await cacheCounters(stack.gatewayUrl) };
    expect(delta(before.responses.hits, after.responses.hits, 'all')).toBe(1);
    for (const subgraph of ['afiliados', 'conversiones', 'marketing']) {
      expect(delta(before.fetches.hits, after.fetches.hits, subgraph)).toBe(0); // not even the fetch cache was asked
      expect(delta(before.fetches.misses, after.fetches.misses, subgraph)).toBe(0);
    }
  });

  it('read your events: once a subscriber got the event of a command, the next query reads the change', async () => {
    const uno = afiliadoIds[0]!;
    const campanaId = (await flow.completed(op.CrearCampana!, { input: campanaInput(`Respuesta ${Date.now()}`, [uno]) })).id;
    await query(AFILIADO_CAMPANAS, { id: uno });
    const warm = await responseCacheCounters(stack.gatewayUrl);
    expect((await query(AFILIADO_CAMPANAS, { id: uno })).afiliado.campanas).toContainEqual({ id: campanaId, estado: 'DRAFT' });
    const hit = await responseCacheCounters(stack.gatewayUrl);
    expect(delta(warm.hits, hit.hits, 'all')).toBe(1);

    const updates = flow.live(op.CampanaActualizada!, { campanaId });
    const accepted = await flow.send(op.ActivarCampana!, { id: campanaId });
    await updates.waitFor((e) => e.campanaActualizada.correlationId === accepted.correlationId, 30_000);
    const afterEvent = await responseCacheCounters(stack.gatewayUrl);
    expect(delta(hit.invalidations, afterEvent.invalidations, 'all')).toBeGreaterThanOrEqual(1); // dropped at the event
    expect((await query(AFILIADO_CAMPANAS, { id: uno })).afiliado.campanas).toContainEqual({ id: campanaId, estado: 'ACTIVE' });
    const afterRead = await responseCacheCounters(stack.gatewayUrl);
    expect(delta(afterEvent.hits, afterRead.hits, 'all')).toBe(0);
  });

  it('never stores an answer whose operation was under way across an invalidation of what it read (held before its store)', async () => {
    const campanaId = (await flow.completed(op.CrearCampana!, { input: campanaInput(`Carrera ${Date.now()}`, []) })).id;
    await expectHeldReadNotStored({
      probe,
      hold: () => probe.holdNextResponse((text) => text === CAMPANA),
      read: () => query(CAMPANA, { id: campanaId }),
      campanaId,
      activate: () => flow.send(op.ActivarCampana!, { id: campanaId }),
      counters: () => responseCacheCounters(stack.gatewayUrl),
      staleLabel: 'stale',
    });
  });

  it('keys by authorization partition: two affiliates repeat the same query, each only ever gets its own rows', async () => {
    const own = 'query PropiosEnteros { afiliados(first: 100) { totalCount nodes { id nombre } } }';
    await expectOwnRowsPerPartition({
      token: (afiliadoId) => stack.token('afiliado', { afiliadoId }),
      query,
      affiliateIds: [afiliadoIds[2]!, afiliadoIds[3]!],
      own,
      counters: () => responseCacheCounters(stack.gatewayUrl),
      label: 'all',
    });
  });

  it('never stores an answer with errors, nor a mutation', async () => {
    const before = await responseCacheCounters(stack.gatewayUrl);
    for (let round = 0; round < 2; round += 1) {
      const anonymous = await postGraphQL(stack.gatewayUrl, '{ afiliados(first: 1) { nodes { id } } }', undefined, undefined);
      expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
      const mutation = await flow.send(op.CrearCampana!, { input: campanaInput(`Sin caché ${round}`, []) });
      expect(mutation.correlationId).toBeTruthy();
    }
    const after = await responseCacheCounters(stack.gatewayUrl);
    expect(delta(before.hits, after.hits, 'all')).toBe(0);
    expect(delta(before.skipped_stores, after.skipped_stores, 'errors')).toBe(2);
    expect(delta(before.skipped_stores, after.skipped_stores, 'not_query')).toBe(2);
  });
});
