import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBus, type Bus, type Consumer } from '@alpes/messaging';
import { ServiceMetrics, ObservedBus, PulsarAdminStats } from '@alpes/observability';
import { assertBrokerReachable, childEnvironment, createPulsarNamespace, PULSAR_SERVICE_URL, PULSAR_WEB_URL, runToCompletion } from '@alpes/testing';
import { until } from '../support/prometheus-text.js';

// On the real broker (a namespace of its own): a consumer that fails on every attempt dead-letters its message with
// the error; `npm run dlq -- list` (the real command, its own process) shows it; once the consumer is fixed,
// `npm run dlq -- replay --id` puts it back, it is applied once, and the dead-letter topic is empty.
const TOPIC = 'dlq-prueba';
let namespace: Awaited<ReturnType<typeof createPulsarNamespace>>;
let bus: Bus;
let observed: ObservedBus;
let consumer: Consumer;
let fixed = false;
const applied: string[] = [];
const stats = () => new PulsarAdminStats({ webUrl: PULSAR_WEB_URL, tenant: 'public', namespace: namespace.namespace });
const dlq = (...args: string[]) =>
  runToCompletion('dlq', 'npx', ['tsx', 'scripts/dlq.ts', ...args], childEnvironment({ BUS: 'pulsar', PULSAR_WEB_URL, PULSAR_NAMESPACE: namespace.namespace }), 60_000);

beforeAll(async () => {
  await assertBrokerReachable();
  namespace = await createPulsarNamespace(PULSAR_WEB_URL, 'dlq');
  bus = await createBus({ transport: 'pulsar', webUrl: PULSAR_WEB_URL, serviceUrl: PULSAR_SERVICE_URL, tenant: 'public', namespace: namespace.namespace, client: 'websocket' });
  observed = new ObservedBus(bus, new ServiceMetrics('dlq-test'), stats());
  consumer = await observed.consume({
    topic: TOPIC,
    subscription: 'trabajador',
    mode: 'key-shared',
    maxRedeliveries: 2,
    redeliveryDelayMs: 100,
    handler: async (message) => {
      if (!fixed) throw new Error('envenenado: la base de datos lo rechaza');
      applied.push((JSON.parse(message.body) as { id: string }).id);
    },
  });
});
afterAll(async () => {
  await consumer?.close();
  await bus?.close();
  await namespace?.remove();
});

describe('dead letters on Pulsar', () => {
  const id = '01a22e70-0000-7000-8000-00000000dl01';

  it('a message failing every attempt lands in <topic>-DLQ with its error; list shows it', async () => {
    await observed.publish(TOPIC, { key: 'k1', body: JSON.stringify({ id, type: 'Prueba' }), properties: { type: 'Prueba' } });
    await until(async () => (await stats().backlog(`${TOPIC}-DLQ`, 'dlq-replay', { createAtEarliest: true })) === 1, 60_000, 'one message in the DLQ');
    const output = await dlq('list', TOPIC);
    expect(output).toContain(`1 dead-lettered message(s) on ${TOPIC}-DLQ`);
    expect(output).toContain(`envelope ${id}`);
    expect(output).toContain('error: Error: envenenado: la base de datos lo rechaza');
    expect(output).toContain('subscription trabajador');
    expect(applied).toEqual([]);
    expect((await observed.consumerStatus())[0]).toMatchObject({ topic: TOPIC, subscription: 'trabajador', connected: true, backlog: 0, dlqSize: 1 });
  });

  it('once fixed, replay --id puts it back and it is applied once; the DLQ is empty', async () => {
    fixed = true;
    const output = await dlq('replay', TOPIC, '--id', id);
    expect(output).toContain(`replayed 1 message(s) onto ${TOPIC}`);
    await until(async () => applied.length === 1, 30_000, 'the replayed message applied');
    expect(await dlq('list', TOPIC)).toContain(`0 dead-lettered message(s) on ${TOPIC}-DLQ`);
    expect(applied).toEqual([id]);
  });
});
