// The subgraphs process (the `npm start` stack of bench:query, support/stack-process.ts) with no load: its CPU and
// PostgreSQL's, ms per second, over BENCH_IDLE_S seconds, twice. What an idle stack burns in the background (the outbox
// relays' polls, timers); bench:query subtracts nothing, so this background is part of every CPU-per-request figure.
//   npx tsx bench/stack-idle.bench.ts   (BENCH_POSTGRES_PORT, BENCH_IDLE_S)
import { createBenchAuth } from './support/bench-auth.js';
import { cpuOfPid, cpuOfPostgres, startCpuWindow } from './support/cpu-meter.js';
import { stackEnvironment } from './support/gateway-processes.js';
import { forkBenchChild } from './support/ipc.js';
import type { StackInfo } from './support/stack-process.js';

const IDLE_S = Number(process.env.BENCH_IDLE_S ?? 10);
const SETTLE_MS = 5_000;

const auth = createBenchAuth();
const stack = forkBenchChild('./stack-process.ts', stackEnvironment({ ...auth.environment }));
try {
  await stack.ready;
  const info = await stack.call<StackInfo>('info');
  await new Promise((resolve) => setTimeout(resolve, SETTLE_MS)); // past the relays' first polls after start
  for (let window = 1; window <= 2; window += 1) {
    const end = startCpuWindow([cpuOfPid('subgraphs', info.pid), cpuOfPostgres('postgres', info.postgresPort)]);
    await new Promise((resolve) => setTimeout(resolve, IDLE_S * 1000));
    const { seconds, wallSeconds, loadAverage } = end();
    const perSecond = (cpu: number | undefined) => (cpu === undefined ? 'n/a' : ((cpu * 1000) / wallSeconds).toFixed(1));
    console.log(
      `idle window ${window} (${wallSeconds.toFixed(1)} s, load ${loadAverage.toFixed(1)}): subgraphs ${perSecond(seconds.subgraphs)} ms/s, PostgreSQL ${perSecond(seconds.postgres)} ms/s`,
    );
  }
} finally {
  await stack.stop();
  auth.remove();
}
