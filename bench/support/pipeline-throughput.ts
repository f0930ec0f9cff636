// (a) of bench/pulsar-throughput.bench.ts: K CrearCampana commands published straight onto the command topic, timed
// until all K CampanaCreada events are on marketing.eventos, with a profile of where the time went.
import { TOPICS } from '@alpes/contracts';
import type { Bus } from '@alpes/messaging';
import { percentiles } from '../latency-stats.js';
import { crearCampanaCommand, publishWindowed } from './bench-commands.js';
import type { ProfilingBus } from './profiling-bus.js';
import { sampleResources, type Resources } from './resource-sampler.js';

export interface ThroughputResult {
  publishMs: number;
  workerDoneMs: number;
  endToEndMs: number;
  commandsPerSecond: number;
  publishPerSecond: number;
  handler: {
    count: number;
    p50: number;
    p95: number;
    meanMs: number;
    busyParallelism: number;
    ratesByFifth: number[];
    /**
     * Handlers finished per second once every command was confirmed, until the last: the pipeline alone, without the
     * load generator's own publishing on the same thread (undefined when the workers were done by then).
     */
    rateAfterPublish: number | undefined;
  };
  relay: { publishes: number; p50: number; p95: number; firstMs: number; lastMs: number };
  resources: Resources;
  readers: { messages: number; ms: number };
}

/** (a): K commands onto the command topic; until all K CampanaCreada are on marketing.eventos. */
export async function measureThroughput(
  profiled: ProfilingBus,
  publisher: Bus,
  observer: Bus,
  postgresPort: string,
  count: number,
  window: number,
): Promise<ThroughputResult> {
  const commands = Array.from({ length: count }, (_, index) => crearCampanaCommand(index));
  const expected = new Set<string>(commands.map((command) => command.campanaId));
  let seen = 0;
  let allSeen!: () => void;
  const done = new Promise<void>((resolve) => (allSeen = resolve));
  const reader = await observer.read({
    topic: TOPICS.marketingEventos,
    start: { from: 'latest' },
    handler: (message) => {
      if (message.properties.type === 'CampanaCreada' && expected.delete(message.key)) {
        seen += 1;
        if (seen === count) allSeen();
      }
    },
  });
  await publisher.publish(TOPICS.campanasComandos, crearCampanaCommand(-1).message); // opens the producer before timing
  await new Promise((resolve) => setTimeout(resolve, 1_000));
  profiled.record(true);
  const resources = sampleResources(postgresPort);
  const started = performance.now();
  await publishWindowed(
    publisher,
    TOPICS.campanasComandos,
    commands.map((command) => command.message),
    window,
  );
  const publishMs = performance.now() - started;
  const timeout = setTimeout(() => console.error(`still waiting: ${seen}/${count} CampanaCreada seen`), 120_000);
  await done;
  clearTimeout(timeout);
  const endToEndMs = performance.now() - started;
  const used = resources();
  profiled.record(false);
  await reader.close();

  const handlerSpans = profiled.handlerSpans;
  const durations = handlerSpans.map((span) => span.end - span.start);
  const busy = durations.reduce((sum, ms) => sum + ms, 0);
  const workerDoneMs = Math.max(...handlerSpans.map((span) => span.end)) - started;
  const relaySpans = [...(profiled.publishSpans.get(TOPICS.marketingEventos) ?? []), ...(profiled.publishSpans.get(TOPICS.resultadosComandos) ?? [])];
  const relayDurations = relaySpans.map((span) => span.end - span.start);
  const handlerStats = percentiles(durations);
  const relayStats = percentiles(relayDurations);
  return {
    publishMs,
    workerDoneMs,
    endToEndMs,
    commandsPerSecond: (count / endToEndMs) * 1000,
    publishPerSecond: (count / publishMs) * 1000,
    handler: {
      count: durations.length,
      p50: handlerStats.p50,
      p95: handlerStats.p95,
      meanMs: busy / Math.max(1, durations.length),
      busyParallelism: busy / workerDoneMs,
      ratesByFifth: [0, 1, 2, 3, 4].map((fifth) => {
        const from = (workerDoneMs / 5) * fifth;
        const to = (workerDoneMs / 5) * (fifth + 1);
        return (handlerSpans.filter((span) => span.end - started > from && span.end - started <= to).length / (to - from)) * 1000;
      }),
      rateAfterPublish:
        workerDoneMs - publishMs >= 500
          ? (handlerSpans.filter((span) => span.end - started > publishMs).length / (workerDoneMs - publishMs)) * 1000
          : undefined,
    },
    relay: {
      publishes: relaySpans.length,
      p50: relayStats.p50,
      p95: relayStats.p95,
      firstMs: Math.min(...relaySpans.map((span) => span.start)) - started,
      lastMs: Math.max(...relaySpans.map((span) => span.end)) - started,
    },
    resources: used,
    readers: [...profiled.readerMs.values()].reduce((sum, spent) => ({ messages: sum.messages + spent.messages, ms: sum.ms + spent.ms }), {
      messages: 0,
      ms: 0,
    }),
  };
}
