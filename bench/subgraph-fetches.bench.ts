// npx tsx bench/subgraph-fetches.bench.ts — the subgraphs' side of the README query alone: the three fetches a gateway
// sends for it (afiliados page; conversiones and marketing `_entities` for the 5 affiliates; the campaigns' names come
// with the conversions, @provides), each driven by autocannon straight at its subgraph with a gateway-signed identity, no gateway in
// between. Prints per fetch req/s, p50/p99 and CPU ms per request of the subgraphs process and PostgreSQL, and their
// sum: the subgraphs' and PostgreSQL's CPU per README query, without the noise of two gateways on the same cores.
// The stack is bench:query's (stack-process.ts: the `npm start` stack in one process, embedded PostgreSQL with the demo
// data); BENCH_POSTGRES_PORT, BENCH_CONNECTIONS (10), BENCH_DURATION_S (5 per fetch), BENCH_ROUNDS (2),
// BENCH_NODE_ENV (production, as the Docker image runs; `development` leaves NODE_ENV unset, as before).
// `--cpu-prof` (`npx tsx bench/subgraph-fetches.bench.ts --cpu-prof`): then one more profiled run per fetch, with where the subgraphs process's CPU went per request
// (profiles in BENCH_CPU_PROF_DIR, default artifacts/cpu-prof).
import { mkdirSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { createBenchAuth } from './support/bench-auth.js';
import { cpuOfPid, cpuOfPostgres, cpuOfThisProcess } from './support/cpu-meter.js';
import { BENCH_NODE_ENV, PROFILE_PRELOAD, stackEnvironment } from './support/gateway-processes.js';
import { forkBenchChild } from './support/ipc.js';
import { printProfile, profileDuring } from './support/profile-window.js';
import { checkedQuery, formatRun, runLoad, totalsOf, type QueryTarget, type RunResult } from './support/query-runs.js';
import type { StackInfo } from './support/stack-process.js';

const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);
const DURATION_S = Number(process.env.BENCH_DURATION_S ?? 5);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);

const { values: flags } = parseArgs({ options: { 'cpu-prof': { type: 'boolean', default: false } } });
const profileDir = flags['cpu-prof'] ? resolve(process.env.BENCH_CPU_PROF_DIR ?? 'artifacts/cpu-prof') : undefined;
if (profileDir) mkdirSync(profileDir, { recursive: true });

const auth = createBenchAuth();
const stackProcess = forkBenchChild(
  './stack-process.ts',
  stackEnvironment({ ...auth.environment, ...(profileDir ? { BENCH_CPU_PROF_DIR: profileDir, BENCH_PROCESS_LABEL: 'subgraphs' } : {}) }),
  profileDir ? ['--import', PROFILE_PRELOAD] : [],
);
try {
  await stackProcess.ready;
  const stack = await stackProcess.call<StackInfo>('info');
  let identity = await auth.subgraphAuthorization('marketing');
  const renewal = setInterval(() => void auth.subgraphAuthorization('marketing').then((header) => (identity = header)), 10_000);
  const subgraphs = cpuOfPid('subgraphs', stack.pid);
  const others = [cpuOfPostgres('PostgreSQL', stack.postgresPort), cpuOfThisProcess('autocannon')];
  const target = (name: string, url: string): QueryTarget => ({ name, url, process: subgraphs, role: 'subgraphs', authorization: () => identity });
  const representations = (typename: string, ids: readonly string[]) => `[${ids.map((id) => `{ __typename: "${typename}", id: "${id}" }`).join(', ')}]`;

  // the fetches of the README query's plan, with the ids the first ones answer (as the gateway's plan passes them on)
  const page = '{ afiliados(first: 5) { totalCount nodes { __typename id nombre } } }';
  const afiliadoIds = ((await checkedQuery(target('afiliados', stack.urls.afiliados), page)) as { afiliados: { nodes: { id: string }[] } }).afiliados.nodes.map(
    (node) => node.id,
  );
  const afiliados = representations('Afiliado', afiliadoIds);
  const conversiones = `{ _entities(representations: ${afiliados}) { ... on Afiliado { conversiones(first: 3) { nodes { valor campana { nombre } } } } } }`;
  const fetches: [QueryTarget, string][] = [
    [target('afiliados: page + count', stack.urls.afiliados), page],
    [target('conversiones: _entities Afiliado', stack.urls.conversiones), conversiones],
    [
      target('marketing: _entities Afiliado', stack.urls.marketing),
      `{ _entities(representations: ${afiliados}) { ... on Afiliado { comisiones(first: 3) { totalCount nodes { monto estado } } } } }`,
    ],
  ];
  console.log(
    `subgraph fetches of the README query — ${availableParallelism()} cores, load average ${loadavg()
      .map((value) => value.toFixed(2))
      .join(' ')}; autocannon ${CONNECTIONS} connections, ${DURATION_S} s per fetch, ${ROUNDS} rounds; subgraphs process ${stack.pid}, ` +
      `NODE_ENV ${BENCH_NODE_ENV} (BENCH_NODE_ENV)`,
  );
  for (const [fetch, query] of fetches) {
    await checkedQuery(fetch, query);
    await runLoad(fetch, query, others, { connections: CONNECTIONS, durationS: 2 }); // JIT warm-up, not counted
  }
  const runs: RunResult[] = [];
  for (let round = 0; round < ROUNDS; round += 1) {
    for (const [fetch, query] of fetches) {
      const run = await runLoad(fetch, query, others, { connections: CONNECTIONS, durationS: DURATION_S });
      runs.push(run);
      console.log(formatRun(run));
    }
  }
  const perReadme: Record<string, number> = {};
  for (const [fetch] of fetches) {
    const totals = totalsOf(runs.filter((run) => run.target === fetch.name));
    for (const [process, ms] of Object.entries(totals.cpuMsPerRequest)) perReadme[process] = (perReadme[process] ?? 0) + (ms ?? Number.NaN);
  }
  console.log(
    `per README query (the 3 fetches summed): ${Object.entries(perReadme)
      .map(([process, ms]) => `${process} ${ms.toFixed(2)} ms`)
      .join(', ')}`,
  );
  if (profileDir) {
    console.log(`CPU profiles of one more run per fetch (${profileDir}); sampling slows the process, so throughput here is not comparable`);
    for (const [index, [fetch, query]] of fetches.entries()) {
      const processes = [{ label: 'subgraphs', pid: stack.pid }];
      const load = () => runLoad(fetch, query, others, { connections: CONNECTIONS, durationS: DURATION_S });
      const { result, files } = await profileDuring(profileDir, processes, `fetch-${index + 1}`, load);
      console.log(`\n${formatRun(result)}`);
      printProfile(`subgraphs process, ${fetch.name}`, files[0]!, result.requests, result.cpuMsPerRequest.subgraphs);
    }
  }
  clearInterval(renewal);
} finally {
  await stackProcess.stop();
  auth.remove();
}
