/**
 * The gateway cache with several gateway instances on a real Pulsar broker (issue 17, goal 2): each instance reads
 * every event topic through readers of its own (non-durable, never a shared subscription), so a mutation sent through
 * gateway A invalidates what gateway B cached, and a client of B that got the event then reads the change from B.
 * Gateway A has the fetch cache alone, gateway B the response cache over it as well (CACHE_RESPONSES=on): B's whole
 * answers are dropped by the event its own reader gets, like its fetches.
 * Runs in a Pulsar namespace of its own (public/cache-…), so no other stack on the broker takes its commands.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { BATCHABLE_TOPICS } from '@alpes/contracts';
import { startGateway, type RunningGateway } from '@alpes/gateway';
import { createBus, type Bus } from '@alpes/messaging';
import { startTestStack } from '@alpes/local-stack';
import { createPulsarNamespace, postGraphQL } from '@alpes/testing';
import { cacheCounters, delta, responseCacheCounters } from '../support/gateway-cache.js';
import { CAMPANA_CREADA_DESDE, campanaInput, flowClient, op } from './support/flow.js';
import { assertBrokerReachable, PULSAR } from './support/pulsar.js';
import { describePulsar } from './support/pulsar-client.js';

const CACHE = { maxBytes: 16 * 1024 * 1024, ttlMs: 300_000 };
const CAMPANA = 'query UnaCampana($id: ID!) { campana(id: $id) { id estado } }';

let namespace: Awaited<ReturnType<typeof createPulsarNamespace>> | undefined;
let stack: Awaited<ReturnType<typeof startTestStack>>;
let gatewayB: RunningGateway | undefined;
const buses: Bus[] = [];
const viaA = flowClient(
  () => stack.gatewayUrl,
  () => stack.admin,
);
const viaB = flowClient(
  () => gatewayB!.url,
  () => stack.admin,
);

beforeAll(async () => {
  await assertBrokerReachable();
  namespace = await createPulsarNamespace(PULSAR.webUrl, 'cache');
  const config = { ...PULSAR, namespace: namespace.namespace };
  for (let index = 0; index < 2; index += 1) buses.push(await createBus(config, { batchedTopics: BATCHABLE_TOPICS }));
  stack = await startTestStack({ bus: buses[0]!, seed: { afiliados: 3, conversiones: 6 }, gateway: { cache: CACHE } });
  gatewayB = await startGateway({
    port: 0,
    supergraph: {
      kind: 'subgraphs',
      subgraphs: (['afiliados', 'conversiones', 'marketing'] as const).map((name) => ({ name, url: stack.urls[name] })),
    },
    auth: stack.auth,
    bus: buses[1]!,
    playground: false,
    cache: CACHE,
    responseCache: { maxBytes: 8 * 1024 * 1024, ttlMs: 300_000 },
  });
});
afterAll(async () => {
  await viaA.disposeAll();
  await viaB.disposeAll();
  await gatewayB?.close();
  await stack?.stop();
  for (const bus of buses) await bus.close();
  await namespace?.remove();
});

describePulsar('two gateway instances with CACHE=on on one Pulsar broker', () => {
  it('a mutation through gateway A invalidates what gateway B cached; B’s subscriber gets the event, then B reads the change', async () => {
    expect(gatewayB!.subscriptions!.activeBusReaders()).toBeGreaterThanOrEqual(4); // B's own reader of each event topic
    // B's readers see CampanaCreada on their own schedule, after A's comando outcome: an answer whose fetch started
    // before B dropped that event's dependencies is rightly never stored, so B's first read waits for the event on B
    const createdOnB = viaB.live(CAMPANA_CREADA_DESDE, { desde: new Date(Date.now() - 1_000).toISOString() });
    const campanaId = (await viaA.completed(op.CrearCampana!, { input: campanaInput(`Caché Pulsar ${Date.now()}`) })).id;
    await createdOnB.waitFor((event) => event.campanaCreada.campana.id === campanaId, 60_000);
    const readB = async () => {
      const answer = await postGraphQL(gatewayB!.url, CAMPANA, { id: campanaId }, stack.admin);
      expect(answer.errors, JSON.stringify(answer.errors)).toBeUndefined();
      return answer.data!.campana as { id: string; estado: string };
    };
    expect(await readB()).toEqual({ id: campanaId, estado: 'DRAFT' });
    const warm = await responseCacheCounters(gatewayB!.url);
    expect(await readB()).toEqual({ id: campanaId, estado: 'DRAFT' });
    const afterHit = await cacheCounters(gatewayB!.url);
    const responsesAfterHit = await responseCacheCounters(gatewayB!.url);
    expect(delta(warm.hits, responsesAfterHit.hits, 'all')).toBe(1); // B answers the whole query from its cache

    const updatesOnB = viaB.live(op.CampanaActualizada!, { campanaId });
    const accepted = await viaA.send(op.ActivarCampana!, { id: campanaId }); // through A
    const event = await updatesOnB.waitFor((e) => e.campanaActualizada.correlationId === accepted.correlationId, 60_000);
    expect(event.campanaActualizada.campana.estado).toBe('ACTIVE');
    const afterEvent = await cacheCounters(gatewayB!.url);
    expect(delta(afterHit.invalidations, afterEvent.invalidations, 'marketing')).toBeGreaterThanOrEqual(1);
    const responsesAfterEvent = await responseCacheCounters(gatewayB!.url);
    expect(delta(responsesAfterHit.invalidations, responsesAfterEvent.invalidations, 'all')).toBeGreaterThanOrEqual(1);
    expect(await readB()).toEqual({ id: campanaId, estado: 'ACTIVE' }); // read your events, on the other instance
    expect((await postGraphQL(stack.gatewayUrl, CAMPANA, { id: campanaId }, stack.admin)).data!.campana).toEqual({ id: campanaId, estado: 'ACTIVE' });
  });
});
