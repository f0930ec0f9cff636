// npm run bench:pulsar — the system on a real Apache Pulsar broker (npm run pulsar:start first), over the WebSocket
// transport and over the native pulsar-client (npm run pulsar:native), against the same system on the in-process
// MemoryBus (baseline), in the same run. Not a test: prints numbers and ratios.
//   (a) commands/s end to end: K CrearCampana command envelopes (BENCH_COMMANDS, default 5,000) published straight
//       onto marketing.campanas.comandos as fast as the bus confirms them (BENCH_WINDOW in flight, default 200),
//       timed until all K CampanaCreada events are seen on marketing.eventos (command → worker transaction with
//       inbox + campaign + outbox → outbox relay → event). A profile splits the time: bus publish, worker, relay.
//       Warm-up rounds of BENCH_WARMUP_COMMANDS (1,000) run first, not counted (support/warm-up.ts): a broker just
//       started spends much of its CPU in its JIT compiler.
//   (b) mutation → subscription latency: BENCH_MUTATIONS (default 500) crearCampana mutations one at a time through
//       the gateway, a graphql-ws client subscribed to campanaCreada { campana { id } }.
//   (c) broker RSS (ps -o rss= -p <pulsar/data/broker.pid>).
// Targets: ≥ 1,000 commands/s; p95 ≤ 75 ms. Goals of the native transport, as ratios of this run: commands/s native ≥
// 1.6× WebSocket and ≥ 0.9× memory; p95 mutation → event native ≤ 1.1× memory. BENCH_TRANSPORTS (default
// "websocket,native") picks the Pulsar transports; native is left out, saying why, when its addon does not load.
import { execFileSync } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { BATCHABLE_TOPICS, TOPICS } from '@alpes/contracts';
import {
  MemoryBus,
  PulsarNativeBus,
  PulsarWebSocketBus,
  busConfigFromEnv,
  createBus,
  loadPulsarClient,
  type Bus,
  type PulsarBusConfig,
} from '@alpes/messaging';
import { startTestStack } from '@alpes/local-stack';
import { assertBrokerReachable, createPulsarNamespace, subscribe } from '@alpes/testing';
import { formatPercentiles, percentiles } from './latency-stats.js';
import { crearCampanaCommand, publishWindowed, timedCrearCampana } from './support/bench-commands.js';
import { ProfilingBus } from './support/profiling-bus.js';
import { WARMUP_COMMANDS, warmUp } from './support/warm-up.js';
import { brokerPid, sampleResources, type Resources } from './support/resource-sampler.js';

const COMMANDS = Number(process.env.BENCH_COMMANDS ?? 5_000);
const WINDOW = Number(process.env.BENCH_WINDOW ?? 200);
const MUTATIONS = Number(process.env.BENCH_MUTATIONS ?? 500);
const TARGET_COMMANDS_PER_SECOND = 1_000;
const TARGET_P95_MS = 75;
const GOALS = { nativeOverWebSocket: 1.6, nativeOverMemory: 0.9, p95NativeOverMemory: 1.1 };

process.env.LOG_LEVEL ??= 'warn';
const pulsarSettings: PulsarBusConfig = (() => {
  const { config, problems } = busConfigFromEnv({ ...process.env, BUS: 'pulsar', PULSAR_CLIENT: 'websocket' });
  if (problems.length > 0 || config.transport !== 'pulsar') throw new Error(`invalid Pulsar settings: ${problems.join('; ')}`);
  return config;
})();
// A namespace of its own: the services' fixed subscription names meet no other stack, and the bench's traffic stays out
// of public/default (where a later stack's gateway would replay it at start).
await assertBrokerReachable(pulsarSettings.webUrl);
const benchNamespace = await createPulsarNamespace(pulsarSettings.webUrl, 'bench');
const pulsar: PulsarBusConfig = { ...pulsarSettings, tenant: 'public', namespace: benchNamespace.namespace };

// ---------------------------------------------------------------------------------------------------------------

function brokerRss(): string {
  const pid = brokerPid();
  if (!pid) return 'unknown (no pulsar/data/broker.pid)';
  try {
    const kib = Number(execFileSync('ps', ['-o', 'rss=', '-p', pid], { encoding: 'utf8' }).trim());
    return `${(kib / 1024).toFixed(0)} MiB (pid ${pid})`;
  } catch {
    return `unknown (ps -p ${pid} failed)`;
  }
}

interface ThroughputResult {
  publishMs: number;
  workerDoneMs: number;
  endToEndMs: number;
  commandsPerSecond: number;
  publishPerSecond: number;
  handler: { count: number; p50: number; p95: number; meanMs: number; busyParallelism: number; ratesByFifth: number[] };
  relay: { publishes: number; p50: number; p95: number; firstMs: number; lastMs: number };
  resources: Resources;
  readers: { messages: number; ms: number };
}

/** (a): K commands onto the command topic; until all K CampanaCreada are on marketing.eventos. */
async function throughput(profiled: ProfilingBus, publisher: Bus, observer: Bus, postgresPort: string, count: number): Promise<ThroughputResult> {
  const commands = Array.from({ length: count }, (_, index) => crearCampanaCommand(index));
  const expected = new Set<string>(commands.map((command) => command.campanaId));
  let seen = 0;
  let allSeen!: () => void;
  const done = new Promise<void>((resolve) => (allSeen = resolve));
  const reader = await observer.read({
    topic: TOPICS.marketingEventos,
    start: { from: 'latest' },
    handler: (message) => {
      if (message.properties.type === 'CampanaCreada' && expected.delete(message.key)) {
        seen += 1;
        if (seen === count) allSeen();
      }
    },
  });
  await publisher.publish(TOPICS.campanasComandos, crearCampanaCommand(-1).message); // opens the producer before timing
  await new Promise((resolve) => setTimeout(resolve, 1_000));
  profiled.record(true);
  const resources = sampleResources(postgresPort);
  const started = performance.now();
  await publishWindowed(
    publisher,
    TOPICS.campanasComandos,
    commands.map((command) => command.message),
    WINDOW,
  );
  const publishMs = performance.now() - started;
  const timeout = setTimeout(() => console.error(`still waiting: ${seen}/${count} CampanaCreada seen`), 120_000);
  await done;
  clearTimeout(timeout);
  const endToEndMs = performance.now() - started;
  const used = resources();
  profiled.record(false);
  await reader.close();

  const handlerSpans = profiled.handlerSpans;
  const durations = handlerSpans.map((span) => span.end - span.start);
  const busy = durations.reduce((sum, ms) => sum + ms, 0);
  const workerDoneMs = Math.max(...handlerSpans.map((span) => span.end)) - started;
  const relaySpans = [...(profiled.publishSpans.get(TOPICS.marketingEventos) ?? []), ...(profiled.publishSpans.get(TOPICS.resultadosComandos) ?? [])];
  const relayDurations = relaySpans.map((span) => span.end - span.start);
  const handlerStats = percentiles(durations);
  const relayStats = percentiles(relayDurations);
  return {
    publishMs,
    workerDoneMs,
    endToEndMs,
    commandsPerSecond: (count / endToEndMs) * 1000,
    publishPerSecond: (count / publishMs) * 1000,
    handler: {
      count: durations.length,
      p50: handlerStats.p50,
      p95: handlerStats.p95,
      meanMs: busy / Math.max(1, durations.length),
      busyParallelism: busy / workerDoneMs,
      ratesByFifth: [0, 1, 2, 3, 4].map((fifth) => {
        const from = (workerDoneMs / 5) * fifth;
        const to = (workerDoneMs / 5) * (fifth + 1);
        return (handlerSpans.filter((span) => span.end - started > from && span.end - started <= to).length / (to - from)) * 1000;
      }),
    },
    relay: {
      publishes: relaySpans.length,
      p50: relayStats.p50,
      p95: relayStats.p95,
      firstMs: Math.min(...relaySpans.map((span) => span.start)) - started,
      lastMs: Math.max(...relaySpans.map((span) => span.end)) - started,
    },
    resources: used,
    readers: [...profiled.readerMs.values()].reduce((sum, spent) => ({ messages: sum.messages + spent.messages, ms: sum.ms + spent.ms }), {
      messages: 0,
      ms: 0,
    }),
  };
}

interface LatencyResult {
  accepted: number[];
  delivered: number[];
  /** Per mutation, adding up to `delivered`: sent → the worker starts the command (gateway, subgraph, command publish,
   * bus delivery), the worker's transaction, → the event is confirmed (outbox relay + bus publish), → the client has it
   * (gateway reader + hydration + graphql-ws). */
  stages: { delivery: number[]; transaction: number[]; relay: number[]; gateway: number[] };
}

/** (b): one crearCampana at a time; time until its campanaCreada reaches a subscribed graphql-ws client. */
async function latency(gatewayUrl: string, authorization: string, profiled: ProfilingBus): Promise<LatencyResult> {
  const stages: LatencyResult['stages'] = { delivery: [], transaction: [], relay: [], gateway: [] };
  profiled.marking = true;
  const live = subscribe<{ campanaCreada: { campana: { id: string } } }>(
    gatewayUrl,
    'subscription { campanaCreada { campana { id } } }',
    undefined,
    authorization,
  );
  const accepted: number[] = [];
  const delivered: number[] = [];
  try {
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    for (let index = -20; index < MUTATIONS; index += 1) {
      const { id, start, acceptedMs, receivedAt } = await timedCrearCampana(gatewayUrl, authorization, live, index);
      if (index < 0) continue; // warm-up
      accepted.push(acceptedMs);
      delivered.push(receivedAt - start);
      const mark = profiled.marks.get(id);
      if (mark?.handlerStart !== undefined && mark.handlerEnd !== undefined && mark.eventPublished !== undefined) {
        stages.delivery.push(mark.handlerStart - start);
        stages.transaction.push(mark.handlerEnd - mark.handlerStart);
        stages.relay.push(mark.eventPublished - mark.handlerEnd);
        stages.gateway.push(receivedAt - mark.eventPublished);
      }
    }
  } finally {
    profiled.marking = false;
    await live.dispose();
  }
  return { accepted, delivered, stages };
}

async function runOn(name: string, bus: Bus, observer: Bus): Promise<{ throughput: ThroughputResult; latency: LatencyResult }> {
  const profiled = new ProfilingBus(bus);
  const startedAt = performance.now();
  const stack = await startTestStack({ bus: profiled, seed: { afiliados: 5, conversiones: 10 } });
  try {
    // The gateway's comando(correlationId) tracker replays the command topics and comandos.resultados of the last
    // 24 h at start (all earlier runs' traffic on a persistent broker): measure steady state, after it caught up.
    while (performance.now() - Math.max(profiled.lastReadAt, startedAt) < 1_500 && performance.now() - startedAt < 300_000) {
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    console.log(
      `  ${name}: stack up; the gateway's readers replayed ${profiled.readerMessagesTotal.toLocaleString('en-US')} messages at start (the last ${(Math.max(0, profiled.lastReadAt - startedAt) / 1000).toFixed(1)} s after the start began)`,
    );
    const postgresPort = new URL(stack.databaseUrls.marketing).port;
    const warmRates = await warmUp(async (count) => (await throughput(profiled, observer, observer, postgresPort, count)).commandsPerSecond);
    if (warmRates.length > 0) console.log(`  ${name}: warm-up rounds of ${WARMUP_COMMANDS} commands (not counted): ${warmRates.map(rate).join(', ')}`);
    const measured = await throughput(profiled, observer, observer, postgresPort, COMMANDS);
    console.log(`  ${name}: (a) done in ${(measured.endToEndMs / 1000).toFixed(1)} s`);
    const latencies = await latency(stack.gatewayUrl, stack.admin, profiled);
    console.log(`  ${name}: (b) done`);
    return { throughput: measured, latency: latencies };
  } finally {
    await stack.stop();
  }
}

const ms = (value: number) => `${value.toFixed(1)} ms`;
const percent = (value: number) => `${Math.round(value * 100)} %`;
const cores = (value: number | undefined) => (value === undefined ? 'n/a' : value.toFixed(2));
const othersCores = (used: Resources) =>
  used.machineBusy === undefined
    ? undefined
    : Math.max(0, used.machineBusy * availableParallelism() - used.nodeCores - (used.postgresCores ?? 0) - (used.brokerCores ?? 0));
const rate = (value: number) => `${Math.round(value).toLocaleString('en-US')}/s`;

function printThroughput(name: string, result: ThroughputResult): void {
  const { handler, relay } = result;
  console.log(
    `${name.padEnd(8)} commands/s end to end ${rate(result.commandsPerSecond).padStart(8)}  (all ${COMMANDS} CampanaCreada seen after ${ms(result.endToEndMs)})\n` +
      `         bus: ${COMMANDS} commands confirmed in ${ms(result.publishMs)} = ${rate(result.publishPerSecond)}\n` +
      `         worker: ${handler.count} handler runs, last done at ${ms(result.workerDoneMs)} = ${rate((handler.count / result.workerDoneMs) * 1000)}; ` +
      `transaction p50 ${ms(handler.p50)} p95 ${ms(handler.p95)} mean ${ms(handler.meanMs)}; average handlers running at once ${handler.busyParallelism.toFixed(2)}\n` +
      `         worker rate by fifth of the run: ${handler.ratesByFifth.map(rate).join(', ')}\n` +
      `         relay: ${relay.publishes} event/outcome publishes, ${ms(relay.firstMs)} → ${ms(relay.lastMs)}; each publish awaited p50 ${ms(relay.p50)} p95 ${ms(relay.p95)}\n` +
      `         gateway readers (command tracker, event hub): ${result.readers.messages} messages handled in the same process, ${ms(result.readers.ms)} inside their handlers\n` +
      `         CPU meanwhile (cores): this node process ${cores(result.resources.nodeCores)} (event loop busy ${percent(result.resources.eventLoopUtilization)}), ` +
      `stack's PostgreSQL ${cores(result.resources.postgresCores)}, broker ${cores(result.resources.brokerCores)}, ` +
      `anything else on the machine ${cores(othersCores(result.resources))}; machine (${availableParallelism()} cores) busy ${result.resources.machineBusy === undefined ? 'n/a' : percent(result.resources.machineBusy)}`,
  );
}

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

/** The services' bus (createBus, as connectBusFromEnvironment does) and the bench's own client, on one transport. */
async function pulsarBuses(transport: PulsarTransport): Promise<{ services: Bus; client: Bus }> {
  const services = await createBus({ ...pulsar, client: transport }, { batchedTopics: BATCHABLE_TOPICS });
  const expected = transport === 'native' ? PulsarNativeBus : PulsarWebSocketBus;
  if (!(services instanceof expected) || !services.isConnected()) {
    await services.close();
    throw new Error(`Pulsar broker not reachable at ${pulsar.webUrl} (${transport}): start it with npm run pulsar:start`);
  }
  const client =
    transport === 'native'
      ? await PulsarNativeBus.create({
          webUrl: pulsar.webUrl,
          serviceUrl: pulsar.serviceUrl,
          tenant: pulsar.tenant,
          namespace: pulsar.namespace,
          receiverQueueSize: 1_000,
        })
      : new PulsarWebSocketBus({ webUrl: pulsar.webUrl, tenant: pulsar.tenant, namespace: pulsar.namespace, receiverQueueSize: 1_000 });
  return { services, client };
}

const memory = new MemoryBus();
const opened: Bus[] = [];
try {
  console.log(
    `AlpesPartner on Pulsar (${transports.join(' and ')} transport, ${pulsar.webUrl} / ${pulsar.serviceUrl}, namespace public/${pulsar.namespace}) vs MemoryBus; ` +
      `${COMMANDS} commands (window ${WINDOW}), ${MUTATIONS} mutations; ` +
      `workers apply up to 2 transactions of up to 100 commands at once (group commit); ${availableParallelism()} CPU cores`,
  );
  const rssBefore = brokerRss();
  console.log(`broker RSS before: ${rssBefore}`);
  const results = new Map<string, { throughput: ThroughputResult; latency: LatencyResult }>();
  results.set('memory', await runOn('memory', memory, memory));
  for (const transport of transports) {
    const { services, client } = await pulsarBuses(transport);
    opened.push(services, client);
    results.set(transport, await runOn(transport, services, client));
    await client.close();
    await services.close();
  }
  const rssAfter = brokerRss();
  const onMemory = results.get('memory')!;

  console.log(
    `\n(a) commands end to end: ${COMMANDS} CrearCampana published onto ${TOPICS.campanasComandos} → ${COMMANDS} CampanaCreada on ${TOPICS.marketingEventos}`,
  );
  for (const [name, result] of results) printThroughput(name, result.throughput);
  const cpsOf = (name: string) => results.get(name)?.throughput.commandsPerSecond;
  for (const transport of transports) {
    const cps = cpsOf(transport)!;
    console.log(
      `ratio ${transport} / memory: ${(cps / onMemory.throughput.commandsPerSecond).toFixed(2)}; ` +
        `target ≥ ${TARGET_COMMANDS_PER_SECOND.toLocaleString('en-US')} commands/s: ${cps >= TARGET_COMMANDS_PER_SECOND ? 'MET' : 'NOT MET'} (${rate(cps)})`,
    );
  }

  console.log(`\n(b) mutation → campanaCreada at a graphql-ws client, ${MUTATIONS} crearCampana one at a time (after 20 warm-up)`);
  for (const [name, result] of results) {
    console.log(formatPercentiles(`${name}: mutation accepted (HTTP round trip)`, result.latency.accepted));
    console.log(formatPercentiles(`${name}: mutation → campanaCreada`, result.latency.delivered));
  }
  for (const [name, result] of results) {
    console.log(`  ${name}, where the time goes (per mutation; the stages add up to mutation → campanaCreada):`);
    console.log(formatPercentiles('    sent → worker starts (gateway, command, bus)', result.latency.stages.delivery));
    console.log(formatPercentiles('    worker transaction', result.latency.stages.transaction));
    console.log(formatPercentiles('    → event confirmed (outbox relay + bus)', result.latency.stages.relay));
    console.log(formatPercentiles('    → client (reader, hydration, graphql-ws)', result.latency.stages.gateway));
  }
  const p95Of = (name: string) => percentiles(results.get(name)!.latency.delivered).p95;
  for (const transport of transports) {
    const p95 = p95Of(transport);
    console.log(
      `ratio p95 ${transport} / memory: ${(p95 / p95Of('memory')).toFixed(2)}; ` +
        `target p95 ≤ ${TARGET_P95_MS} ms: ${p95 <= TARGET_P95_MS ? 'MET' : 'NOT MET'} (${ms(p95)})`,
    );
  }

  if (results.has('native')) {
    const goal = (label: string, value: number, bound: number, atLeast: boolean) =>
      console.log(`  ${label}: ${value.toFixed(2)} (goal ${atLeast ? '≥' : '≤'} ${bound}): ${(atLeast ? value >= bound : value <= bound) ? 'MET' : 'NOT MET'}`);
    console.log('\ngoals of the native transport (ratios of this run):');
    if (results.has('websocket')) goal('commands/s native / websocket', cpsOf('native')! / cpsOf('websocket')!, GOALS.nativeOverWebSocket, true);
    goal('commands/s native / memory', cpsOf('native')! / cpsOf('memory')!, GOALS.nativeOverMemory, true);
    goal('p95 mutation → event native / memory', p95Of('native') / p95Of('memory'), GOALS.p95NativeOverMemory, false);
  }

  console.log(`\n(c) broker RSS: before ${rssBefore}; after ${rssAfter}`);
} finally {
  for (const bus of opened) await bus.close();
  await memory.close();
  await benchNamespace.remove();
}
