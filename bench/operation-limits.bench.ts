// npm run bench:limits
// What the operation limits and the cost analysis (issue 10) cost, and how fast they refuse the attack query:
//   - the subgraphs: one process running the stack as `npm start` does (bench/support/stack-process.ts);
//   - two gateways of ours (`npm run start -w gateway`, SUPERGRAPH_FILE), each its own process: limits on (the
//     defaults) and LIMITS_ENABLED=false, the baseline in the same run;
//   - the README query, autocannon (BENCH_CONNECTIONS, default 10; BENCH_DURATION_S, default 10), BENCH_ROUNDS
//     (default 3) rounds alternating on / off after a warm-up of each; the ratio on/off of req/s (goal ≥ 0.97:
//     overhead ≤ 3 %);
//   - the attack query (depth 12) and a wide query within the depth limit but over the cost budget, at the gateway with
//     limits on: BENCH_ATTACK_REQUESTS (default 2,000) requests one after the other, timed each (p50/p99; goal p99 ≤
//     20 ms), then an autocannon flood of each; the subgraphs' POSTs meanwhile (must be 0) and the gateway's RSS
//     before and after.
import { readFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import autocannon from 'autocannon';
import { cpuOfGroup, cpuOfPid, cpuOfPostgres, cpuOfThisProcess, type CpuSource } from './support/cpu-meter.js';
import { startOurGateway, writeSupergraphFor, type GatewayProcess } from './support/gateway-processes.js';
import { createBenchAuth } from './support/bench-auth.js';
import { forkBenchChild } from './support/ipc.js';
import { percentiles } from './latency-stats.js';
import { alternatingRounds, checkedQuery, formatOnOff, onOffRatios, runLoad, type QueryTarget } from './support/query-runs.js';
import type { StackCounters, StackInfo } from './support/stack-process.js';

const DURATION_S = Number(process.env.BENCH_DURATION_S ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const WARMUP_S = Number(process.env.BENCH_WARMUP_S ?? 3);
const ATTACK_REQUESTS = Number(process.env.BENCH_ATTACK_REQUESTS ?? 2_000);

const README_QUERY =
  '{ afiliados(first: 5) { totalCount nodes { nombre conversiones(first: 3) { nodes { valor campana { nombre } } } comisiones(first: 3) { totalCount nodes { monto estado } } } } }';
const ATTACKS = {
  'attack query (issue 10, depth 12)': {
    query:
      '{ afiliados(first: 100) { nodes { comisiones(first: 100) { nodes { afiliado { comisiones(first: 100) { nodes { afiliado { comisiones(first: 100) { nodes { afiliado { nombre } } } } } } } } } } } }',
    code: 'MAX_DEPTH_LIMIT',
  },
  'wide query (depth 6, cost 20,201)': {
    query: '{ afiliados(first: 100) { nodes { comisiones(first: 100) { nodes { afiliado { nombre } } } } } }',
    code: 'COST_ESTIMATED_TOO_EXPENSIVE',
  },
} as const;

console.log(
  `bench:limits — ${availableParallelism()} cores, load average ${loadavg()
    .map((value) => value.toFixed(2))
    .join(' ')}; ` +
    `autocannon ${CONNECTIONS} connections, ${DURATION_S} s per run, ${ROUNDS} rounds alternating limits on / off; marketing token on every request`,
);
const auth = createBenchAuth();
const stackProcess = forkBenchChild('./stack-process.ts', { ...process.env, LOG_LEVEL: 'warn', ...auth.environment });
const stopAll: (() => Promise<unknown>)[] = [async () => auth.remove(), () => stackProcess.stop()];
try {
  await stackProcess.ready;
  const stack = await stackProcess.call<StackInfo>('info');
  const marketing = await auth.authorization('marketing');
  const supergraph = writeSupergraphFor(stack);
  const on = await startOurGateway(supergraph.ours, auth.environment, undefined, { name: 'limits on (defaults)', environment: {} });
  stopAll.push(() => on.managed.stop());
  const off = await startOurGateway(supergraph.ours, auth.environment, undefined, {
    name: 'limits off (LIMITS_ENABLED=false)',
    environment: { LIMITS_ENABLED: 'false' },
  });
  stopAll.push(() => off.managed.stop());
  console.log(`processes: subgraphs ${stack.pid}, limits on ${on.nodePid}, limits off ${off.nodePid}\n`);

  const others: CpuSource[] = [cpuOfPid('subgraphs', stack.pid), cpuOfPostgres('PostgreSQL', stack.postgresPort), cpuOfThisProcess('autocannon')];
  const targetOf = (gateway: GatewayProcess, name: string): QueryTarget => ({
    name,
    url: gateway.url,
    process: cpuOfGroup(gateway.name, gateway.groupId),
    role: 'gateway',
    authorization: marketing,
  });
  const targets = [targetOf(on, 'limits on'), targetOf(off, 'limits off')];

  // the off gateway really runs without limits: it executes what the other refuses (a small over-depth query)
  const overDepth =
    '{ afiliados(first: 1) { nodes { comisiones(first: 1) { nodes { afiliado { comisiones(first: 1) { nodes { afiliado { comisiones(first: 1) { nodes { afiliado { nombre } } } } } } } } } } } }';
  await checkedQuery(targets[1]!, overDepth);
  const [answerOn, answerOff] = await Promise.all(targets.map((target) => checkedQuery(target, README_QUERY)));
  if (JSON.stringify(answerOn) !== JSON.stringify(answerOff)) throw new Error('the two gateways answer the README query differently');

  console.log('README query (3 subgraphs, 3 fetches)');
  for (const target of targets) await runLoad(target, README_QUERY, others, { connections: CONNECTIONS, durationS: WARMUP_S }); // warm-up
  const runs = await alternatingRounds(targets, README_QUERY, others, { connections: CONNECTIONS, durationS: DURATION_S, rounds: ROUNDS });
  console.log(`${formatOnOff(onOffRatios(runs, 'limits on', 'limits off'), 3)}\n`);

  for (const [title, attack] of Object.entries(ATTACKS)) {
    const body = JSON.stringify({ query: attack.query });
    const post = () => fetch(on.url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: marketing }, body });
    const first = await post();
    const answer = (await first.json()) as { errors?: { extensions?: Record<string, unknown> }[] };
    if (first.status !== 400 || answer.errors?.[0]?.extensions?.code !== attack.code)
      throw new Error(`${title}: expected HTTP 400 ${attack.code}, got ${first.status} ${JSON.stringify(answer)}`);
    for (let index = 0; index < 200; index += 1) await (await post()).arrayBuffer(); // warm-up
    await stackProcess.call('resetCounters');
    const rss = [rssOf(on.nodePid)];
    const samples: number[] = [];
    for (const half of [1, 2]) {
      for (let index = 0; index < ATTACK_REQUESTS / 2; index += 1) {
        const started = performance.now();
        const response = await post();
        await response.arrayBuffer();
        samples.push(performance.now() - started);
        if (response.status !== 400) throw new Error(`${title}: answered ${response.status} (half ${half})`);
      }
      rss.push(rssOf(on.nodePid));
    }
    const flood = await autocannon({
      url: on.url,
      method: 'POST',
      connections: CONNECTIONS,
      duration: Math.min(DURATION_S, 5),
      headers: { 'content-type': 'application/json', authorization: marketing },
      body,
    });
    rss.push(rssOf(on.nodePid));
    const counters = await stackProcess.call<StackCounters>('counters');
    const subgraphPosts = counters.posts.afiliados + counters.posts.conversiones + counters.posts.marketing;
    const { p50, p99, max } = percentiles(samples);
    console.log(`${title}: HTTP 400 ${attack.code}`);
    console.log(`  one at a time: n=${samples.length}  p50 ${p50.toFixed(2)} ms  p99 ${p99.toFixed(2)} ms  max ${max.toFixed(2)} ms  (goal p99 ≤ 20 ms)`);
    console.log(
      `  flood, ${CONNECTIONS} connections: ${(flood.requests.total / flood.duration).toFixed(0)} rejections/s  p50 ${flood.latency.p50} ms  p99 ${flood.latency.p99} ms  non-400 answers ${flood.requests.total - flood['4xx']}`,
    );
    const [before, firstHalf, secondHalf, afterFlood] = rss.map(mib) as [number, number, number, number];
    console.log(
      `  subgraph POSTs meanwhile: ${subgraphPosts}; gateway RSS ${before} MiB → ${firstHalf} (first ${ATTACK_REQUESTS / 2}, ${signed(firstHalf - before)}) → ` +
        `${secondHalf} (next ${ATTACK_REQUESTS / 2}, ${signed(secondHalf - firstHalf)}) → ${afterFlood} MiB after the flood (${signed(afterFlood - secondHalf)})\n`,
    );
  }
} finally {
  for (const stop of stopAll.reverse()) await stop().catch((error: unknown) => console.error('stop failed:', error));
}

function rssOf(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8')
    .split('\n')
    .find((candidate) => candidate.startsWith('VmRSS:'));
  return Number(line?.match(/(\d+)/)?.[1] ?? NaN) * 1024;
}
function mib(bytes: number): number {
  return Math.round((bytes / 1024 / 1024) * 10) / 10;
}
function signed(value: number): string {
  return `${value >= 0 ? '+' : ''}${value.toFixed(1)}`;
}
