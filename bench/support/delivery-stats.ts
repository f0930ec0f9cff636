// What bench:subscriptions reports from the swarm's recordings: per delivery and per event (to the last subscriber),
// lost and duplicated deliveries, deliveries per second. Times are epoch ms from different processes of one machine.
import { percentiles } from '../latency-stats.js';

export interface EventReference {
  /** The campaign id the event carries. */
  id: string;
  /** When its mutation was sent (the pacer). */
  sentAt: number;
  /** When the gateway's bus reader got the event (stack-process.ts), when known: where fan-out starts. */
  readAt?: number;
}

export interface Recorded {
  counts: Uint8Array;
  firstAt: Float64Array;
}

type Percentiles = ReturnType<typeof percentiles>;

export interface DeliveryReport {
  events: number;
  /** Subscribers counted (stalled ones left out). */
  subscribers: number;
  stalled: number;
  delivered: number;
  lost: number;
  duplicated: number;
  deliveriesPerSecond: number;
  /** Mutation sent → each delivery. */
  perDelivery: Percentiles;
  /** Mutation sent → the last subscriber of each event. */
  toLastSubscriber: Percentiles;
  /** Mutation sent → the gateway read the event (the command path), when known. */
  toGatewayRead?: Percentiles;
  /** Gateway read → the last subscriber of each event (the fan-out alone), when known. */
  readToLastSubscriber?: Percentiles;
}

export function analyseDeliveries(
  references: readonly EventReference[],
  events: ReadonlyMap<string, Recorded>,
  subscribers: number,
  stalled: ReadonlySet<number> = new Set(),
): DeliveryReport {
  const perDelivery: number[] = [];
  const toLast: number[] = [];
  const toRead: number[] = [];
  const readToLast: number[] = [];
  let lost = 0;
  let duplicated = 0;
  let firstSent = Infinity;
  let lastArrival = -Infinity;
  for (const reference of references) {
    firstSent = Math.min(firstSent, reference.sentAt);
    const recorded = events.get(reference.id);
    let last = -Infinity;
    for (let subscriber = 0; subscriber < subscribers; subscriber += 1) {
      if (stalled.has(subscriber)) continue;
      const count = recorded?.counts[subscriber] ?? 0;
      if (count === 0) {
        lost += 1;
        continue;
      }
      duplicated += count - 1;
      const at = recorded!.firstAt[subscriber]!;
      perDelivery.push(at - reference.sentAt);
      last = Math.max(last, at);
    }
    if (last === -Infinity) continue;
    lastArrival = Math.max(lastArrival, last);
    toLast.push(last - reference.sentAt);
    if (reference.readAt !== undefined) {
      toRead.push(reference.readAt - reference.sentAt);
      readToLast.push(last - reference.readAt);
    }
  }
  const delivered = perDelivery.length;
  return {
    events: references.length,
    subscribers: subscribers - stalled.size,
    stalled: stalled.size,
    delivered,
    lost,
    duplicated,
    deliveriesPerSecond: delivered / Math.max(1e-3, (lastArrival - firstSent) / 1000),
    perDelivery: percentiles(perDelivery),
    toLastSubscriber: percentiles(toLast),
    ...(toRead.length ? { toGatewayRead: percentiles(toRead), readToLastSubscriber: percentiles(readToLast) } : {}),
  };
}
