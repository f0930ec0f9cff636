import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError } from 'graphql';

export const DEFAULT_REQUEST_TIMEOUT_MS = 10_000;

/**
 * An operation's deadline. Its abort signal is made on the first fetch that needs it, with a timer cleared when the
 * operation answers: `AbortSignal.timeout` would fire (and build a DOMException) 10 s after every operation, long
 * after it ended (~3 % of the gateway's CPU on the README query).
 */
export class OperationDeadline {
  #controller?: AbortController;
  #timer?: NodeJS.Timeout;

  constructor(
    readonly at: number,
    readonly timeoutMs: number,
  ) {}

  /** Aborts at the deadline (with a TimeoutError, as AbortSignal.timeout), unless the operation answered first. */
  get signal(): AbortSignal {
    if (!this.#controller) {
      const controller = (this.#controller = new AbortController());
      this.#timer = setTimeout(
        () => controller.abort(new DOMException('The operation was aborted due to timeout', 'TimeoutError')),
        Math.max(0, this.at - Date.now()),
      );
      this.#timer.unref();
    }
    return this.#controller.signal;
  }

  /** The operation answered: nothing waits for its deadline any more. */
  release(): void {
    if (this.#timer) clearTimeout(this.#timer);
  }
}

const deadlines = new WeakMap<object, OperationDeadline>();

const releaseOnAnswer = {
  async willSendResponse({ contextValue }: { contextValue: object }) {
    deadlines.get(contextValue)?.release();
    deadlines.delete(contextValue); // a context that runs another operation gets a deadline of its own
  },
};

/**
 * REQUEST_TIMEOUT_MS: one deadline per operation, set when Apollo starts it (over HTTP, over graphql-ws, and each
 * subscription hydration), covering its whole query plan. Every subgraph fetch gets the time that is left
 * (SubgraphDataSource); a fetch still running at the deadline is aborted and its fields answer TIMEOUT.
 */
export function requestDeadlinePlugin(timeoutMs: number): ApolloServerPlugin {
  return {
    async requestDidStart({ contextValue }) {
      if (deadlines.has(contextValue)) return undefined;
      deadlines.set(contextValue, new OperationDeadline(Date.now() + timeoutMs, timeoutMs));
      return releaseOnAnswer;
    },
  };
}

/** The operation's deadline (epoch ms) and its budget, when the context belongs to an operation Apollo started. */
export function deadlineOf(context: unknown): OperationDeadline | undefined {
  return typeof context === 'object' && context !== null ? deadlines.get(context) : undefined;
}

export function subgraphTimeoutError(subgraphName: string, timeoutMs: number): GraphQLError {
  return new GraphQLError(`The ${subgraphName} subgraph did not answer within the request's deadline of ${timeoutMs} ms`, {
    extensions: { code: 'TIMEOUT', serviceName: subgraphName, timeoutMs },
  });
}
