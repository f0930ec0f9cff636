// How busy and how late this process's event loop was over one piece of work (bench:pulsar's (b): the whole stack runs
// in the bench's process, so a loop kept busy by one component delays every other one's callbacks).
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';

export interface EventLoopReport {
  /** Share of the wall time the loop was running JavaScript or native callbacks (0–1). */
  utilization: number;
  /** Delay of a 1 ms timer, in ms: how long a ready callback waited for the loop. */
  delay: { p50: number; p99: number; max: number };
}

/** Runs `work` while sampling the loop's delay (1 ms resolution) and utilisation. */
export async function watchEventLoop<T>(work: () => Promise<T>): Promise<{ result: T; loop: EventLoopReport }> {
  const histogram = monitorEventLoopDelay({ resolution: 1 });
  const before = performance.eventLoopUtilization();
  histogram.enable();
  try {
    const result = await work();
    const utilization = performance.eventLoopUtilization(before).utilization;
    const toMs = (ns: number) => ns / 1e6;
    return { result, loop: { utilization, delay: { p50: toMs(histogram.percentile(50)), p99: toMs(histogram.percentile(99)), max: toMs(histogram.max) } } };
  } finally {
    histogram.disable();
  }
}

export function formatEventLoop(report: EventLoopReport): string {
  const { delay } = report;
  return `event loop busy ${(report.utilization * 100).toFixed(1)} %, timer delay p50 ${delay.p50.toFixed(2)} p99 ${delay.p99.toFixed(2)} max ${delay.max.toFixed(1)} ms`;
}
