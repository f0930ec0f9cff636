// The gateway cache of subgraph fetch results (issue 17, goal 2), on the real stack (memory bus): invalidation by
// entity and by list type from the domain events the hub reads, the fetch race (held deterministically between its
// answer and its store), and authorization partitions that never cross.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestStack } from '@alpes/local-stack';
import { postGraphQL } from '@alpes/testing';
import { campanaInput, flowClient, op } from '../pulsar/support/flow.js';
import { cacheCounters, expectHeldReadNotStored, expectOwnRowsPerPartition, CacheProbe, delta } from '../support/gateway-cache.js';

const probe = new CacheProbe();
let stack: Awaited<ReturnType<typeof startTestStack>>;
const flow = flowClient(
  () => stack.gatewayUrl,
  () => stack.admin,
);
let afiliadoIds: string[];
let statements = 0;

const AFILIADO_CAMPANAS = 'query AfiliadoCampanas($id: ID!) { afiliado(id: $id) { id nombre campanas { id estado } } }';
const CAMPANA = 'query UnaCampana($id: ID!) { campana(id: $id) { id estado } }';
const CAMPANAS = 'query TodasLasCampanas { campanas(first: 100) { totalCount nodes { id estado } } }';

const query = async (text: string, variables?: Record<string, unknown>, authorization = stack.admin) => {
  const answer = await postGraphQL(stack.gatewayUrl, text, variables, authorization);
  expect(answer.errors, JSON.stringify(answer.errors)).toBeUndefined();
  return answer.data!;
};

/** A campaign with these affiliates, created and (its campanaCreada) seen by this gateway's hub. */
async function campanaDe(ids: string[]): Promise<string> {
  return (await flow.completed(op.CrearCampana!, { input: campanaInput(`Caché ${Date.now()}`, ids) })).id;
}

/** Sends the mutation and returns once a subscriber of this gateway got its campanaActualizada. */
async function changeAndSee(mutation: string, campanaId: string, estado: string): Promise<void> {
  const updates = flow.live(op.CampanaActualizada!, { campanaId });
  const accepted = await flow.send(mutation, { id: campanaId });
  const event = await updates.waitFor((e) => e.campanaActualizada.correlationId === accepted.correlationId, 30_000);
  expect(event.campanaActualizada.campana.estado).toBe(estado);
}

beforeAll(async () => {
  stack = await startTestStack({
    seed: { afiliados: 4, conversiones: 10 },
    gateway: { cache: { maxBytes: 16 * 1024 * 1024, ttlMs: 300_000, hooks: probe.hooks } },
    onStatement: () => (statements += 1), // counted by the first test: a warm README query runs no SQL
  });
  const afiliados = await query('{ afiliados(first: 4) { nodes { id } } }');
  afiliadoIds = (afiliados.afiliados as { nodes: { id: string }[] }).nodes.map((node) => node.id);
});
afterAll(async () => {
  await flow.disposeAll();
  await stack?.stop();
});

describe('gateway cache (CACHE=on), invalidated by domain events', () => {
  it('answers a repeated README query (3 fetches, 3 subgraphs) without one SQL statement, the same answer', async () => {
    const readme =
      '{ afiliados(first: 5) { totalCount nodes { nombre conversiones(first: 3) { nodes { valor campana { nombre } } } comisiones(first: 3) { totalCount nodes { monto estado } } } } }';
    const first = await query(readme);
    statements = 0;
    expect(await query(readme)).toEqual(first);
    expect(statements).toBe(0);
  });

  it('answers a repeated query from the cache, and an event about an entity drops exactly the fetches that include it', async () => {
    const [uno, dos] = [afiliadoIds[0]!, afiliadoIds[1]!];
    const [campanaUno, campanaDos] = [await campanaDe([uno]), await campanaDe([dos])];
    for (const id of [uno, dos]) await query(AFILIADO_CAMPANAS, { id }); // misses: stored
    const warm = await cacheCounters(stack.gatewayUrl);
    const again = await query(AFILIADO_CAMPANAS, { id: uno });
    const afterRepeat = await cacheCounters(stack.gatewayUrl);
    expect(delta(warm.hits, afterRepeat.hits, 'afiliados')).toBe(1); // afiliado(id): root fetch
    expect(delta(warm.hits, afterRepeat.hits, 'marketing')).toBe(1); // _entities(Afiliado) { campanas }
    expect(delta(warm.misses, afterRepeat.misses, 'marketing')).toBe(0);
    expect(again.afiliado.campanas).toContainEqual({ id: campanaUno, estado: 'DRAFT' });

    await changeAndSee(op.ActivarCampana!, campanaUno, 'ACTIVE'); // CampanaActivada { campana { afiliadoIds: [uno] } }
    const beforeReads = await cacheCounters(stack.gatewayUrl);
    const changed = await query(AFILIADO_CAMPANAS, { id: uno });
    const afterChanged = await cacheCounters(stack.gatewayUrl);
    expect(changed.afiliado.campanas).toContainEqual({ id: campanaUno, estado: 'ACTIVE' });
    expect(delta(beforeReads.misses, afterChanged.misses, 'marketing')).toBe(1); // dropped by the event
    // the event names `uno` (afiliadoIds): its fetches drop too, afiliado(id: uno) included (conservative by design)
    expect(delta(beforeReads.misses, afterChanged.misses, 'afiliados')).toBe(1);
    const untouched = await query(AFILIADO_CAMPANAS, { id: dos });
    const afterUntouched = await cacheCounters(stack.gatewayUrl);
    expect(untouched.afiliado.campanas).toContainEqual({ id: campanaDos, estado: 'DRAFT' });
    expect(delta(afterChanged.hits, afterUntouched.hits, 'marketing')).toBe(1); // another affiliate's campaigns: still cached
    expect(delta(afterChanged.hits, afterUntouched.hits, 'afiliados')).toBe(1); // and a Campana event leaves the afiliados subgraph alone
    expect(delta(beforeReads.invalidations, afterChanged.invalidations, 'marketing')).toBe(0); // dropped at the event, not at the read
  });

  it('an event about a new entity drops the list fetches of its type (campanas) and no others', async () => {
    const before = (await query(CAMPANAS)).campanas as { totalCount: number; nodes: { id: string }[] };
    await query(CAMPANAS);
    const afiliadosList = 'query ListaAfiliados { afiliados(first: 4) { nodes { id nombre } } }';
    await query(afiliadosList);
    const warm = await cacheCounters(stack.gatewayUrl);
    const creadas = flow.live(op.CampanaCreada!, {});
    const accepted = await flow.send(op.CrearCampana!, { input: campanaInput('Caché lista', []) });
    await creadas.waitFor((e) => e.campanaCreada.campana.id === accepted.id, 30_000);
    const afterEvent = await cacheCounters(stack.gatewayUrl);
    expect(delta(warm.invalidations, afterEvent.invalidations, 'marketing')).toBeGreaterThanOrEqual(1);
    const after = (await query(CAMPANAS)).campanas as { totalCount: number; nodes: { id: string }[] };
    expect(after.totalCount).toBe(before.totalCount + 1);
    expect(after.nodes.map((node) => node.id)).toContain(accepted.id);
    const beforeOther = await cacheCounters(stack.gatewayUrl);
    await query(afiliadosList); // the afiliados subgraph knows no Campana: its list stays cached
    const afterOther = await cacheCounters(stack.gatewayUrl);
    expect(delta(beforeOther.hits, afterOther.hits, 'afiliados')).toBe(1);
  });

  it('never stores a fetch that was in flight across an invalidation of what it read (held between answer and store)', async () => {
    const campanaId = await campanaDe([]);
    await expectHeldReadNotStored({
      probe,
      hold: () => probe.holdNext((text) => text.includes('campana(') && !text.includes('campanas(')),
      read: () => query(CAMPANA, { id: campanaId }),
      campanaId,
      activate: () => flow.send(op.ActivarCampana!, { id: campanaId }),
      counters: () => cacheCounters(stack.gatewayUrl),
      staleLabel: 'marketing/stale',
    });
  });

  it('keys by authorization partition: two affiliates repeat the same query, each only ever gets its own rows', async () => {
    const own = 'query Propios { afiliados(first: 100) { totalCount nodes { id nombre } } }';
    await expectOwnRowsPerPartition({
      token: (afiliadoId) => stack.token('afiliado', { afiliadoId }),
      query,
      affiliateIds: [afiliadoIds[2]!, afiliadoIds[3]!],
      own,
      counters: () => cacheCounters(stack.gatewayUrl),
      label: 'afiliados',
    });
  });
});
