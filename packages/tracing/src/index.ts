export { tracingRequested, TRACING_VARIABLES } from './environment.js';
export { startTracing, type TracingHandle } from './start-tracing.js';
export { tracingActive, setTracingActive, alpesTracer } from './state.js';
export { TRACEPARENT, traceparentOf, contextFromTraceparent, headerValue } from './traceparent.js';
export { inSpan, startSpan, recordFailure, type SpanOptions } from './spans.js';
export { ATTR } from './attributes.js';
export { traceLogFields } from './log-fields.js';
export { traceGraphQLRequests } from './http-server.js';
