import { createClient, type Client, type FormattedExecutionResult } from 'graphql-ws';
import WebSocket from 'ws';

/** One subscription's record: every result in arrival order, plus how it ended. */
export interface RecordedSubscription {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read results loosely by design
  results: FormattedExecutionResult<Record<string, any>, unknown>[];
  /** Set when the server completed the subscription. */
  completed: boolean;
  /** Set when the subscription failed (validation errors, or the socket closed: a CloseEvent). */
  error?: unknown;
  /** Waits until at least `count` results arrived (or the subscription ended). */
  waitForResults(count: number, timeoutMs?: number): Promise<void>;
  /** Waits for a result that satisfies `matches` and returns it. */
  waitFor(matches: (result: LooseResult) => boolean, timeoutMs?: number): Promise<LooseResult>;
  unsubscribe(): void;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read results loosely by design
type LooseResult = FormattedExecutionResult<Record<string, any>, unknown>;

export interface SubscriptionClient {
  client: Client;
  /** Close codes the socket saw (1001 Going Away when the gateway stops). */
  closeCodes: number[];
  subscribe(query: string, variables?: Record<string, unknown>): RecordedSubscription;
  dispose(): Promise<void>;
}

/**
 * A real graphql-ws client (no reconnection) on the gateway's /graphql endpoint; `authorization` ("Bearer …") goes
 * in connectionParams, as the gateway expects it. Without it the connection is anonymous.
 */
export function openSubscriptionClient(httpUrl: string, authorization?: string): SubscriptionClient {
  const closeCodes: number[] = [];
  const client = createClient({
    url: httpUrl.replace(/^http/, 'ws'),
    webSocketImpl: WebSocket,
    retryAttempts: 0,
    ...(authorization ? { connectionParams: { authorization } } : {}),
    on: { closed: (event) => void closeCodes.push((event as { code: number }).code) },
  });
  return {
    client,
    closeCodes,
    subscribe(query, variables) {
      const listeners = new Set<() => void>();
      const changed = () => listeners.forEach((listener) => listener());
      const recorded: RecordedSubscription = {
        results: [],
        completed: false,
        waitForResults: (count, timeoutMs = 10_000) =>
          new Promise<void>((resolve, reject) => {
            const check = () => {
              if (recorded.results.length < count && !recorded.completed && recorded.error === undefined) return;
              listeners.delete(check);
              clearTimeout(timer);
              if (recorded.results.length >= count) resolve();
              else
                reject(new Error(`subscription ended after ${recorded.results.length} of ${count} results: ${JSON.stringify(recorded.error ?? 'completed')}`));
            };
            const timer = setTimeout(() => {
              listeners.delete(check);
              reject(new Error(`only ${recorded.results.length} of ${count} results after ${timeoutMs} ms: ${JSON.stringify(recorded.results)}`));
            }, timeoutMs);
            listeners.add(check);
            check();
          }),
        waitFor: (matches, timeoutMs = 10_000) =>
          // on every result as it arrives (no polling: a latency bench times the event by this promise); a
          // subscription that already failed or completed never matches later: say so at once, with the reason
          new Promise<LooseResult>((resolve, reject) => {
            const check = () => {
              const found = recorded.results.find(matches);
              if (!found && recorded.error === undefined && !recorded.completed) return;
              listeners.delete(check);
              clearTimeout(timer);
              if (found) return resolve(found);
              const ending = recorded.error === undefined ? 'it completed' : `it failed: ${describeError(recorded.error)}`;
              reject(new Error(`no matching result in ${JSON.stringify(recorded.results)}; ${ending}`));
            };
            const timer = setTimeout(() => {
              listeners.delete(check);
              reject(new Error(`timed out after ${timeoutMs} ms waiting for a matching result in ${JSON.stringify(recorded.results)}`));
            }, timeoutMs);
            listeners.add(check);
            check();
          }),
        unsubscribe: () => {},
      };
      recorded.unsubscribe = client.subscribe(
        { query, ...(variables ? { variables } : {}) },
        {
          next: (result) => {
            recorded.results.push(result);
            changed();
          },
          error: (error) => {
            recorded.error = error;
            changed();
          },
          complete: () => {
            recorded.completed = true;
            changed();
          },
        },
      );
      return recorded;
    },
    dispose: async () => {
      await client.dispose();
    },
  };
}

/** A graphql-ws error: GraphQL errors, a CloseEvent (code and reason) or an Error. */
function describeError(error: unknown): string {
  if (error instanceof Error) return error.message;
  if (error && typeof error === 'object' && 'code' in error) {
    const { code, reason } = error as { code: unknown; reason?: unknown };
    return `socket closed (code ${String(code)}${reason ? `, ${String(reason)}` : ''})`;
  }
  // ws's ErrorEvent (the socket failed: refused, reset, an HTTP answer instead of the upgrade) keeps its fields in getters
  const { message, error: cause } = (error ?? {}) as { message?: unknown; error?: unknown };
  if (typeof message === 'string' && message !== '') return `socket error: ${message}`;
  if (cause instanceof Error) return `socket error: ${cause.message}`;
  return JSON.stringify(error);
}
