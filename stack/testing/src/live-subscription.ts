import { openSubscriptionClient } from './subscription-client.js';

export interface LiveSubscription<Event> {
  /** The data of every result so far, in arrival order. */
  readonly events: Event[];
  readonly errors: unknown[];
  /** Resolves with the first event (already received or future) that matches; fails after timeoutMs. */
  waitFor(predicate: (event: Event) => boolean, timeoutMs?: number): Promise<Event>;
  dispose(): Promise<void>;
}

/** One subscription on its own graphql-ws connection, seen as the stream of its data (a dashboard's view). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read results loosely by design
export function subscribe<Event = any>(httpUrl: string, query: string, variables?: Record<string, unknown>, authorization?: string): LiveSubscription<Event> {
  const connection = openSubscriptionClient(httpUrl, authorization);
  const recorded = connection.subscribe(query, variables);
  return {
    get events() {
      return recorded.results.flatMap((result) => (result.data ? [result.data as Event] : []));
    },
    get errors() {
      return [...recorded.results.flatMap((result) => result.errors ?? []), ...(recorded.error === undefined ? [] : [recorded.error])];
    },
    async waitFor(predicate, timeoutMs = 15_000) {
      const result = await recorded.waitFor(
        (candidate) => candidate.data !== undefined && candidate.data !== null && predicate(candidate.data as Event),
        timeoutMs,
      );
      return result.data as Event;
    },
    async dispose() {
      recorded.unsubscribe();
      await connection.dispose();
    },
  };
}
