export { tracingRequested, TRACING_VARIABLES } from './environment.js';
export { startTracing, type TracingHandle, type TracingOptions } from './start-tracing.js';
export { tracingActive, setTracingActive, alpesTracer } from './state.js';
export { TRACEPARENT, traceparentOf, contextFromTraceparent, headerValue } from './traceparent.js';
export { inSpan, startSpan, recordFailure, recordsUnder, type SpanOptions } from './spans.js';
export { ATTR } from './attributes.js';
export { traceLogFields } from './log-fields.js';
export { traceGraphQLRequests, traceContextOfRequest } from './http-server.js';
export { SynchronousContextManager } from './synchronous-context-manager.js';
