// npm run bench:tracing
// What OpenTelemetry tracing at 10 % sampling costs the gateway (issue 14: metrics on and tracing at 10 % cost ≤ 5 %
// of the README query's req/s), same run:
//   - the subgraphs: one process running the stack as `npm start` does (bench/support/stack-process.ts), untraced;
//   - two gateways of ours (`npm run start -w gateway`, SUPERGRAPH_FILE), each its own process, both with their
//     Prometheus metrics (always on: every operation is counted and timed): tracing off (no OTEL_* set: the SDK is not
//     loaded), and tracing on with OTEL_TRACES_SAMPLER=parentbased_traceidratio, OTEL_TRACES_SAMPLER_ARG=0.1,
//     exporting OTLP/HTTP (protobuf) to a sink in this process that reads and drops what it gets;
//   - the README query, autocannon (BENCH_CONNECTIONS, default 10; BENCH_DURATION_S, default 10), BENCH_ROUNDS
//     (default 4: an even number, so that on and off get the same places in the order on, off, off, on, on, off…)
//     rounds alternating on / off after a warm-up of both at once (BENCH_WARMUP_S, default 20: the same load, at the
//     same time, for each, and the shared subgraphs and PostgreSQL warm before either is measured); prints the ratio
//     on/off of req/s (goal ≥ 0.95) and of the gateway's CPU per request, and how many export requests the sink got
//     (tracing really ran);
//   - --concurrent (for a shared, noisy machine): a third gateway, untraced too (the control), and each round loads
//     all three at once (support/concurrent-rounds.ts); prints the ratios of gateway CPU per request on/off and
//     control/off (how far two identical gateways differ: the noise floor). req/s is shared there, not compared;
//   - --cpu-prof: then one more run per gateway under V8's sampling profiler (profile-on-signal.mjs), printing where
//     each gateway's CPU went per request (files in BENCH_CPU_PROF_DIR, default artifacts/cpu-prof).
// The subgraph side of a sampled request (one server span per fetch) is not in the figure: the shared subgraph
// process stays untraced so that the baseline's requests are not traced there.
import { mkdirSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { availableParallelism, loadavg } from 'node:os';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { cpuOfGroup, cpuOfPid, cpuOfPostgres, cpuOfThisProcess, type CpuSource } from './support/cpu-meter.js';
import { startOurGateway, writeSupergraphFor, type GatewayProcess } from './support/gateway-processes.js';
import { createBenchAuth } from './support/bench-auth.js';
import { forkBenchChild } from './support/ipc.js';
import { printProfile, profileDuring } from './support/profile-window.js';
import { concurrentRounds } from './support/concurrent-rounds.js';
import { alternatingRounds, checkedQuery, formatOnOff, formatRun, onOffRatios, runLoad, totalsOf, type QueryTarget } from './support/query-runs.js';
import type { StackInfo } from './support/stack-process.js';

const DURATION_S = Number(process.env.BENCH_DURATION_S ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 4);
// After 3 s of warm-up the first measured run (tracing on, in round 1) was the slowest of every bench, the untraced
// subgraphs' CPU per request included: the stack was still warming up. Warmed one after the other (10 s each), the
// first measured run was still on's: both are now warmed together, 20 s
const WARMUP_S = Number(process.env.BENCH_WARMUP_S ?? 20);
const SAMPLE_RATIO = process.env.BENCH_SAMPLE_RATIO ?? '0.1';
const { values: flags } = parseArgs({ options: { 'cpu-prof': { type: 'boolean', default: false }, concurrent: { type: 'boolean', default: false } } });
const profileDir = flags['cpu-prof'] ? resolve(process.env.BENCH_CPU_PROF_DIR ?? 'artifacts/cpu-prof') : undefined;
if (profileDir) mkdirSync(profileDir, { recursive: true });

const README_QUERY =
  '{ afiliados(first: 5) { totalCount nodes { nombre conversiones(first: 3) { nodes { valor campana { nombre } } } comisiones(first: 3) { totalCount nodes { monto estado } } } } }';

/** An OTLP/HTTP endpoint that reads every export and answers 200, counting requests and bytes. */
async function startOtlpSink() {
  const received = { requests: 0, bytes: 0 };
  const server = createServer((request, response) => {
    request.on('data', (chunk: Buffer) => (received.bytes += chunk.length));
    request.on('end', () => {
      received.requests += 1;
      response.writeHead(200).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { endpoint: `http://127.0.0.1:${port}`, received, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

console.log(
  `bench:tracing — ${availableParallelism()} cores, load average ${loadavg()
    .map((value) => value.toFixed(2))
    .join(' ')}; ` +
    `autocannon ${CONNECTIONS} connections, ${DURATION_S} s per run, warm-up ${WARMUP_S} s of all at once, ${ROUNDS} rounds ${flags.concurrent ? 'of tracing on, off and a control (off) all at once' : 'alternating tracing on / off'}, ${Number(SAMPLE_RATIO) * 100} % sampled; ` +
    'metrics on in both; marketing token on every request',
);
const auth = createBenchAuth();
const sink = await startOtlpSink();
const stackProcess = forkBenchChild('./stack-process.ts', { ...process.env, LOG_LEVEL: 'warn', ...auth.environment });
const stopAll: (() => Promise<unknown>)[] = [async () => auth.remove(), () => sink.close(), () => stackProcess.stop()];
try {
  await stackProcess.ready;
  const stack = await stackProcess.call<StackInfo>('info');
  const marketing = await auth.authorization('marketing');
  const supergraph = writeSupergraphFor(stack);
  const tracing = {
    OTEL_EXPORTER_OTLP_ENDPOINT: sink.endpoint,
    OTEL_SERVICE_NAME: 'gateway',
    OTEL_TRACES_SAMPLER: 'parentbased_traceidratio',
    OTEL_TRACES_SAMPLER_ARG: SAMPLE_RATIO,
  };
  const on = await startOurGateway(supergraph.ours, auth.environment, profileDir, { name: `tracing on (${SAMPLE_RATIO} sampled)`, environment: tracing });
  stopAll.push(() => on.managed.stop());
  const off = await startOurGateway(supergraph.ours, auth.environment, profileDir, { name: 'tracing off (no OTEL_*)', environment: {} });
  stopAll.push(() => off.managed.stop());
  const control = flags.concurrent
    ? await startOurGateway(supergraph.ours, auth.environment, undefined, { name: 'control (no OTEL_*)', environment: {} })
    : undefined;
  if (control) stopAll.push(() => control.managed.stop());
  console.log(
    `processes: subgraphs ${stack.pid}, tracing on ${on.nodePid}, tracing off ${off.nodePid}${control ? `, control ${control.nodePid}` : ''}; OTLP sink ${sink.endpoint}\n`,
  );

  const others: CpuSource[] = [cpuOfPid('subgraphs', stack.pid), cpuOfPostgres('PostgreSQL', stack.postgresPort), cpuOfThisProcess('autocannon')];
  const targetOf = (gateway: GatewayProcess, name: string): QueryTarget => ({
    name,
    url: gateway.url,
    process: cpuOfGroup(gateway.name, gateway.groupId),
    role: 'gateway',
    authorization: marketing,
  });
  const targets = [targetOf(on, 'tracing on'), targetOf(off, 'tracing off')];
  const [answerOn, answerOff] = await Promise.all(targets.map((target) => checkedQuery(target, README_QUERY)));
  if (JSON.stringify(answerOn) !== JSON.stringify(answerOff)) throw new Error('the two gateways answer the README query differently');

  console.log('README query (3 subgraphs, 3 fetches)');
  const measured = control ? [...targets, targetOf(control, 'control')] : targets;
  // warm-up: all at once, each with its own connections
  await Promise.all(measured.map((target) => runLoad(target, README_QUERY, others, { connections: CONNECTIONS, durationS: WARMUP_S })));
  const exportsBefore = sink.received.requests;
  const exports = () =>
    `OTLP exports received during the runs: ${sink.received.requests - exportsBefore} (${(sink.received.bytes / 1024).toFixed(0)} KiB in all)`;
  if (control) {
    const runs = await concurrentRounds(measured, README_QUERY, others, { connections: CONNECTIONS, durationS: DURATION_S, rounds: ROUNDS });
    const cpu = (name: string) => totalsOf(runs.filter((run) => run.target === name)).cpuMsPerRequest.gateway!;
    console.log(
      `  all at once, gateway CPU ms/request: on ${cpu('tracing on').toFixed(3)}, off ${cpu('tracing off').toFixed(3)}, control ${cpu('control').toFixed(3)}; ` +
        `ratio on/off ${(cpu('tracing on') / cpu('tracing off')).toFixed(3)}, control/off ${(cpu('control') / cpu('tracing off')).toFixed(3)} (the noise floor); ${exports()}`,
    );
  } else {
    const runs = await alternatingRounds(targets, README_QUERY, others, { connections: CONNECTIONS, durationS: DURATION_S, rounds: ROUNDS });
    const ratios = onOffRatios(runs, 'tracing on', 'tracing off');
    console.log(`${formatOnOff(ratios, 5)} (ratio ${(ratios.cpuOn! / ratios.cpuOff!).toFixed(3)}); ${exports()}`);
  }
  if (sink.received.requests === exportsBefore) throw new Error('the traced gateway exported nothing: tracing did not run');
  if (profileDir) {
    console.log(`\nCPU profiles of one more README-query run per gateway (${profileDir}); sampling slows the processes, so throughput here is not comparable`);
    for (const [target, gateway] of [
      [targets[0]!, on],
      [targets[1]!, off],
    ] as const) {
      const label = gateway.name.split(' ')[0]!; // BENCH_PROCESS_LABEL, as startOurGateway set it
      const load = () => runLoad(target, README_QUERY, others, { connections: CONNECTIONS, durationS: DURATION_S });
      const window = `readme-query-${target.name.replace(' ', '-')}`;
      const { result, files } = await profileDuring(profileDir, [{ label, pid: gateway.nodePid }], window, load);
      console.log(`\n${formatRun(result)}`);
      printProfile(`${gateway.name} gateway process`, files[0]!, result.requests, result.cpuMsPerRequest.gateway);
    }
  }
} finally {
  for (const stop of stopAll.reverse()) await stop().catch((error: unknown) => console.error('stop failed:', error));
}
