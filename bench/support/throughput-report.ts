// How bench/pulsar-throughput.bench.ts prints (a): rates, the profile of the run and the CPU the machine spent meanwhile.
import { availableParallelism, loadavg } from 'node:os';
import type { ThroughputResult } from './pipeline-throughput.js';
import type { Resources } from './resource-sampler.js';

export const ms = (value: number) => `${value.toFixed(1)} ms`;
const percent = (value: number) => `${Math.round(value * 100)} %`;
const cores = (value: number | undefined) => (value === undefined ? 'n/a' : value.toFixed(2));
const othersCores = (used: Resources) =>
  used.machineBusy === undefined
    ? undefined
    : Math.max(0, used.machineBusy * availableParallelism() - used.nodeCores - (used.postgresCores ?? 0) - (used.brokerCores ?? 0));
export const rate = (value: number) => `${Math.round(value).toLocaleString('en-US')}/s`;

/** CPU ms per command of each part of the pipeline over (a): the stack's node process, the broker, PostgreSQL. */
export interface PipelineCpu {
  node: number;
  broker: number;
  postgres: number;
  total: number;
}

export function pipelineCpuPerCommand(result: ThroughputResult, commands: number): PipelineCpu {
  const perCommand = (used: number | undefined) => ((used ?? 0) * result.endToEndMs) / commands;
  const node = perCommand(result.resources.nodeCores);
  const broker = perCommand(result.resources.brokerCores);
  const postgres = perCommand(result.resources.postgresCores);
  return { node, broker, postgres, total: node + broker + postgres };
}

/**
 * What the machine's cores allow a bus whose commands cost `cpu` ms each (node + broker + PostgreSQL): when the run is
 * CPU-bound, commands/s is about (cores × busy share) / cpu, and a ratio of two buses is the inverse ratio of their CPU
 * per command, whatever either client does.
 */
export function cpuCeiling(cpu: PipelineCpu): number {
  return (availableParallelism() * 1000) / cpu.total;
}

export function printThroughput(name: string, result: ThroughputResult, commands: number): void {
  const { handler, relay } = result;
  const perCommand = (used: number | undefined) => (used === undefined ? 'n/a' : ((used * result.endToEndMs) / commands).toFixed(3));
  const pipeline = pipelineCpuPerCommand(result, commands);
  console.log(
    `${name.padEnd(8)} commands/s end to end ${rate(result.commandsPerSecond).padStart(8)}  (all ${commands} CampanaCreada seen after ${ms(result.endToEndMs)})\n` +
      `         bus: ${commands} commands confirmed in ${ms(result.publishMs)} = ${rate(result.publishPerSecond)}\n` +
      `         worker: ${handler.count} handler runs, last done at ${ms(result.workerDoneMs)} = ${rate((handler.count / result.workerDoneMs) * 1000)}; ` +
      `transaction p50 ${ms(handler.p50)} p95 ${ms(handler.p95)} mean ${ms(handler.meanMs)}; average handlers running at once ${handler.busyParallelism.toFixed(2)}\n` +
      `         worker rate by fifth of the run: ${handler.ratesByFifth.map(rate).join(', ')}; once every command was confirmed: ${handler.rateAfterPublish === undefined ? 'n/a (done by then)' : rate(handler.rateAfterPublish)}\n` +
      `         relay: ${relay.publishes} event/outcome publishes, ${ms(relay.firstMs)} → ${ms(relay.lastMs)}; each publish awaited p50 ${ms(relay.p50)} p95 ${ms(relay.p95)}\n` +
      `         gateway readers (command tracker, event hub): ${result.readers.messages} messages handled in the same process, ${ms(result.readers.ms)} inside their handlers\n` +
      `         CPU meanwhile (cores): this node process ${cores(result.resources.nodeCores)} (event loop busy ${percent(result.resources.eventLoopUtilization)}), ` +
      `stack's PostgreSQL ${cores(result.resources.postgresCores)}, broker ${cores(result.resources.brokerCores)}, ` +
      `anything else on the machine ${cores(othersCores(result.resources))}; machine (${availableParallelism()} cores) busy ${result.resources.machineBusy === undefined ? 'n/a' : percent(result.resources.machineBusy)}, ` +
      `load average ${loadavg()
        .map((load) => load.toFixed(2))
        .join(' ')}\n` +
      `         CPU ms per command: this node process ${perCommand(result.resources.nodeCores)}, broker ${perCommand(result.resources.brokerCores)}, ` +
      `PostgreSQL ${perCommand(result.resources.postgresCores)}; ` +
      `all three ${pipeline.total.toFixed(3)}: ${availableParallelism()} cores allow at most ${rate(cpuCeiling(pipeline))}`,
  );
}
