// The two servers bench:subscriptions sends the same clients to, each a forked process of its own:
//   gateway: the stack as `npm start` runs it (stack-process.ts): gateway, subgraphs and memory bus in one process,
//            as they must be with the in-process bus; events are hydrated through the gateway;
//   bare:    bare-subscription-server.ts: graphql-ws + graphql-js alone.
// Both verify the clients' tokens (bench-auth.ts): the gateway as in production, the bare server with jose.
import { cpuOfPid, cpuOfPostgres, type CpuSource } from './cpu-meter.js';
import type { BenchAuth } from './bench-auth.js';
import { PROFILE_PRELOAD } from './gateway-processes.js';
import { forkBenchChild, type BenchChild } from './ipc.js';
import type { StackCounters, StackInfo } from './stack-process.js';

export type TargetName = 'gateway' | 'bare';

export interface Memory {
  rssBytes: number;
  heapUsedBytes: number;
}

export interface SubscriptionTarget {
  name: TargetName;
  title: string;
  httpUrl: string;
  wsUrl: string;
  pid: number;
  /** CPU of the serving process, and of its PostgreSQL when it has one. */
  cpuSources: CpuSource[];
  /** RSS and V8 heap in use after a forced GC (the process runs with --expose-gc). */
  memory(): Promise<Memory>;
  /** POSTs per server since the last reset (gateway only). */
  posts?(): Promise<StackCounters['posts']>;
  resetCounters(): Promise<void>;
  /** When the gateway's bus reader got each CampanaCreada, by campaign id (gateway only). */
  readTimes?(ids: string[]): Promise<Map<string, number>>;
  child: BenchChild;
  stop(): Promise<void>;
}

function childArgs(auth: BenchAuth['environment'], profileDir: string | undefined, label: string): { env: NodeJS.ProcessEnv; execArgv: string[] } {
  const env = { ...process.env, LOG_LEVEL: 'warn', ...auth, ...(profileDir ? { BENCH_CPU_PROF_DIR: profileDir, BENCH_PROCESS_LABEL: label } : {}) };
  return { env, execArgv: ['--expose-gc', ...(profileDir ? ['--import', PROFILE_PRELOAD] : [])] };
}

const wsOf = (url: string) => url.replace(/^http/, 'ws');

export async function startSubscriptionTarget(name: TargetName, auth: BenchAuth['environment'], profileDir?: string): Promise<SubscriptionTarget> {
  if (name === 'bare') {
    const { env, execArgv } = childArgs(auth, profileDir, 'bare');
    const child = forkBenchChild('./bare-subscription-server.ts', env, execArgv);
    await child.ready;
    const info = await child.call<{ url: string; pid: number }>('info');
    return {
      name,
      title: 'bare graphql-ws server (graphql-js per subscriber; no gateway, no hydration, no bus; tokens verified with jose)',
      httpUrl: info.url,
      wsUrl: wsOf(info.url),
      pid: info.pid,
      cpuSources: [cpuOfPid('server', info.pid)],
      memory: () => child.call<Memory>('counters'),
      resetCounters: async () => {},
      child,
      stop: () => child.stop(),
    };
  }
  const { env, execArgv } = childArgs(auth, profileDir, 'stack');
  const child = forkBenchChild('./stack-process.ts', env, execArgv);
  await child.ready;
  const info = await child.call<StackInfo>('info');
  return {
    name,
    title: 'our gateway (the npm start process: gateway + subgraphs + memory bus; PostgreSQL apart)',
    httpUrl: info.urls.gateway,
    wsUrl: wsOf(info.urls.gateway),
    pid: info.pid,
    cpuSources: [cpuOfPid('server', info.pid), cpuOfPostgres('PostgreSQL', info.postgresPort)],
    memory: () => child.call<StackCounters>('counters'),
    posts: async () => (await child.call<StackCounters>('counters')).posts,
    resetCounters: () => child.call('resetCounters'),
    readTimes: async (ids) => {
      const times = await child.call<{ id: string; readAt?: number }[]>('eventTimes', ids);
      return new Map(times.flatMap((entry) => (entry.readAt === undefined ? [] : [[entry.id, entry.readAt] as const])));
    },
    child,
    stop: () => child.stop(),
  };
}
