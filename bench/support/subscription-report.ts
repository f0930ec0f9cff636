// What bench:subscriptions prints: one block per server, then the gateway against the bare baseline and the goals.
import type { CpuWindow } from './cpu-meter.js';
import type { DeliveryReport } from './delivery-stats.js';
import type { SentEvent } from './event-pacer.js';
import type { StackCounters } from './stack-process.js';
import type { Memory } from './subscription-targets.js';
import { percentiles } from '../latency-stats.js';

export interface TargetResult {
  target: 'gateway' | 'bare';
  title: string;
  subscribers: number;
  connectSeconds: number;
  sent: SentEvent[];
  failures: string[];
  pacerMaxLagMs: number;
  report: DeliveryReport & { errors: string[]; completions: number };
  cpu: CpuWindow;
  /** Gateway operations of hydration: POSTs that reached the subgraphs, less the mutations. */
  hydrationOperations?: number;
  posts?: StackCounters['posts'];
  memory: Record<'before' | 'idle' | 'after' | 'disconnected', Memory>;
}

type Percentiles = ReturnType<typeof percentiles>;
const ms = (value: number) => (value >= 1000 ? `${(value / 1000).toFixed(2)} s` : `${value.toFixed(1)} ms`);
const triple = ({ p50, p95, p99 }: Percentiles) => `p50 ${ms(p50)}  p95 ${ms(p95)}  p99 ${ms(p99)}`;
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MiB`;
const count = (value: number) => value.toLocaleString('en-US');

/** CPU microseconds per delivery of one process over the run. */
export const cpuMicrosPerDelivery = (result: TargetResult, process: string) => {
  const seconds = result.cpu.seconds[process];
  return seconds === undefined || result.report.delivered === 0 ? undefined : (seconds * 1e6) / result.report.delivered;
};

export function printTargetResult(result: TargetResult, options: { fanout: boolean; eventsPerSecond: number }): void {
  const { report, cpu, memory } = result;
  console.log(`\n${result.title}`);
  console.log(
    `  ${count(result.subscribers)} subscribers connected in ${result.connectSeconds.toFixed(1)} s` +
      (report.stalled ? `; ${count(report.stalled)} of them stalled (not reading), the figures below are the other ${count(report.subscribers)}` : ''),
  );
  const accepted = percentiles(result.sent.map((event) => event.acceptedMs));
  console.log(
    `  ${report.events} events${options.fanout ? ', one at a time' : ` at ${options.eventsPerSecond}/s`}; mutation accepted ${triple(accepted)}` +
      `${result.failures.length ? `; ${result.failures.length} mutations FAILED: ${result.failures[0]}` : ''}${options.fanout ? '' : `; pacer max lag ${ms(result.pacerMaxLagMs)}`}`,
  );
  console.log(`  event → last subscriber      ${triple(report.toLastSubscriber)}  max ${ms(report.toLastSubscriber.max)}`);
  console.log(`  event → each delivery        ${triple(report.perDelivery)}`);
  if (report.toGatewayRead && report.readToLastSubscriber) {
    console.log(`  mutation → gateway read      ${triple(report.toGatewayRead)}   (the command path)`);
    console.log(`  gateway read → last          ${triple(report.readToLastSubscriber)}   (the fan-out alone)`);
  }
  console.log(
    `  deliveries ${count(report.delivered)} of ${count(report.events * report.subscribers)} (${count(Math.round(report.deliveriesPerSecond))}/s); ` +
      `lost ${count(report.lost)}, duplicated ${count(report.duplicated)}; subscription errors ${report.errors.length}, completed early ${report.completions}`,
  );
  for (const error of report.errors.slice(0, 3)) console.log(`    error: ${error}`);
  if (result.hydrationOperations !== undefined && result.posts) {
    console.log(
      `  hydration operations ${count(result.hydrationOperations)} (${(result.hydrationOperations / Math.max(1, report.events)).toFixed(2)} per event; goal ≤ ${(report.events / 5).toFixed(0)}); ` +
        `POSTs afiliados ${result.posts.afiliados}, conversiones ${result.posts.conversiones}, marketing ${result.posts.marketing} (mutations included)`,
    );
  }
  const cores = (name: string) => (cpu.seconds[name] === undefined ? 'n/a' : (cpu.seconds[name]! / cpu.wallSeconds).toFixed(2));
  const perDelivery = cpuMicrosPerDelivery(result, 'server');
  console.log(
    `  CPU in cores over ${cpu.wallSeconds.toFixed(1)} s: server ${cores('server')} (${perDelivery === undefined ? 'n/a' : perDelivery.toFixed(1)} µs per delivery)` +
      `${cpu.seconds.PostgreSQL === undefined ? '' : `, PostgreSQL ${cores('PostgreSQL')}`}, clients ${cores('clients')}, pacer ${cores('pacer')}; ` +
      `load average ${cpu.loadAverage.toFixed(1)}, machine ${cpu.machineBusy === undefined ? 'n/a' : `${Math.round(cpu.machineBusy * 100)} %`} busy${cpu.machineStolen ? `, ${Math.round(cpu.machineStolen * 100)} % stolen by the host` : ''}`,
  );
  const per = (bytes: number) => kb(bytes / result.subscribers);
  for (const [label, key] of [
    ['RSS', 'rssBytes'],
    ['V8 heap used', 'heapUsedBytes'],
  ] as const) {
    const at = (moment: keyof TargetResult['memory']) => memory[moment][key];
    console.log(
      `  server ${label} (after GC): ${mib(at('before'))} before; ${mib(at('idle'))} idle with the clients (${per(at('idle') - at('before'))} per subscriber); ` +
        `${mib(at('after'))} after the run (${per(at('after') - at('before'))} per subscriber); ${mib(at('disconnected'))} after all disconnected ` +
        `(${(((at('disconnected') - at('before')) / at('before')) * 100).toFixed(1)} % over before)`,
    );
  }
}

export function printComparison(results: readonly TargetResult[], options: { fanout: boolean; subscribers: number; eventsPerSecond: number }): void {
  const gateway = results.find((result) => result.target === 'gateway');
  const bare = results.find((result) => result.target === 'bare');
  console.log('');
  if (gateway && bare) {
    const ratio = (a: number | undefined, b: number | undefined) => (a === undefined || b === undefined || b === 0 ? 'n/a' : (a / b).toFixed(2));
    console.log(
      `gateway / bare: p95 event → last subscriber ${ratio(gateway.report.toLastSubscriber.p95, bare.report.toLastSubscriber.p95)}, ` +
        `p95 per delivery ${ratio(gateway.report.perDelivery.p95, bare.report.perDelivery.p95)}, deliveries/s ${ratio(gateway.report.deliveriesPerSecond, bare.report.deliveriesPerSecond)}, ` +
        `server CPU per delivery ${ratio(cpuMicrosPerDelivery(gateway, 'server'), cpuMicrosPerDelivery(bare, 'server'))}`,
    );
  }
  if (!gateway) return;
  const { report } = gateway;
  const rss = { before: gateway.memory.before.rssBytes, idle: gateway.memory.idle.rssBytes, disconnected: gateway.memory.disconnected.rssBytes };
  const clean = report.lost === 0 && report.duplicated === 0;
  if (options.fanout) {
    const idlePerSubscriber = (rss.idle - rss.before) / gateway.subscribers;
    console.log(
      `goals (fan-out): p95 to all ≤ 1 s: ${report.perDelivery.p95 <= 1000 ? 'MET' : 'NOT MET'} (${ms(report.perDelivery.p95)}); ` +
        `RSS ≤ 20 KB per idle subscriber: ${idlePerSubscriber <= 20 * 1024 ? 'MET' : 'NOT MET'} (${kb(idlePerSubscriber)}); ` +
        `back to baseline + 10 % after disconnect: ${rss.disconnected <= rss.before * 1.1 ? 'MET' : 'NOT MET'}; none lost or duplicated: ${clean ? 'MET' : 'NOT MET'}`,
    );
    return;
  }
  const hydrationOk = gateway.hydrationOperations !== undefined && gateway.hydrationOperations <= report.events / 5;
  console.log(
    `goals (${options.eventsPerSecond} events/s × ${count(options.subscribers)} subscribers): event → last subscriber p95 ≤ 1 s: ${report.toLastSubscriber.p95 <= 1000 ? 'MET' : 'NOT MET'} ` +
      `(${ms(report.toLastSubscriber.p95)}); none lost or duplicated: ${clean ? 'MET' : 'NOT MET'}; hydration operations ≤ events / 5: ${hydrationOk ? 'MET' : 'NOT MET'}`,
  );
}
