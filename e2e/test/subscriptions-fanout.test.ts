// Work per event, not per subscriber (gateway/src/subscriptions: hydration-batcher.ts, shared-executions.ts): a burst
// of events is hydrated in fewer gateway operations than events (hydration_operations_total), subscribers with the
// same operation, variables and authorization partition share one execution, and partitions never share one: each
// affiliate gets its own rows only. A gateway of its own on the test stack's subgraphs and bus, so its counters and
// executions are this file's alone.
import { randomUUID } from 'node:crypto';
import { TOPICS, createEnvelope, serializeMessage, type Envelope } from '@alpes/contracts';
import { startGateway, type RunningGateway } from '@alpes/gateway';
import { MemoryBus } from '@alpes/messaging';
import { openSubscriptionClient, postGraphQL, waitUntil, type RecordedSubscription, type SubscriptionClient } from '@alpes/testing';
import { startTestStack } from '@alpes/local-stack';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { scrape, valueOf } from './support/prometheus-text.js';

interface SeededComision {
  id: string;
  montoBase: string;
  porcentaje: string;
  monto: string;
  moneda: string;
  estado: string;
  motivo: string | null;
  afiliado: { id: string };
  campana: { id: string };
  conversion: { id: string };
}

let stack: Awaited<ReturnType<typeof startTestStack>>;
let bus: MemoryBus;
let gateway: RunningGateway;
let comisiones: SeededComision[];
let clients: SubscriptionClient[] = [];

beforeAll(async () => {
  bus = new MemoryBus();
  stack = await startTestStack({ bus, seed: { afiliados: 10, conversiones: 60 } });
  const subgraphs = (['afiliados', 'conversiones', 'marketing'] as const).map((name) => ({ name, url: stack.urls[name] }));
  gateway = await startGateway({ port: 0, supergraph: { kind: 'subgraphs', subgraphs }, auth: stack.auth, bus });
  const { data } = await postGraphQL(
    stack.gatewayUrl,
    `{ comisiones(first: 60) { nodes { id montoBase porcentaje monto moneda estado motivo afiliado { id } campana { id } conversion { id } } } }`,
    undefined,
    stack.admin,
  );
  comisiones = data!.comisiones.nodes as SeededComision[];
});
afterEach(async () => {
  await Promise.all(clients.map((client) => client.dispose()));
  clients = [];
  await waitUntil('every shared execution to end', () => gateway.subscriptions!.activeExecutions() === 0);
});
afterAll(async () => {
  await gateway?.close();
  await stack?.stop();
  await bus?.close();
});

function client(authorization = stack.admin): SubscriptionClient {
  const opened = openSubscriptionClient(gateway.url, authorization);
  clients.push(opened);
  return opened;
}

async function publish(comision: SeededComision): Promise<Envelope> {
  const { afiliado, campana, conversion, ...rest } = comision;
  const snapshot = { ...rest, afiliadoId: afiliado.id, campanaId: campana.id, conversionId: conversion.id };
  const envelope = createEnvelope('ComisionCalculada', comision.id, { comision: snapshot }, { correlationId: randomUUID() });
  await bus.publish(TOPICS.comisionesEventos, { key: envelope.key, body: serializeMessage(envelope) });
  return envelope;
}

/** A live subscription sees what is published after its reader opened: probes until each has one, then a settled marker. */
async function untilLive(subscriptions: RecordedSubscription[], probes: SeededComision[]): Promise<void> {
  for (let tries = 0; subscriptions.some((subscription) => subscription.results.length === 0); tries += 1) {
    if (tries > 200) throw new Error('the subscriptions never went live');
    for (const probe of probes) await publish(probe);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const marker = await publish(probes[0]!);
  await Promise.all(subscriptions.map((subscription) => subscription.waitFor((result) => correlationOf(result) === marker.correlationId)));
  for (const subscription of subscriptions) subscription.results.length = 0;
}

const correlationOf = (result: { data?: Record<string, any> | null }) => result.data?.comisionCalculada?.correlationId as string | undefined;
const hydrationOperations = async () => valueOf(await scrape(new URL(gateway.url).origin), 'hydration_operations_total');

const SELECTIONS = [
  'subscription { comisionCalculada { correlationId comision { id monto afiliado { nombre } } } }',
  'subscription { comisionCalculada { correlationId ocurridoEn comision { id estado campana { nombre } } } }',
];

describe('one gateway operation for a burst, one execution per selection', () => {
  it('hydrates a burst of 20 events in fewer gateway operations than events, each delivered once, in order', async () => {
    const subscriptions = Array.from({ length: 6 }, (_, index) => client().subscribe(SELECTIONS[index % 2]!));
    await untilLive(subscriptions, [comisiones[0]!]);
    expect(gateway.subscriptions!.activeExecutions()).toBe(2); // 6 subscribers, 2 selections, 1 partition

    const before = await hydrationOperations();
    const burst = comisiones.slice(0, 20);
    const sent: Envelope[] = [];
    for (const comision of burst) sent.push(await publish(comision));
    const last = sent.at(-1)!.correlationId;
    await Promise.all(subscriptions.map((subscription) => subscription.waitFor((result) => correlationOf(result) === last, 30_000)));
    const operations = (await hydrationOperations()) - before;

    expect(operations).toBeGreaterThan(0);
    expect(operations).toBeLessThan(burst.length / 2);
    for (const [index, subscription] of subscriptions.entries()) {
      expect(subscription.results.map(correlationOf)).toEqual(sent.map((event) => event.correlationId));
      const entities = subscription.results.map((result) => result.data!.comisionCalculada.comision);
      if (index % 2 === 0) expect(entities.map((entity) => [entity.id, entity.monto])).toEqual(burst.map((comision) => [comision.id, comision.monto]));
      else expect(entities.map((entity) => [entity.id, entity.estado])).toEqual(burst.map((comision) => [comision.id, comision.estado]));
      expect(subscription.results.every((result) => result.errors === undefined)).toBe(true);
    }
  });

  it('shares an execution within an authorization partition, never across: each affiliate gets its own rows only', async () => {
    const [deAna] = comisiones;
    const otraDeAna = comisiones.find((comision) => comision.afiliado.id === deAna!.afiliado.id && comision.id !== deAna!.id)!;
    const deBeto = comisiones.find((comision) => comision.afiliado.id !== deAna!.afiliado.id)!;
    const afiliadoToken = async (afiliadoId: string, sub: string) => `Bearer ${await stack.token('afiliado', { afiliadoId, sub })}`;
    const selection = 'subscription { comisionCalculada { correlationId comision { id monto afiliado { id } } } }';
    const ana = client(await afiliadoToken(deAna!.afiliado.id, 'ana-phone')).subscribe(selection);
    const anaTablet = client(await afiliadoToken(deAna!.afiliado.id, 'ana-tablet')).subscribe(selection);
    const beto = client(await afiliadoToken(deBeto.afiliado.id, 'beto')).subscribe(selection);
    const admin = client().subscribe(selection);
    await untilLive([ana, anaTablet, admin], [deAna!]);
    await untilLive([beto], [deBeto]);
    // ana's two sessions see the same rows: one execution; beto and the admin: one each
    expect(gateway.subscriptions!.activeExecutions()).toBe(3);
    // A probe of untilLive may still be on its way: each subscription counts from a start marker it has received
    // (delivery is in bus order), not from an emptied list.
    const desdeAna = await publish(deAna!);
    const desdeBeto = await publish(deBeto);
    const startOf = new Map([ana, anaTablet].map((subscription) => [subscription, desdeAna.correlationId]));
    for (const subscription of [beto, admin]) startOf.set(subscription, desdeBeto.correlationId);
    await Promise.all([...startOf].map(([subscription, start]) => subscription.waitFor((result) => correlationOf(result) === start)));

    const events = [await publish(deAna!), await publish(deBeto), await publish(otraDeAna)];
    const marker = await publish(deAna!);
    await Promise.all([ana, anaTablet, admin].map((subscription) => subscription.waitFor((result) => correlationOf(result) === marker.correlationId)));
    await beto.waitFor((result) => correlationOf(result) === events[1]!.correlationId);

    const afterStart = (subscription: RecordedSubscription) =>
      subscription.results.slice(subscription.results.findIndex((result) => correlationOf(result) === startOf.get(subscription)) + 1);
    const ids = (subscription: RecordedSubscription) => afterStart(subscription).map((result) => result.data!.comisionCalculada.comision.id as string);
    expect(ids(ana)).toEqual([deAna!.id, otraDeAna.id, deAna!.id]);
    expect(ids(anaTablet)).toEqual(ids(ana));
    expect(ids(admin)).toEqual([deAna!.id, deBeto.id, otraDeAna.id, deAna!.id]);
    expect(ids(beto)).toEqual([deBeto.id]);
    for (const subscription of [ana, anaTablet, beto]) {
      const owners = afterStart(subscription).map((result) => result.data!.comisionCalculada.comision.afiliado.id);
      expect(new Set(owners)).toEqual(new Set([subscription === beto ? deBeto.afiliado.id : deAna!.afiliado.id]));
    }
  });
});
