import { context, SpanKind, SpanStatusCode, trace, type Context } from '@opentelemetry/api';
import type { IncomingMessage } from 'node:http';
import type { RequestHandler } from 'express';
import { ATTR } from './attributes.js';
import { startSpan } from './spans.js';
import { tracingActive } from './state.js';
import { contextFromTraceparent, headerValue } from './traceparent.js';

/** Where a request keeps its trace context: a property of its own, not a WeakMap entry per request for the GC to track. */
const TRACE_CONTEXT = Symbol('alpes.traceContext');
type TracedRequest = IncomingMessage & { [TRACE_CONTEXT]?: Context };

/**
 * The trace context of a POST /graphql (its SERVER span's), for work that continues it after an `await` in a process
 * whose context does not follow `await` (startTracing's `context: 'explicit'`); undefined when tracing is off.
 */
export function traceContextOfRequest(request: IncomingMessage): Context | undefined {
  return (request as TracedRequest)[TRACE_CONTEXT];
}

/**
 * A SERVER span per POST /graphql, continuing the caller's W3C `traceparent` (a client's, or the gateway's fetch).
 * Mounted after the JSON body parser: the parser's callbacks run outside the request's async context, so a span
 * made active before it would be lost by the time Apollo runs. The span's context is also kept for the request
 * (traceContextOfRequest).
 */
export function traceGraphQLRequests(component: string): RequestHandler {
  return (request, response, next) => {
    if (!tracingActive()) return next();
    const body = request.body as { operationName?: unknown } | undefined;
    const operationName = typeof body?.operationName === 'string' ? body.operationName : undefined;
    const parent = contextFromTraceparent(headerValue(request.headers.traceparent));
    const span = startSpan(operationName ? `POST /graphql ${operationName}` : 'POST /graphql', { kind: SpanKind.SERVER, parent });
    // attributes only for a span that records (most requests are not sampled): no object, no closure per request
    if (span.isRecording()) {
      span.setAttributes({
        [ATTR.httpMethod]: request.method,
        [ATTR.httpRoute]: '/graphql',
        [ATTR.component]: component,
        ...(operationName ? { [ATTR.graphqlOperationName]: operationName } : {}),
      });
      response.once('close', () => {
        span.setAttribute(ATTR.httpStatus, response.statusCode);
        if (response.statusCode >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
        span.end();
      });
    }
    const traced = trace.setSpan(parent, span);
    (request as TracedRequest)[TRACE_CONTEXT] = traced;
    context.with(traced, next);
  };
}
