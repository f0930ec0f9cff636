import { context, ROOT_CONTEXT, trace, TraceFlags, isSpanContextValid, type Context } from '@opentelemetry/api';
import { tracingActive } from './state.js';

/** The carrier name of W3C Trace Context: an HTTP header, a bus message property, an envelope field. */
export const TRACEPARENT = 'traceparent';

const TRACEPARENT_PATTERN = /^00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$/;

/**
 * The W3C `traceparent` of a context's span (default: the active one), or undefined when tracing is off or there is
 * no valid span. Always W3C, whatever OTEL_PROPAGATORS says: the envelope field and the bus property are defined as it.
 */
export function traceparentOf(of: Context = context.active()): string | undefined {
  if (!tracingActive()) return undefined;
  const spanContext = trace.getSpanContext(of);
  if (!spanContext || !isSpanContextValid(spanContext)) return undefined;
  const flags = (spanContext.traceFlags & TraceFlags.SAMPLED).toString(16).padStart(2, '0');
  return `00-${spanContext.traceId}-${spanContext.spanId}-${flags}`;
}

/** A context whose (remote) parent is the given traceparent; `base` unchanged when it is absent or malformed. */
export function contextFromTraceparent(traceparent: string | undefined, base: Context = ROOT_CONTEXT): Context {
  const match = traceparent ? TRACEPARENT_PATTERN.exec(traceparent.trim().toLowerCase()) : null;
  if (!match) return base;
  const [, traceId, spanId, flags] = match as unknown as [string, string, string, string];
  const spanContext = { traceId, spanId, traceFlags: Number.parseInt(flags, 16) & TraceFlags.SAMPLED, isRemote: true };
  return isSpanContextValid(spanContext) ? trace.setSpanContext(base, spanContext) : base;
}

/** An HTTP header's single value (Node gives arrays for repeated headers). */
export function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
