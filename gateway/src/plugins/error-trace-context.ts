import type { ApolloServerPlugin, GraphQLRequestListener } from '@apollo/server';
import { context as otelContext, type Context } from '@opentelemetry/api';
import type { GatewayContext } from './authentication.js';

/**
 * The trace context of the request each error was raised in. The gateway's context manager is synchronous (no
 * AsyncLocalStorage: see packages/tracing), and Apollo formats errors after the request's awaits, with no context
 * of its own: without this, the log lines the error formatter writes (a subgraph unavailable, a masked internal
 * error) would lose their trace_id and span_id.
 */
const traceContexts = new WeakMap<object, Context>();

/** One listener for every traced request (it reads the request's context): nothing allocated per request. */
const rememberTraceContext: GraphQLRequestListener<GatewayContext> = {
  async didEncounterErrors({ errors, contextValue }) {
    const traceContext = contextValue.traceContext;
    if (!traceContext) return;
    for (const error of errors) {
      traceContexts.set(error, traceContext);
      if (error.originalError) traceContexts.set(error.originalError, traceContext);
    }
  },
};

/** Remembers the request's trace context for each error it encounters (before Apollo formats them). */
export function errorTraceContextPlugin(): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart({ contextValue }) {
      return contextValue.traceContext ? rememberTraceContext : undefined;
    },
  };
}

/** Runs `format` (and the log lines it writes) in the trace context of the request that raised `error`, if known. */
export function inTraceContextOfError<T>(error: unknown, format: () => T): T {
  const traceContext = typeof error === 'object' && error !== null ? traceContexts.get(error) : undefined;
  return traceContext ? otelContext.with(traceContext, format) : format();
}
