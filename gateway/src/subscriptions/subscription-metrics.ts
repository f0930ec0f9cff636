import { getOperationAST, type DocumentNode, type ExecutionResult } from 'graphql';
import type { ServiceMetrics } from '@alpes/observability';
import { EVENT_STREAMS } from './event-streams.js';

const KNOWN_FIELDS = new Set([...Object.keys(EVENT_STREAMS), 'comando']);

/** The subscription's root field (never an alias; `other` for anything the schema does not serve). */
export function subscriptionFieldOf(document: DocumentNode, operationName: string | null | undefined): string {
  const operation = getOperationAST(document, operationName ?? undefined);
  const first = operation?.selectionSet.selections.find((selection) => selection.kind === 'Field');
  const name = first?.kind === 'Field' ? first.name.value : undefined;
  return name && KNOWN_FIELDS.has(name) ? name : 'other';
}

/**
 * subscriptions_active{field} while the stream is open, subscription_events_delivered_total{field} per event it
 * yields to its client. `active` counts every open stream for /status.
 */
export class SubscriptionMetrics {
  #active = 0;

  constructor(private readonly metrics: ServiceMetrics | undefined) {}

  get active(): number {
    return this.#active;
  }

  count<Result = ExecutionResult>(stream: AsyncIterableIterator<Result>, field: string): AsyncIterableIterator<Result> {
    const metrics = this.metrics;
    this.#active += 1;
    metrics?.subscriptionsActive.inc({ field });
    let finished = false;
    const finish = () => {
      if (finished) return;
      finished = true;
      this.#active -= 1;
      metrics?.subscriptionsActive.dec({ field });
    };
    const counted: AsyncIterableIterator<Result> = {
      [Symbol.asyncIterator]: () => counted,
      async next() {
        try {
          const result = await stream.next();
          if (result.done) finish();
          else metrics?.subscriptionEventsDelivered.inc({ field });
          return result;
        } catch (error) {
          finish();
          throw error;
        }
      },
      async return(value?: unknown) {
        finish();
        return stream.return ? stream.return(value) : { done: true, value: undefined };
      },
      async throw(error?: unknown) {
        finish();
        if (stream.throw) return stream.throw(error);
        throw error;
      },
    };
    return counted;
  }
}
