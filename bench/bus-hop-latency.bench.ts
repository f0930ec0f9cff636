// npx tsx bench/bus-hop-latency.bench.ts — one message at a time through each bus (npm run pulsar:start first): how
// long the publish takes to be confirmed, and how long until a subscribed consumer has it. The broker's hop is paid
// twice on a command's path (the command, then its event), so this is the floor under bench:pulsar's (b) on Pulsar.
// Baseline: the in-process MemoryBus in the same run. Not a test: prints numbers.
// BENCH_HOPS (default 500 per round), 2 rounds (the first warms the broker's JIT up).
import { loadPulsarClient, MemoryBus, PulsarNativeBus, PulsarWebSocketBus, type Bus } from '@alpes/messaging';
import { assertBrokerReachable, createPulsarNamespace, PULSAR_SERVICE_URL, PULSAR_WEB_URL } from '@alpes/testing';
import { formatPercentiles } from './latency-stats.js';

const HOPS = Number(process.env.BENCH_HOPS ?? 500);

async function measureHops(name: string, bus: Bus, topic: string): Promise<void> {
  let arrived: (at: number) => void = () => {};
  const consumer = await bus.consume({
    topic,
    subscription: 'hops',
    mode: 'shared',
    initialPosition: 'latest',
    handler: async () => arrived(performance.now()),
  });
  const confirmed: number[] = [];
  const delivered: number[] = [];
  for (let index = 0; index < HOPS; index += 1) {
    const arrival = new Promise<number>((resolve) => (arrived = resolve));
    const start = performance.now();
    await bus.publish(topic, { key: `key-${index}`, body: JSON.stringify({ index }) });
    confirmed.push(performance.now() - start);
    delivered.push((await arrival) - start);
  }
  await consumer.close();
  console.log(formatPercentiles(`${name}: publish confirmed`, confirmed));
  console.log(formatPercentiles(`${name}: publish → consumer has it`, delivered));
}

await assertBrokerReachable(PULSAR_WEB_URL);
const { namespace, remove } = await createPulsarNamespace(PULSAR_WEB_URL, 'hops');
const batchedTopics = ['batched'];
const buses: [string, Bus, string][] = [
  ['memory', new MemoryBus(), 'plain'],
  ['websocket', new PulsarWebSocketBus({ webUrl: PULSAR_WEB_URL, namespace }), 'plain'],
  ['websocket, batched topic', new PulsarWebSocketBus({ webUrl: PULSAR_WEB_URL, namespace, batchedTopics }), 'batched'],
];
const native = await loadPulsarClient();
if (native.ok) {
  const options = { webUrl: PULSAR_WEB_URL, serviceUrl: PULSAR_SERVICE_URL, namespace };
  buses.push(['native', await PulsarNativeBus.create(options), 'plain']);
  buses.push(['native, batched topic', await PulsarNativeBus.create({ ...options, batchedTopics }), 'batched']);
} else console.log(`native transport LEFT OUT: ${native.reason} (npm run pulsar:native builds it)`);
try {
  console.log(`one message at a time, ${HOPS} per round, namespace public/${namespace}`);
  for (const round of [1, 2]) {
    console.log(`\nround ${round}${round === 1 ? ' (warm-up)' : ''}`);
    for (const [name, bus, topic] of buses) await measureHops(name, bus, `${topic}-${name.split(',')[0]}`);
  }
} finally {
  for (const [, bus] of buses) await bus.close();
  await remove();
}
