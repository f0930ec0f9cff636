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
import { availableParallelism } from 'node:os';
import { TOPICS } from '@alpes/contracts';
import { busConfigFromEnv, loadPulsarClient } from '@alpes/messaging';
import { assertBrokerReachable } from '@alpes/testing';
import { formatPercentiles, percentiles } from './latency-stats.js';
import { forkBenchChild } from './support/ipc.js';
import type { BusName, Measured, PulsarTransport } from './support/pulsar-bus-run.js';
import { brokerRss, brokerUptimeSeconds } from './support/resource-sampler.js';
import { ms, pipelineCpuPerCommand, printThroughput, rate } from './support/throughput-report.js';

const COMMANDS = Number(process.env.BENCH_COMMANDS ?? 20_000);
const WINDOW = Number(process.env.BENCH_WINDOW ?? 200);
const MUTATIONS = Number(process.env.BENCH_MUTATIONS ?? 500);
const TARGET_COMMANDS_PER_SECOND = 1_000;
const TARGET_P95_MS = 75;
const GOALS = { nativeOverWebSocket: 1.6, nativeOverMemory: 0.9, p95NativeOverMemory: 1.1 };
/** A broker younger than this gets a note: its first run is not comparable (its JIT still warming). */
const WARM_BROKER_S = 600;

const pulsarConfig = busConfigFromEnv({ ...process.env, BUS: 'pulsar' }).config;
await assertBrokerReachable(pulsarConfig.transport === 'pulsar' ? pulsarConfig.webUrl : undefined);

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

/**
 * Each bus is measured in a process of its own (support/pulsar-bus-run.ts, one after the other): in one process the
 * later buses paid for the earlier ones' heap and leftovers. The orchestrator only prints.
 */
async function inOwnProcess(bus: BusName): Promise<Measured> {
  const child = forkBenchChild('./pulsar-bus-run.ts', { ...process.env, BENCH_PULSAR_BUS: bus, ...(bus === 'native-upstream' ? UPSTREAM_PATHS : {}) });
  try {
    await child.ready;
    return await child.call<Measured>('measure', undefined, 3_600_000);
  } finally {
    await child.stop();
  }
}

console.log(
  `AlpesPartner on Pulsar (${transports.join(' and ')} transport, ${pulsarConfig.transport === 'pulsar' ? `${pulsarConfig.webUrl} / ${pulsarConfig.serviceUrl}` : ''}, a namespace per run) vs MemoryBus; ` +
    `${COMMANDS} commands (window ${WINDOW}), ${MUTATIONS} mutations; ` +
    `workers apply up to 2 transactions of up to 100 commands at once (group commit); each bus in a process of its own; ${availableParallelism()} CPU cores`,
);
const rssBefore = brokerRss();
console.log(`broker RSS before: ${rssBefore}`);
const brokerUptime = brokerUptimeSeconds();
if (brokerUptime !== undefined && brokerUptime < WARM_BROKER_S) {
  console.log(
    `NOTE: the broker started ${brokerUptime.toFixed(0)} s ago. A new broker's first run spent up to 2× the broker CPU per native command of the ` +
      'runs after it (its JIT still warming; bench/README-perf.md, note of 17:12): compare the runs after this one.',
  );
}
const results = new Map<string, Measured>();
for (const bus of ['memory', ...transports] as const) results.set(bus, await inOwnProcess(bus));
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
  // the run is CPU-bound on a machine the broker shares: the ratio cannot pass memory's CPU per command over native's
  const cpu = (name: BusName) => pipelineCpuPerCommand(results.get(name)!.throughput, COMMANDS);
  const [onMemoryCpu, onNativeCpu] = [cpu('memory'), cpu('native')];
  console.log(
    `  (not the goal: CPU ms per command, node + broker + PostgreSQL: memory ${onMemoryCpu.total.toFixed(3)}, native ${onNativeCpu.total.toFixed(3)}; ` +
      `their ratio ${(onMemoryCpu.total / onNativeCpu.total).toFixed(2)} is what the cores allow native / memory; with the broker's CPU alone added to ` +
      `memory's (a native client costing nothing), ${(onMemoryCpu.total / (onMemoryCpu.total + onNativeCpu.broker - onMemoryCpu.broker)).toFixed(2)})`,
  );
  goal('p95 mutation → event native / memory', p95Of('native') / p95Of('memory'), GOALS.p95NativeOverMemory, false);
  if (results.has('native-upstream'))
    console.log(`  commands/s native / native-upstream (the addon patches): ${(cpsOf('native')! / cpsOf('native-upstream')!).toFixed(2)}`);
}

console.log(`\n(c) broker RSS: before ${rssBefore}; after ${rssAfter}`);
