// npm run bench:pulsar:processes — the production shape: afiliados, conversiones, marketing and the gateway each in
// its own process (npm run start -w …, as the README runs them), on fresh databases of the machine's PostgreSQL and a
// Pulsar namespace of their own on a running broker (npm run pulsar:start first). Not a test: prints numbers and ratios.
//   baseline: the bus alone. K messages published onto a scratch topic and consumed by a shared consumer in this
//             process: what the broker and the WebSocket transport carry with no database and no service.
//   (a) commands/s end to end: K CrearCampana envelopes (BENCH_COMMANDS, default 5,000) onto marketing.campanas.comandos
//       (BENCH_WINDOW in flight, default 200), timed until all K CampanaCreada are read back from marketing.eventos;
//       warm-up rounds of BENCH_WARMUP_COMMANDS (1,000) first, not counted (support/warm-up.ts).
//       CPU per process group while it runs: each service, the broker, the PostgreSQL server.
//   (b) mutation → campanaCreada at a graphql-ws client through the gateway process, BENCH_MUTATIONS (300) one at a time.
// Each Pulsar transport in turn (BENCH_TRANSPORTS, default "websocket,native"; every process and the bench's own client
// on it: PULSAR_CLIENT), then the ratios native / websocket (goal: commands/s ≥ 1.6×). native is left out, saying why,
// when its addon does not load (npm run pulsar:native builds it).
import { availableParallelism, loadavg } from 'node:os';
import { BATCHABLE_TOPICS, TOPICS } from '@alpes/contracts';
import { PulsarNativeBus, PulsarWebSocketBus, loadPulsarClient, type Bus } from '@alpes/messaging';
import { PULSAR_SERVICE_URL, PULSAR_WEB_URL, startProcessStack, subscribe, type ProcessStack } from '@alpes/testing';
import { formatPercentiles, percentiles } from './latency-stats.js';
import { crearCampanaCommand, publishWindowed, timedCrearCampana } from './support/bench-commands.js';
import { WARMUP_COMMANDS, warmUp } from './support/warm-up.js';
import { brokerPid, machineJiffies, postgresServerCpuSeconds, processCpuSeconds, processGroupCpuSeconds } from './support/resource-sampler.js';

const COMMANDS = Number(process.env.BENCH_COMMANDS ?? 5_000);
const WINDOW = Number(process.env.BENCH_WINDOW ?? 200);
const MUTATIONS = Number(process.env.BENCH_MUTATIONS ?? 300);
const TARGET_COMMANDS_PER_SECOND = 1_000;
const TARGET_P95_MS = 75;
const GOAL_NATIVE_OVER_WEBSOCKET = 1.6;

const difference = (from: number | undefined, to: number | undefined) => (from === undefined || to === undefined ? undefined : to - from);
const rate = (value: number) => `${Math.round(value).toLocaleString('en-US')}/s`;

/**
 * CPU of each component between start and stop, in cores and in ms per message (`count` messages in that time), and
 * how busy the whole machine was. Per message is the steadier figure on a shared machine.
 */
function cpuMeter(stack: ProcessStack) {
  const groups = Object.entries(stack.processes).map(([name, managed]) => [name, managed.pid] as const);
  const read = () => ({
    at: performance.now(),
    groups: groups.map(([name, pid]) => [name, processGroupCpuSeconds(pid)] as const),
    broker: processCpuSeconds(brokerPid()),
    postgres: postgresServerCpuSeconds(),
    bench: process.cpuUsage(),
    machine: machineJiffies(),
  });
  const before = read();
  return (count: number) => {
    const after = read();
    const seconds = (after.at - before.at) / 1000;
    const bench = process.cpuUsage(before.bench);
    const spent: [string, number | undefined][] = [
      ...groups.map(([name], index): [string, number | undefined] => [name, difference(before.groups[index]![1], after.groups[index]![1])]),
      ['broker', difference(before.broker, after.broker)],
      ['PostgreSQL', difference(before.postgres, after.postgres)],
      ['this bench', (bench.user + bench.system) / 1e6],
    ];
    const cores = spent.map(([name, cpu]) => `${name} ${cpu === undefined ? 'n/a' : (cpu / seconds).toFixed(2)}`);
    const perMessage = spent.map(([name, cpu]) => `${name} ${cpu === undefined ? 'n/a' : ((cpu * 1000) / count).toFixed(3)}`);
    const total = spent.reduce((sum, [, cpu]) => sum + (cpu ?? 0), 0);
    const busy =
      before.machine && after.machine ? (after.machine.busy - before.machine.busy) / Math.max(1, after.machine.total - before.machine.total) : undefined;
    return (
      `CPU in cores: ${cores.join(', ')}; machine (${availableParallelism()} cores) busy ${busy === undefined ? 'n/a' : `${Math.round(busy * 100)} %`}, load average ${loadavg()
        .map((load) => load.toFixed(2))
        .join(' ')}\n` + `           CPU ms per message: ${perMessage.join(', ')}; all of them ${((total * 1000) / count).toFixed(3)}`
    );
  };
}

/** K messages through the broker alone: published onto a scratch topic, consumed (and acked) here. */
async function busAlone(bus: Bus, count: number): Promise<number> {
  const topic = `bench-bus-alone-${Date.now().toString(36)}`;
  let received = 0;
  let allReceived!: () => void;
  const done = new Promise<void>((resolve) => (allReceived = resolve));
  const consumer = await bus.consume({
    topic,
    subscription: 'bench',
    mode: 'shared',
    maxInFlight: 200,
    handler: async () => {
      received += 1;
      if (received === count) allReceived();
    },
  });
  const messages = Array.from({ length: count }, (_, index) => crearCampanaCommand(index).message);
  const started = performance.now();
  await publishWindowed(bus, topic, messages, WINDOW);
  await done;
  const perSecond = (count / (performance.now() - started)) * 1000;
  await consumer.close();
  return perSecond;
}

/** K CrearCampana commands onto the marketing process's topic, until all K CampanaCreada are read back. */
async function commandsEndToEnd(bus: Bus, count: number): Promise<number> {
  const commands = Array.from({ length: count }, (_, index) => crearCampanaCommand(index));
  const expected = new Set(commands.map((command) => command.campanaId));
  let allSeen!: () => void;
  const done = new Promise<void>((resolve) => (allSeen = resolve));
  const reader = await bus.read({
    topic: TOPICS.marketingEventos,
    start: { from: 'latest' },
    handler: (message) => {
      if (message.properties.type === 'CampanaCreada' && expected.delete(message.key) && expected.size === 0) allSeen();
    },
  });
  const started = performance.now();
  await publishWindowed(
    bus,
    TOPICS.campanasComandos,
    commands.map((command) => command.message),
    WINDOW,
  );
  const stalled = setTimeout(() => console.error(`  still waiting: ${expected.size} of ${count} CampanaCreada not seen`), 120_000);
  await done;
  clearTimeout(stalled);
  const perSecond = (count / (performance.now() - started)) * 1000;
  await reader.close();
  return perSecond;
}

async function latency(gatewayUrl: string, authorization: string): Promise<number[]> {
  const live = subscribe<{ campanaCreada: { campana: { id: string } } }>(
    gatewayUrl,
    'subscription { campanaCreada { campana { id } } }',
    undefined,
    authorization,
  );
  const delivered: number[] = [];
  try {
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    for (let index = -20; index < MUTATIONS; index += 1) {
      const { start, receivedAt } = await timedCrearCampana(gatewayUrl, authorization, live, index);
      if (index >= 0) delivered.push(receivedAt - start); // the first 20 warm up
    }
  } finally {
    await live.dispose();
  }
  return delivered;
}

process.env.LOG_LEVEL ??= 'warn';
type PulsarTransport = 'websocket' | 'native';
const wanted = (process.env.BENCH_TRANSPORTS ?? 'websocket,native')
  .split(',')
  .map((name) => name.trim())
  .filter(Boolean) as PulsarTransport[];
const nativeLoad = await loadPulsarClient();
const transports = wanted.filter((name) => {
  if (name === 'native' && !nativeLoad.ok) {
    console.log(`native transport LEFT OUT: ${nativeLoad.reason} (npm run pulsar:native builds it)`);
    return false;
  }
  return name === 'websocket' || name === 'native';
});
console.log(
  `AlpesPartner in production shape on Pulsar (${PULSAR_WEB_URL}, ${transports.join(' then ')}): ${COMMANDS} commands (window ${WINDOW}), ` +
    `${MUTATIONS} mutations; ${availableParallelism()} CPU cores`,
);

interface TransportResult {
  baseline: number;
  busCpu: string;
  system: number;
  systemCpu: string;
  delivered: number[];
}

async function runOn(transport: PulsarTransport): Promise<TransportResult> {
  const stack = await startProcessStack({ logLevel: 'warn', pulsarClient: transport });
  const bus =
    transport === 'native'
      ? await PulsarNativeBus.create({
          webUrl: PULSAR_WEB_URL,
          serviceUrl: PULSAR_SERVICE_URL,
          namespace: stack.pulsarNamespace,
          batchedTopics: BATCHABLE_TOPICS,
        })
      : new PulsarWebSocketBus({ webUrl: PULSAR_WEB_URL, namespace: stack.pulsarNamespace, batchedTopics: BATCHABLE_TOPICS });
  try {
    const pids = Object.entries(stack.processes).map(([name, managed]) => `${name} ${managed.pid}`);
    console.log(`  ${transport}: stack up in namespace public/${stack.pulsarNamespace}: ${pids.join(', ')} (process groups)`);

    await busAlone(bus, WARMUP_COMMANDS);
    const meterBus = cpuMeter(stack);
    const baseline = await busAlone(bus, COMMANDS);
    const busCpu = meterBus(COMMANDS);

    const warmRates = await warmUp((count) => commandsEndToEnd(bus, count));
    console.log(`  ${transport}: warm-up rounds of ${WARMUP_COMMANDS} commands (not counted): ${warmRates.map(rate).join(', ')}`);
    const meter = cpuMeter(stack);
    const system = await commandsEndToEnd(bus, COMMANDS);
    const systemCpu = meter(COMMANDS);
    const delivered = await latency(stack.gatewayUrl, stack.admin);
    return { baseline, busCpu, system, systemCpu, delivered };
  } catch (error) {
    console.error(stack.describe(60));
    throw error;
  } finally {
    await bus.close();
    await stack.stop();
  }
}

const results = new Map<PulsarTransport, TransportResult>();
for (const transport of transports) results.set(transport, await runOn(transport));

for (const [transport, result] of results) {
  console.log(`\n${transport}:`);
  console.log(`(baseline) the bus alone: ${COMMANDS} messages published and consumed   ${rate(result.baseline)}`);
  console.log(`           ${result.busCpu}`);
  console.log(`(a) commands end to end, every service in its own process      ${rate(result.system)}`);
  console.log(`           ${result.systemCpu}`);
  console.log(
    `ratio system / bus alone: ${(result.system / result.baseline).toFixed(2)}; target ≥ ${TARGET_COMMANDS_PER_SECOND.toLocaleString('en-US')} commands/s: ` +
      `${result.system >= TARGET_COMMANDS_PER_SECOND ? 'MET' : 'NOT MET'} (${rate(result.system)})`,
  );
  console.log(`(b) ${formatPercentiles('mutation → campanaCreada (gateway process)', result.delivered)}`);
  const p95 = percentiles(result.delivered).p95;
  console.log(`target p95 ≤ ${TARGET_P95_MS} ms: ${p95 <= TARGET_P95_MS ? 'MET' : 'NOT MET'} (${p95.toFixed(1)} ms)`);
}
const native = results.get('native');
const webSocket = results.get('websocket');
if (native && webSocket) {
  const ratio = native.system / webSocket.system;
  console.log(`\nnative / websocket (this run):`);
  console.log(`  bus alone ${(native.baseline / webSocket.baseline).toFixed(2)}`);
  console.log(`  commands/s end to end ${ratio.toFixed(2)} (goal ≥ ${GOAL_NATIVE_OVER_WEBSOCKET}): ${ratio >= GOAL_NATIVE_OVER_WEBSOCKET ? 'MET' : 'NOT MET'}`);
  console.log(`  p95 mutation → campanaCreada ${(percentiles(native.delivered).p95 / percentiles(webSocket.delivered).p95).toFixed(2)}`);
}
