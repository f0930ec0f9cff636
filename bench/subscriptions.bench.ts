// npm run bench:subscriptions [-- --fanout] [-- --cpu-prof] [-- --heap-snapshot]
// Live fan-out of campanaCreada to many graphql-ws clients, against a bare graphql-ws server in the same run.
//   - the clients: BENCH_SUBSCRIBERS (default 1,000; 10,000 with --fanout) in a process of their own
//     (support/subscriber-swarm.ts), half with each of two selections;
//   - the servers, one after the other, each its own process: our gateway (the npm start process) and the bare
//     baseline (support/subscription-targets.ts);
//   - BENCH_STALLED_CLIENTS (default 0) of the clients stop reading their sockets after the warm-up: what a slow
//     client costs the others shows in their figures and in the server's memory;
//   - the events: paced crearCampana mutations from this process, BENCH_EVENTS_PER_S (default 30) for
//     BENCH_DURATION_S (default 30, issue 17's sustained run) s; with --fanout, BENCH_FANOUT_EVENTS (default 3) single events one at a time.
// Every client authenticates as a user of its own (a marketing token with its own `sub` in
// connectionParams.authorization: the gateway admits WS_MAX_CONNECTIONS_PER_CLIENT connections per user), every
// mutation too (Authorization header); both servers verify the tokens (bench-auth.ts). The users share one role, so
// one authorization partition: the gateway may share executions and hydrations among them.
// Prints event → last subscriber and per delivery p50/p95/p99 (from the mutation; for the gateway also from the
// moment its bus reader got the event), deliveries/s, lost and duplicated, hydration operations (POSTs reaching
// the subgraphs, less the mutations), CPU per delivery, RSS per subscriber idle, after the run and after disconnect (for the gateway once its
// verified-token cache has let the tokens go, 75 s).
import { mkdirSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { cpuOfPid, cpuOfThisProcess, establishedConnections, startCpuWindow, type CpuWindow } from './support/cpu-meter.js';
import type { DeliveryReport, EventReference } from './support/delivery-stats.js';
import { paceMutations, sendCrearCampana, type SentEvent } from './support/event-pacer.js';
import { createBenchAuth } from './support/bench-auth.js';
import { forkBenchChild, type BenchChild } from './support/ipc.js';
import { PER_DELIVERY } from './support/cpu-profile-summary.js';
import { printProfile, profileDuring } from './support/profile-window.js';
import { startSubscriptionTarget, type Memory, type SubscriptionTarget, type TargetName } from './support/subscription-targets.js';
import { printTargetResult, printComparison, type TargetResult } from './support/subscription-report.js';
import { printHeapGrowth } from './support/heap-snapshot-diff.js';

const { values: flags } = parseArgs({
  options: {
    fanout: { type: 'boolean', default: false },
    'cpu-prof': { type: 'boolean', default: false },
    'heap-snapshot': { type: 'boolean', default: false },
  },
});
const FANOUT = flags.fanout;
const SUBSCRIBERS = Number(process.env.BENCH_SUBSCRIBERS ?? (FANOUT ? 10_000 : 1_000));
const EVENTS_PER_S = Number(process.env.BENCH_EVENTS_PER_S ?? 30);
const DURATION_S = Number(process.env.BENCH_DURATION_S ?? 30);
const FANOUT_EVENTS = Number(process.env.BENCH_FANOUT_EVENTS ?? 3);
/** How long the gateway may keep a verified token after its client left: 60 s and the sweep after it. */
const TOKEN_CACHE_LIFETIME_MS = 75_000;
const TARGETS = (process.env.BENCH_TARGETS ?? 'bare,gateway').split(',') as TargetName[];
/** Clients that stop reading their socket after the warm-up (slow clients); the others' figures show what they cost. */
const STALLED = Number(process.env.BENCH_STALLED_CLIENTS ?? 0);
// The first selection is covered by the event's own snapshot (CampanaSnapshot); the second asks for fields the
// snapshot lacks (metaConversiones, tags, creadaEn), so it needs the marketing subgraph whatever the gateway does.
const SELECTIONS = [
  'subscription { campanaCreada { eventoId campana { id nombre estado } } }',
  'subscription { campanaCreada { eventoId ocurridoEn campana { id nombre presupuesto metaConversiones tags creadaEn } } }',
];
const profileDir = flags['cpu-prof'] ? resolve(process.env.BENCH_CPU_PROF_DIR ?? 'artifacts/cpu-prof') : undefined;
if (profileDir) mkdirSync(profileDir, { recursive: true });
const heapDir = flags['heap-snapshot'] ? resolve(process.env.BENCH_HEAP_DIR ?? 'artifacts/heap') : undefined;
if (heapDir) mkdirSync(heapDir, { recursive: true });

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

console.log(
  `bench:subscriptions${FANOUT ? ' --fanout' : ''} — ${availableParallelism()} cores, load average ${loadavg()
    .map((value) => value.toFixed(2))
    .join(' ')}; ` +
    `${SUBSCRIBERS.toLocaleString('en-US')} graphql-ws clients in their own process, 2 selections (half each); ` +
    (FANOUT ? `${FANOUT_EVENTS} single events, one at a time` : `${EVENTS_PER_S} events/s for ${DURATION_S} s`) +
    (STALLED > 0 ? `; ${STALLED} of the clients stop reading after the warm-up (left out of the figures)` : ''),
);
const auth = createBenchAuth();
const marketing = await auth.authorization('marketing');
const subscriberAuthorizations = await Promise.all(Array.from({ length: SUBSCRIBERS }, (_, index) => auth.authorization('marketing', `marketing-${index}`)));
const swarm = forkBenchChild('./subscriber-swarm.ts', { ...process.env });
const results: TargetResult[] = [];
try {
  await swarm.ready;
  for (const name of TARGETS) {
    const target = await startSubscriptionTarget(name, auth.environment, profileDir);
    try {
      results.push(await measure(target, swarm));
      printTargetResult(results.at(-1)!, { fanout: FANOUT, eventsPerSecond: EVENTS_PER_S });
    } finally {
      await target.stop();
    }
  }
  printComparison(results, { fanout: FANOUT, subscribers: SUBSCRIBERS, eventsPerSecond: EVENTS_PER_S });
} finally {
  await swarm.stop();
  auth.remove();
}

async function measure(target: SubscriptionTarget, clients: BenchChild): Promise<TargetResult> {
  const before = await settledMemory(target);
  const startPath = heapDir && target.name === 'gateway' ? join(heapDir, 'gateway-start.heapsnapshot') : undefined;
  if (startPath) await target.child.call('heapSnapshot', startPath, 300_000);
  const { seconds: connectSeconds } = await clients.call<{ seconds: number }>('connect', {
    url: target.wsUrl,
    count: SUBSCRIBERS,
    selections: SELECTIONS,
    authorizations: subscriberAuthorizations,
  });
  const idle = await target.memory();
  if (heapDir && target.name === 'gateway') {
    const [beforePath, idlePath] = [join(heapDir, 'gateway-before.heapsnapshot'), join(heapDir, 'gateway-idle.heapsnapshot')];
    await clients.call('disconnect');
    await settledMemory(target);
    await target.child.call('heapSnapshot', beforePath, 300_000);
    await clients.call('connect', { url: target.wsUrl, count: SUBSCRIBERS, selections: SELECTIONS, authorizations: subscriberAuthorizations });
    await sleep(3_000); // the subscribe messages follow the connection acknowledgements
    await target.child.call('heapSnapshot', idlePath, 300_000);
    printHeapGrowth(beforePath, idlePath, SUBSCRIBERS, 'heap growth per idle subscriber');
    console.log('  (writing the snapshots grows the RSS: the RSS figures below are not comparable to a run without --heap-snapshot)');
  }
  // graphql-ws does not acknowledge a subscribe: events until one reaches every client prove all are registered
  // (and warm the paths up); not counted.
  let warm = false;
  for (let attempt = 0; attempt < 5 && !warm; attempt += 1) {
    const probe = await sendCrearCampana(target.httpUrl, marketing);
    warm = (await clients.call<{ all: boolean }>('waitForAll', { id: probe.id, timeoutMs: 60_000 })).all;
  }
  if (!warm) throw new Error(`${target.name}: no warm-up event reached all ${SUBSCRIBERS} clients`);
  await clients.call('reset');
  if (STALLED > 0) await clients.call('stall', { count: STALLED });
  await target.resetCounters();

  const sources = [...target.cpuSources, cpuOfPid('clients', clients.pid), cpuOfThisProcess('pacer')];
  const work = () => (FANOUT ? singleEvents(target, clients) : pacedEvents(target, clients));
  const profiled = profileDir ? [{ label: target.name === 'bare' ? 'bare' : 'stack', pid: target.pid }] : [];
  const endWindow = startCpuWindow(sources);
  const window = FANOUT ? 'fanout' : 'events';
  const { result: run, files } = profileDir ? await profileDuring(profileDir, profiled, window, work) : { result: await work(), files: [] };
  const cpu: CpuWindow = endWindow();

  const posts = await target.posts?.();
  const readTimes = await target.readTimes?.(run.sent.map((event) => event.id));
  const references: EventReference[] = run.sent.map((event) => ({
    id: event.id,
    sentAt: event.sentAt,
    ...(readTimes?.has(event.id) ? { readAt: readTimes.get(event.id)! } : {}),
  }));
  const report = await clients.call<DeliveryReport & { errors: string[]; completions: number }>('report', { references });
  const after = await target.memory();
  await clients.call('disconnect');
  // the gateway keeps each verified token up to 60 s for a client that comes back (VerificationCache, swept every
  // 15 s): "after all disconnected" is read once that lifetime is over
  if (target.name === 'gateway') await sleep(TOKEN_CACHE_LIFETIME_MS);
  const disconnected = await settledMemory(target);
  if (startPath) {
    // what the process still holds once every client has gone, against the snapshot taken before the first connected
    const disconnectedPath = join(heapDir!, 'gateway-disconnected.heapsnapshot');
    await target.child.call('heapSnapshot', disconnectedPath, 300_000);
    printHeapGrowth(startPath, disconnectedPath, SUBSCRIBERS, 'heap retained after all disconnected');
  }
  if (files[0])
    printProfile(
      `${target.name} process during the run`,
      files[0],
      Math.max(1, report.delivered),
      ((cpu.seconds.server ?? 0) * 1000) / Math.max(1, report.delivered),
      PER_DELIVERY,
    );
  return {
    target: target.name,
    title: target.title,
    subscribers: SUBSCRIBERS,
    connectSeconds,
    sent: run.sent,
    failures: run.failures,
    pacerMaxLagMs: run.maxLagMs,
    report,
    cpu,
    ...(posts ? { hydrationOperations: posts.marketing + posts.conversiones + posts.afiliados - run.sent.length - run.failures.length, posts } : {}),
    memory: { before, idle, after, disconnected },
  };
}

/**
 * Memory once the server has let go of the closed sockets: when no connection to its port is left (/proc/net/tcp)
 * and neither heap nor RSS moves by 2 % between two readings a second apart (at most 60 s in all). Also the baseline:
 * a freshly started stack gives back start-up pages for a while.
 */
async function settledMemory(target: SubscriptionTarget): Promise<Memory> {
  const port = Number(new URL(target.wsUrl).port);
  const deadline = Date.now() + 60_000;
  while ((establishedConnections(port) ?? 0) > 0 && Date.now() < deadline) await sleep(250);
  let previous = await target.memory();
  while (Date.now() < deadline) {
    await sleep(1_000);
    const current = await target.memory();
    const steady = (key: keyof Memory) => Math.abs(current[key] - previous[key]) < previous[key] * 0.02;
    if (steady('heapUsedBytes') && steady('rssBytes')) return current;
    previous = current;
  }
  return previous;
}

interface EventRun {
  sent: SentEvent[];
  failures: string[];
  maxLagMs: number;
}

async function pacedEvents(target: SubscriptionTarget, clients: BenchChild): Promise<EventRun> {
  const run = await paceMutations(target.httpUrl, marketing, EVENTS_PER_S, DURATION_S);
  await clients.call('waitUntilDelivered', { ids: run.sent.map((event) => event.id), quietMs: 10_000, timeoutMs: 300_000 }, 310_000);
  return run;
}

async function singleEvents(target: SubscriptionTarget, clients: BenchChild): Promise<EventRun> {
  const sent: SentEvent[] = [];
  for (let index = 0; index < FANOUT_EVENTS; index += 1) {
    const event = await sendCrearCampana(target.httpUrl, marketing);
    sent.push(event);
    await clients.call('waitForAll', { id: event.id, timeoutMs: 120_000 }, 130_000);
  }
  return { sent, failures: [], maxLagMs: 0 };
}
