import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError } from 'graphql';

export const DEFAULT_REQUEST_TIMEOUT_MS = 10_000;

const deadlines = new WeakMap<object, { at: number; timeoutMs: number }>();

/**
 * REQUEST_TIMEOUT_MS: one deadline per operation, set when Apollo starts it (over HTTP, over graphql-ws, and each
 * subscription hydration), covering its whole query plan. Every subgraph fetch gets the time that is left
 * (SubgraphDataSource); a fetch still running at the deadline is aborted and its fields answer TIMEOUT.
 */
export function requestDeadlinePlugin(timeoutMs: number): ApolloServerPlugin {
  return {
    async requestDidStart({ contextValue }) {
      if (!deadlines.has(contextValue)) deadlines.set(contextValue, { at: Date.now() + timeoutMs, timeoutMs });
    },
  };
}

/** The operation's deadline (epoch ms) and its budget, when the context belongs to an operation Apollo started. */
export function deadlineOf(context: unknown): { at: number; timeoutMs: number } | undefined {
  return typeof context === 'object' && context !== null ? deadlines.get(context) : undefined;
}

export function subgraphTimeoutError(subgraphName: string, timeoutMs: number): GraphQLError {
  return new GraphQLError(`The ${subgraphName} subgraph did not answer within the request's deadline of ${timeoutMs} ms`, {
    extensions: { code: 'TIMEOUT', serviceName: subgraphName, timeoutMs },
  });
}
