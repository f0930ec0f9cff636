// One bus of bench:pulsar in a process of its own (forked by bench/pulsar-throughput.bench.ts through support/ipc.ts):
// run one after the other in one process, the later buses paid for the earlier ones' heap and leftovers (WebSocket
// 0.97 ms of node CPU per command run last, 0.60 run second; native 0.66–0.78 against 0.58). BENCH_PULSAR_BUS names
// the bus (memory, websocket, native, native-upstream); a Pulsar run gets a namespace of its own.
import { BATCHABLE_TOPICS } from '@alpes/contracts';
import { MemoryBus, PulsarNativeBus, PulsarWebSocketBus, busConfigFromEnv, createBus, type Bus, type PulsarBusConfig } from '@alpes/messaging';
import { startTestStack } from '@alpes/local-stack';
import { createPulsarNamespace } from '@alpes/testing';
import { serveIpc } from './ipc.js';
import { measureLatency, type LatencyResult } from './mutation-latency.js';
import { measureThroughput, type ThroughputResult } from './pipeline-throughput.js';
import { ProfilingBus } from './profiling-bus.js';
import { WARMUP_COMMANDS, warmUp } from './warm-up.js';
import { profileInProcess } from './in-process-profile.js';
import { printProfile } from './profile-window.js';
import { withStatementStats } from './statement-stats.js';
import { formatEventLoop, watchEventLoop } from './event-loop-watch.js';
import { rate } from './throughput-report.js';

export type BusName = 'memory' | PulsarTransport;
export type PulsarTransport = 'websocket' | 'native' | 'native-upstream';
export interface Measured {
  throughput: ThroughputResult;
  latency: LatencyResult;
}

const COMMANDS = Number(process.env.BENCH_COMMANDS ?? 20_000);
const WINDOW = Number(process.env.BENCH_WINDOW ?? 200);
const MUTATIONS = Number(process.env.BENCH_MUTATIONS ?? 500);
/** BENCH_CPU_PROF_DIR: V8's CPU profile of this process over (a) and (b), summarised per command and per mutation. */
const PROFILE_DIR = process.env.BENCH_CPU_PROF_DIR;
const PER_COMMAND = { name: 'command', plural: 'commands', factor: 1, symbol: 'ms' };
const PER_MUTATION = { name: 'mutation', plural: 'mutations', factor: 1, symbol: 'ms' };
const isNative = (transport: PulsarTransport) => transport !== 'websocket';

process.env.LOG_LEVEL ??= 'warn';
const bus = process.env.BENCH_PULSAR_BUS as BusName;
const pulsarSettings: PulsarBusConfig = (() => {
  const { config, problems } = busConfigFromEnv({ ...process.env, BUS: 'pulsar', PULSAR_CLIENT: 'websocket' });
  if (problems.length > 0 || config.transport !== 'pulsar') throw new Error(`invalid Pulsar settings: ${problems.join('; ')}`);
  return config;
})();
// A namespace per Pulsar run: the services' fixed subscription names meet no other stack, a transport's gateway does
// not replay another's traffic at start, and nothing goes to public/default (where a later stack would replay it).
const benchNamespace = bus === 'memory' ? undefined : await createPulsarNamespace(pulsarSettings.webUrl, 'bench');
const pulsar: PulsarBusConfig = { ...pulsarSettings, tenant: 'public', namespace: benchNamespace?.namespace ?? 'default' };
const opened: Bus[] = [];

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

/** (a) and (b) on this process's bus. */
async function measure(): Promise<Measured> {
  if (bus === 'memory') {
    const memory = new MemoryBus();
    opened.push(memory);
    return runOn('memory', memory, memory);
  }
  const { services, client } = await pulsarBuses(bus);
  opened.push(services, client);
  return runOn(bus, services, client);
}

serveIpc({
  measure,
  stop: async () => {
    for (const each of opened) await each.close();
    await benchNamespace?.remove();
    setImmediate(() => process.exit(0)); // the native client's threads would keep this process alive a while
  },
});
process.send!({ ready: true });
