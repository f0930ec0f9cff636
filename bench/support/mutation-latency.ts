// (b) of bench/pulsar-throughput.bench.ts: crearCampana mutations one at a time through the gateway, each timed until
// its campanaCreada reaches a subscribed graphql-ws client, split into stages.
import { subscribe } from '@alpes/testing';
import { timedCrearCampana } from './bench-commands.js';
import type { ProfilingBus } from './profiling-bus.js';

export interface LatencyResult {
  accepted: number[];
  delivered: number[];
  /** Per mutation, adding up to `delivered`: sent → the worker starts the command (gateway, subgraph, command publish,
   * bus delivery), the worker's transaction, → the event is confirmed (outbox relay + bus publish), → the client has it
   * (gateway reader + hydration + graphql-ws). */
  stages: { delivery: number[]; transaction: number[]; relay: number[]; gateway: number[] };
  /** Within the last stage: → the gateway's reader has the event (negative when the bus hands it over before it confirms the publish). */
  readerHop: number[];
}

/** (b): one crearCampana at a time; time until its campanaCreada reaches a subscribed graphql-ws client. */
export async function measureLatency(gatewayUrl: string, authorization: string, profiled: ProfilingBus, mutations: number): Promise<LatencyResult> {
  const stages: LatencyResult['stages'] = { delivery: [], transaction: [], relay: [], gateway: [] };
  const readerHop: number[] = [];
  profiled.marking = true;
  const live = subscribe<{ campanaCreada: { campana: { id: string } } }>(
    gatewayUrl,
    'subscription { campanaCreada { campana { id } } }',
    undefined,
    authorization,
  );
  const accepted: number[] = [];
  const delivered: number[] = [];
  try {
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    for (let index = -20; index < mutations; index += 1) {
      const { id, start, acceptedMs, receivedAt } = await timedCrearCampana(gatewayUrl, authorization, live, index);
      if (index < 0) continue; // warm-up
      accepted.push(acceptedMs);
      delivered.push(receivedAt - start);
      const mark = profiled.marks.get(id);
      if (mark?.handlerStart !== undefined && mark.handlerEnd !== undefined && mark.eventPublished !== undefined) {
        stages.delivery.push(mark.handlerStart - start);
        stages.transaction.push(mark.handlerEnd - mark.handlerStart);
        stages.relay.push(mark.eventPublished - mark.handlerEnd);
        stages.gateway.push(receivedAt - mark.eventPublished);
        if (mark.eventRead !== undefined) readerHop.push(mark.eventRead - mark.eventPublished);
      }
    }
  } finally {
    profiled.marking = false;
    await live.dispose();
  }
  return { accepted, delivered, stages, readerHop };
}
