// npm run bench:pulsar -w @alpes/messaging — WebSocket transport against the broker at PULSAR_WEB_URL
// (npm run pulsar:start first). Not a test: prints publish throughput, publish→consume latency p50/p95/p99 and
// the broker's RSS, for BENCH_MESSAGES messages (default 5,000) in two runs:
//   sequential: each publish awaited before the next (latency-bound, what an outbox relay does);
//   pipelined:  up to BENCH_WINDOW publishes (default 200) in flight on the topic's producer socket.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { PulsarWebSocketBus, type Bus } from '../src/index.js';

const MESSAGES = Number(process.env.BENCH_MESSAGES ?? 5_000);
const WINDOW = Number(process.env.BENCH_WINDOW ?? 200);
const WEB_URL = process.env.PULSAR_WEB_URL?.trim() || 'http://localhost:8080';
const BODY_PADDING = 'x'.repeat(Number(process.env.BENCH_BODY_BYTES ?? 300));

function brokerRss(): string {
  try {
    const pid = readFileSync(fileURLToPath(new URL('../../../pulsar/data/broker.pid', import.meta.url)), 'utf8').trim();
    const rss = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return rss ? `${(Number(rss) / 1024).toFixed(0)} MiB (pid ${pid})` : 'unknown';
  } catch {
    return 'unknown (no pulsar/data/broker.pid or /proc)';
  }
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
}

async function runOnce(bus: Bus, name: string, window: number): Promise<void> {
  const topic = `bench-${name}-${Date.now().toString(36)}`;
  const latencies: number[] = [];
  let received = 0;
  let allReceived!: () => void;
  const done = new Promise<void>((resolve) => (allReceived = resolve));
  const consumer = await bus.consume({
    topic,
    subscription: 'bench',
    mode: 'exclusive',
    handler: async (message) => {
      latencies.push(performance.timeOrigin + performance.now() - Number(message.properties.sentAt));
      received += 1;
      if (received === MESSAGES) allReceived();
    },
  });
  await bus.publish(`${topic}-warmup`, { key: 'w', body: 'warm-up' }); // opens a producer socket once before timing

  const started = performance.now();
  let next = 0;
  const worker = async () => {
    for (let index = next++; index < MESSAGES; index = next++) {
      const sentAt = String(performance.timeOrigin + performance.now());
      await bus.publish(topic, { key: `afiliado-${index % 50}`, body: JSON.stringify({ index, pad: BODY_PADDING }), properties: { sentAt } });
    }
  };
  await Promise.all(Array.from({ length: window }, worker));
  const publishedMs = performance.now() - started;
  await done;
  const consumedMs = performance.now() - started;
  await consumer.close();

  const sorted = [...latencies].sort((a, b) => a - b);
  const fmt = (ms: number) => `${ms.toFixed(1)} ms`;
  console.log(
    `${name.padEnd(10)} publish ${Math.round((MESSAGES / publishedMs) * 1000)} msg/s (${fmt(publishedMs)} for ${MESSAGES}); ` +
      `all consumed after ${fmt(consumedMs)}; publish→consume p50 ${fmt(percentile(sorted, 50))} p95 ${fmt(percentile(sorted, 95))} ` +
      `p99 ${fmt(percentile(sorted, 99))} max ${fmt(sorted.at(-1) ?? NaN)}; broker RSS ${brokerRss()}`,
  );
}

const bus = new PulsarWebSocketBus({ webUrl: WEB_URL, receiverQueueSize: 1_000 });
try {
  if (!(await bus.ready())) throw new Error(`Pulsar broker not reachable at ${WEB_URL}: start it with npm run pulsar:start`);
  console.log(`Pulsar WebSocket transport, ${MESSAGES} messages of ~${BODY_PADDING.length + 30} bytes; broker RSS before: ${brokerRss()}`);
  await runOnce(bus, 'sequential', 1);
  await runOnce(bus, 'pipelined', WINDOW);
} finally {
  await bus.close();
}
