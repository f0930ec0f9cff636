import { context, isSpanContextValid, trace } from '@opentelemetry/api';
import { tracingActive } from './state.js';

const NONE: Readonly<Record<string, never>> = Object.freeze({});

/**
 * `trace_id` and `span_id` of the active span, for a log line written inside a trace (a pino mixin); nothing when
 * tracing is off or no span is active.
 */
export function traceLogFields(): { trace_id?: string; span_id?: string } {
  if (!tracingActive()) return NONE;
  const spanContext = trace.getSpanContext(context.active());
  if (!spanContext || !isSpanContextValid(spanContext)) return NONE;
  return { trace_id: spanContext.traceId, span_id: spanContext.spanId };
}
