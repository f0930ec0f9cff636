import { context, isSpanContextValid, trace } from '@opentelemetry/api';
import { tracingActive } from './state.js';

/**
 * `trace_id` and `span_id` of the active span, for a log line written inside a trace (a pino mixin); nothing when
 * tracing is off or no span is active. Always a new object: pino merges the line's own fields into what a mixin returns.
 */
export function traceLogFields(): { trace_id?: string; span_id?: string } {
  if (!tracingActive()) return {};
  const spanContext = trace.getSpanContext(context.active());
  if (!spanContext || !isSpanContextValid(spanContext)) return {};
  return { trace_id: spanContext.traceId, span_id: spanContext.spanId };
}
