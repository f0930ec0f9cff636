// npm run bench:pulsar — the system on a real Apache Pulsar broker (npm run pulsar:start first), over the WebSocket
// transport and over the native pulsar-client (npm run pulsar:native), against the same system on the in-process
// MemoryBus (baseline), in the same run. Not a test: prints numbers and ratios.
//   (a) commands/s end to end: K CrearCampana command envelopes (BENCH_COMMANDS, default 20,000: a run of 5,000
//       lasted 2–8 s, short enough for one scheduling hiccup to move a ratio by tenths) published straight
//       onto marketing.campanas.comandos as fast as the bus confirms them (BENCH_WINDOW in flight, default 200),
//       timed until all K CampanaCreada events are seen on marketing.eventos (command → worker transaction with
//       inbox + campaign + outbox → outbox relay → event). A profile splits the time: bus publish, worker, relay.
//       The publishing runs on this process's thread too (memory's costs nothing); the workers' rate once every
//       command was confirmed is printed beside the goal, to tell the pipeline from the load generator.
//       Warm-up rounds of BENCH_WARMUP_COMMANDS (1,000) run first, not counted (support/warm-up.ts): a broker just
//       started spends much of its CPU in its JIT compiler.
//   (b) mutation → subscription latency: BENCH_MUTATIONS (default 500) crearCampana mutations one at a time through
//       the gateway, a graphql-ws client subscribed to campanaCreada { campana { id } }.
//   (c) broker RSS (ps -o rss= -p <pulsar/data/broker.pid>).
// BENCH_CPU_PROF_DIR=<dir> profiles this process (the whole stack runs in it) over each transport's (a) and (b) and prints
// where its CPU went per command and per mutation (self time by layer and function, landmarks). BENCH_PG_STATEMENTS=1 prints PostgreSQL's
// top statements by execution time over each (a) (pg_stat_statements in the embedded server; support/statement-stats.ts).
// Targets: ≥ 1,000 commands/s; p95 ≤ 75 ms. Goals of the native transport, as ratios of this run: commands/s native ≥
// 1.6× WebSocket and ≥ 0.9× memory; p95 mutation → event native ≤ 1.1× memory. BENCH_TRANSPORTS (default
// "websocket,native") picks the Pulsar transports; native is left out, saying why, when its addon does not load.
// "native-upstream" is the native transport with the addon's upstream paths, for A/B of the source patches of
// npm run pulsar:native (UPSTREAM_PATHS: a thread-safe function per send and acknowledgement, completion-queue-patch.mjs;
// one message per listener call, listener-queue-patch.mjs). Set one of those variables for the whole run to A/B one patch.
import { fork } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
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
import { assertBrokerReachable, createPulsarNamespace } from '@alpes/testing';
import { formatPercentiles, percentiles } from './latency-stats.js';
import { measureLatency, type LatencyResult } from './support/mutation-latency.js';
import { measureThroughput, type ThroughputResult } from './support/pipeline-throughput.js';
import { ProfilingBus } from './support/profiling-bus.js';
import { WARMUP_COMMANDS, warmUp } from './support/warm-up.js';
import { brokerRss } from './support/resource-sampler.js';
import { profileInProcess } from './support/in-process-profile.js';
import { printProfile } from './support/profile-window.js';
import { withStatementStats } from './support/statement-stats.js';
import { formatEventLoop, watchEventLoop } from './support/event-loop-watch.js';
import { ms, printThroughput, rate } from './support/throughput-report.js';

const COMMANDS = Number(process.env.BENCH_COMMANDS ?? 20_000);
const WINDOW = Number(process.env.BENCH_WINDOW ?? 200);
const MUTATIONS = Number(process.env.BENCH_MUTATIONS ?? 500);
const TARGET_COMMANDS_PER_SECOND = 1_000;
const TARGET_P95_MS = 75;
/** BENCH_CPU_PROF_DIR: V8's CPU profile of this process over each transport's (a) and (b), summarised per command and per mutation. */
const PROFILE_DIR = process.env.BENCH_CPU_PROF_DIR;
const PER_COMMAND = { name: 'command', plural: 'commands', factor: 1, symbol: 'ms' };
const PER_MUTATION = { name: 'mutation', plural: 'mutations', factor: 1, symbol: 'ms' };
const GOALS = { nativeOverWebSocket: 1.6, nativeOverMemory: 0.9, p95NativeOverMemory: 1.1 };

process.env.LOG_LEVEL ??= 'warn';
const pulsarSettings: PulsarBusConfig = (() => {
  const { config, problems } = busConfigFromEnv({ ...process.env, BUS: 'pulsar', PULSAR_CLIENT: 'websocket' });
  if (problems.length > 0 || config.transport !== 'pulsar') throw new Error(`invalid Pulsar settings: ${problems.join('; ')}`);
  return config;
})();
/**
 * Each bus is measured in a process of its own (this script again, with BENCH_PULSAR_ONLY=<bus>): run one after the
 * other in one process, the later ones paid for the earlier ones' heap and leftovers (native 0.66 ms of node CPU per
 * command after WebSocket's run, 0.58 first; WebSocket 0.97 after native's, 0.60 first). The orchestrator prints.
 */
const ONLY = process.env.BENCH_PULSAR_ONLY as 'memory' | PulsarTransport | undefined;
await assertBrokerReachable(pulsarSettings.webUrl);
// A namespace per Pulsar run: the services' fixed subscription names meet no other stack, a transport's gateway does
// not replay another's traffic at start, and nothing goes to public/default (where a later stack would replay it).
const benchNamespace = ONLY && ONLY !== 'memory' ? await createPulsarNamespace(pulsarSettings.webUrl, 'bench') : undefined;
const pulsar: PulsarBusConfig = { ...pulsarSettings, tenant: 'public', namespace: benchNamespace?.namespace ?? 'default' };

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
    const warmRates = await warmUp(async (count) => (await measureThroughput(profiled, observer, observer, postgresPort, count, WINDOW)).commandsPerSecond);
    if (warmRates.length > 0) console.log(`  ${name}: warm-up rounds of ${WARMUP_COMMANDS} commands (not counted): ${warmRates.map(rate).join(', ')}`);
    const { result: measured, file } = await withStatementStats(`  ${name}: (a)`, stack.databaseUrls.marketing, COMMANDS, () =>
      profileInProcess(PROFILE_DIR, `pulsar-${name}`, () => measureThroughput(profiled, observer, observer, postgresPort, COMMANDS, WINDOW)),
    );
    console.log(`  ${name}: (a) done in ${(measured.endToEndMs / 1000).toFixed(1)} s`);
    const nodeCpuMsPerCommand = (measured.resources.nodeCores * measured.endToEndMs) / COMMANDS;
    if (file) printProfile(`  ${name}: this process during (a)`, file, COMMANDS, nodeCpuMsPerCommand, PER_COMMAND);
    const { result: watched, file: latencyProfile } = await profileInProcess(PROFILE_DIR, `pulsar-${name}-latency`, () =>
      watchEventLoop(() => measureLatency(stack.gatewayUrl, stack.admin, profiled, MUTATIONS)),
    );
    const latencies = watched.result;
    console.log(`  ${name}: (b) done; ${formatEventLoop(watched.loop)}`);
    if (latencyProfile) printProfile(`  ${name}: this process during (b)`, latencyProfile, MUTATIONS, undefined, PER_MUTATION);
    return { throughput: measured, latency: latencies };
  } finally {
    await stack.stop();
  }
}

type PulsarTransport = 'websocket' | 'native' | 'native-upstream';
/** Read by the addon whenever a producer or consumer is created (the services' are created during the run). */
const UPSTREAM_PATHS = { PULSAR_NATIVE_COMPLETIONS: 'per-call', PULSAR_NATIVE_LISTENER: 'per-message' };
const isNative = (transport: PulsarTransport) => transport !== 'websocket';
const wanted = (process.env.BENCH_TRANSPORTS ?? 'websocket,native')
  .split(',')
  .map((name) => name.trim())
  .filter(Boolean) as PulsarTransport[];
const nativeLoad = await loadPulsarClient();
const transports = wanted.filter((name) => {
  if (isNative(name) && !nativeLoad.ok) {
    console.log(`native transport LEFT OUT: ${nativeLoad.reason} (npm run pulsar:native builds it)`);
    return false;
  }
  return name === 'websocket' || name === 'native' || name === 'native-upstream';
});

/** The services' bus (createBus, as connectBusFromEnvironment does) and the bench's own client, on one transport. */
async function pulsarBuses(transport: PulsarTransport): Promise<{ services: Bus; client: Bus }> {
  const services = await createBus({ ...pulsar, client: isNative(transport) ? 'native' : 'websocket' }, { batchedTopics: BATCHABLE_TOPICS });
  const expected = isNative(transport) ? PulsarNativeBus : PulsarWebSocketBus;
  if (!(services instanceof expected) || !services.isConnected()) {
    await services.close();
    throw new Error(`Pulsar broker not reachable at ${pulsar.webUrl} (${transport}): start it with npm run pulsar:start`);
  }
  const client = isNative(transport)
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

type Measured = { throughput: ThroughputResult; latency: LatencyResult };

/** In the child: measures the one bus it was started for and sends the result to the orchestrator. */
async function measureOnly(name: 'memory' | PulsarTransport): Promise<void> {
  const opened: Bus[] = [];
  try {
    let result: Measured;
    if (name === 'memory') {
      const memory = new MemoryBus();
      opened.push(memory);
      result = await runOn('memory', memory, memory);
    } else {
      const { services, client } = await pulsarBuses(name);
      opened.push(services, client);
      result = await runOn(name, services, client);
    }
    await new Promise<void>((resolve, reject) => process.send!({ result }, (error: Error | null) => (error ? reject(error) : resolve())));
  } finally {
    for (const bus of opened) await bus.close();
    await benchNamespace?.remove();
  }
}

/** In the orchestrator: this script in a new process, measuring one bus. */
function inOwnProcess(name: 'memory' | PulsarTransport): Promise<Measured> {
  return new Promise((resolve, reject) => {
    const child = fork(fileURLToPath(import.meta.url), [], {
      execArgv: ['--import', 'tsx'],
      env: { ...process.env, BENCH_PULSAR_ONLY: name, ...(name === 'native-upstream' ? UPSTREAM_PATHS : {}) },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    let result: Measured | undefined;
    child.on('message', (message: { result: Measured }) => (result = message.result));
    child.once('error', reject);
    child.once('exit', (code, signal) => (result ? resolve(result) : reject(new Error(`the ${name} run ended (${signal ?? code}) without a result`))));
  });
}

if (ONLY) {
  await measureOnly(ONLY);
  process.exit(0); // the native client's threads and the stack's pools would otherwise keep this child alive a while
}

console.log(
  `AlpesPartner on Pulsar (${transports.join(' and ')} transport, ${pulsar.webUrl} / ${pulsar.serviceUrl}, a namespace per run) vs MemoryBus; ` +
    `${COMMANDS} commands (window ${WINDOW}), ${MUTATIONS} mutations; ` +
    `workers apply up to 2 transactions of up to 100 commands at once (group commit); each bus in a process of its own; ${availableParallelism()} CPU cores`,
);
const rssBefore = brokerRss();
console.log(`broker RSS before: ${rssBefore}`);
const results = new Map<string, Measured>();
for (const name of ['memory', ...transports] as const) results.set(name, await inOwnProcess(name));
const rssAfter = brokerRss();
const onMemory = results.get('memory')!;

console.log(
  `\n(a) commands end to end: ${COMMANDS} CrearCampana published onto ${TOPICS.campanasComandos} → ${COMMANDS} CampanaCreada on ${TOPICS.marketingEventos}`,
);
for (const [name, result] of results) printThroughput(name, result.throughput, COMMANDS);
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
  console.log(formatPercentiles('      of which: confirmed → gateway reader has it', result.latency.readerHop));
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
  const afterPublish = (name: string) => results.get(name)?.throughput.handler.rateAfterPublish ?? results.get(name)?.throughput.commandsPerSecond;
  console.log(
    `  (not the goal: the workers' rate once every command was on the broker, native / memory ${(afterPublish('native')! / afterPublish('memory')!).toFixed(2)}; ` +
      `before that, the stack's own process also publishes the ${COMMANDS.toLocaleString('en-US')} commands, which costs memory nothing: bench/README-perf.md)`,
  );
  goal('p95 mutation → event native / memory', p95Of('native') / p95Of('memory'), GOALS.p95NativeOverMemory, false);
  if (results.has('native-upstream'))
    console.log(`  commands/s native / native-upstream (the addon patches): ${(cpsOf('native')! / cpsOf('native-upstream')!).toFixed(2)}`);
}

console.log(`\n(c) broker RSS: before ${rssBefore}; after ${rssAfter}`);
