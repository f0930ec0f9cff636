// npm run bench:transports -w @alpes/messaging — the bus's publish + consume + acknowledge on the broker at
// PULSAR_WEB_URL / PULSAR_SERVICE_URL (npm run pulsar:start, npm run pulsar:native first), over the WebSocket transport,
// the native transport, and the native transport with the addon's upstream paths (native-upstream:
// PULSAR_NATIVE_COMPLETIONS=per-call and PULSAR_NATIVE_LISTENER=per-message, i.e. without the source patches of
// scripts/pulsar/completion-queue-patch.mjs and listener-queue-patch.mjs). Not a test: prints, per round and variant,
// messages/s until the last one was handled and acknowledged, and this process's CPU ms per message (its own threads,
// the native client's included). BENCH_MESSAGES per round (default 5,000), BENCH_WINDOW publishes in flight (200),
// BENCH_ROUNDS (3), the variants interleaved so that a change in the machine's load hits them all.
import { PulsarNativeBus, PulsarWebSocketBus, loadPulsarClient, type Bus } from '../src/index.js';

const MESSAGES = Number(process.env.BENCH_MESSAGES ?? 5_000);
const WINDOW = Number(process.env.BENCH_WINDOW ?? 200);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const WEB_URL = process.env.PULSAR_WEB_URL?.trim() || 'http://localhost:8080';
const SERVICE_URL = process.env.PULSAR_SERVICE_URL?.trim() || 'pulsar://localhost:6650';
const BODY_PADDING = 'x'.repeat(300);
const UPSTREAM_PATHS = { PULSAR_NATIVE_COMPLETIONS: 'per-call', PULSAR_NATIVE_LISTENER: 'per-message' };

interface Variant {
  readonly name: string;
  readonly bus: Bus;
  readonly env: Record<string, string>;
}

interface RoundResult {
  readonly messagesPerSecond: number;
  readonly cpuMsPerMessage: number;
  readonly eventLoopBusy: number;
}

/** One round: a fresh topic, its consumer (shared, acknowledging each message), MESSAGES publishes WINDOW at a time. */
async function round({ name, bus, env }: Variant, index: number): Promise<RoundResult> {
  Object.assign(process.env, env); // the addon reads them when the round's producer and consumer are created
  try {
    const topic = `bench-transports-${name}-${Date.now().toString(36)}-${index}`;
    let handled = 0;
    let allHandled!: () => void;
    const done = new Promise<void>((resolve) => (allHandled = resolve));
    const consumer = await bus.consume({
      topic,
      subscription: 'bench',
      mode: 'shared',
      handler: async () => {
        handled += 1;
        if (handled === MESSAGES) allHandled();
      },
    });
    await bus.publish(topic, { key: 'warm-up', body: 'warm-up' }); // the producer, before timing
    await new Promise<void>((resolve) => {
      const wait = () => (handled >= 1 ? resolve() : setTimeout(wait, 5));
      wait();
    });
    handled = 0;
    const cpuBefore = process.cpuUsage();
    const loopBefore = performance.eventLoopUtilization();
    const started = performance.now();
    let next = 0;
    const publisher = async () => {
      for (let message = next++; message < MESSAGES; message = next++) {
        await bus.publish(topic, { key: `afiliado-${message % 50}`, body: JSON.stringify({ message, pad: BODY_PADDING }) });
      }
    };
    await Promise.all(Array.from({ length: WINDOW }, publisher));
    await done;
    const elapsedMs = performance.now() - started;
    const cpu = process.cpuUsage(cpuBefore);
    const eventLoopBusy = performance.eventLoopUtilization(loopBefore).utilization;
    await consumer.close();
    return { messagesPerSecond: (MESSAGES / elapsedMs) * 1000, cpuMsPerMessage: (cpu.user + cpu.system) / 1000 / MESSAGES, eventLoopBusy };
  } finally {
    for (const variable of Object.keys(env)) delete process.env[variable];
  }
}

const median = (values: readonly number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;

const loaded = await loadPulsarClient();
const variants: Variant[] = [{ name: 'websocket', bus: new PulsarWebSocketBus({ webUrl: WEB_URL, receiverQueueSize: 1_000 }), env: {} }];
if (loaded.ok) {
  const native = () => PulsarNativeBus.create({ webUrl: WEB_URL, serviceUrl: SERVICE_URL, receiverQueueSize: 1_000 });
  variants.push({ name: 'native-upstream', bus: await native(), env: UPSTREAM_PATHS }, { name: 'native', bus: await native(), env: {} });
} else {
  console.log(`native transport LEFT OUT: ${loaded.reason} (npm run pulsar:native builds it)`);
}
try {
  console.log(
    `${MESSAGES} messages per round (window ${WINDOW}), ${ROUNDS} rounds, variants interleaved: ${variants.map((variant) => variant.name).join(', ')}`,
  );
  const results = new Map<string, RoundResult[]>(variants.map((variant) => [variant.name, []]));
  for (let index = 0; index < ROUNDS; index += 1) {
    for (const variant of variants) {
      const result = await round(variant, index);
      results.get(variant.name)!.push(result);
      console.log(
        `  round ${index + 1} ${variant.name.padEnd(15)} ${Math.round(result.messagesPerSecond).toLocaleString('en-US').padStart(6)} msg/s, ` +
          `CPU ${result.cpuMsPerMessage.toFixed(3)} ms per message, event loop busy ${(result.eventLoopBusy * 100).toFixed(0)} %`,
      );
    }
  }
  console.log('medians:');
  for (const [name, rounds] of results) {
    console.log(
      `  ${name.padEnd(15)} ${Math.round(median(rounds.map((result) => result.messagesPerSecond))).toLocaleString('en-US')} msg/s, ` +
        `CPU ${median(rounds.map((result) => result.cpuMsPerMessage)).toFixed(3)} ms per message`,
    );
  }
  const rate = (name: string) => median(results.get(name)?.map((result) => result.messagesPerSecond) ?? []);
  if (loaded.ok)
    console.log(
      `ratios of the medians: native / websocket ${(rate('native') / rate('websocket')).toFixed(2)}, native / native-upstream ${(rate('native') / rate('native-upstream')).toFixed(2)}`,
    );
} finally {
  for (const variant of variants) await variant.bus.close();
}
