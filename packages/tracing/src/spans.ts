import {
  context,
  INVALID_SPAN_CONTEXT,
  SpanStatusCode,
  trace,
  TraceFlags,
  type Attributes,
  type Context,
  type Link,
  type Span,
  type SpanKind,
} from '@opentelemetry/api';
import { alpesTracer, tracingActive } from './state.js';

/** What `work` gets when no span is recorded (tracing off, or a trace that is not sampled): a span that records nothing. */
const NO_SPAN = trace.wrapSpanContext(INVALID_SPAN_CONTEXT);

export interface SpanOptions {
  kind?: SpanKind;
  /**
   * Set on the span only once the sampler decided it records: a span the sampler drops reads and copies none of them
   * (the samplers OTEL_TRACES_SAMPLER configures never look at them).
   */
  attributes?: Attributes;
  links?: Link[];
  /** Default: the active context. */
  parent?: Context;
}

/** Marks a span failed with the error's class and message (never a payload: errors here carry no personal data). */
export function recordFailure(span: Span, error: unknown): void {
  span.recordException(error instanceof Error ? error : String(error));
  span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.message : String(error) });
}

/**
 * Whether a span made under `parent` may be recorded: false when tracing is off, or when the parent is a span of this
 * process whose trace was not sampled. Every sampler the SDK configures from OTEL_TRACES_SAMPLER decides a child of
 * such a parent the same way (parentbased_*: not sampled; traceidratio: the same trace id, the same answer;
 * always_off: never; always_on would have sampled the parent), so its children need no span at all. A remote parent
 * (a traceparent received) and no parent are left to the sampler.
 */
export function recordsUnder(parent: Context): boolean {
  if (!tracingActive()) return false;
  const spanContext = trace.getSpanContext(parent);
  return spanContext === undefined || spanContext.isRemote === true || (spanContext.traceFlags & TraceFlags.SAMPLED) !== 0;
}

/** The span standing in for one not recorded: the parent's own (not sampled, so it records nothing either), else NO_SPAN. */
function unrecordedSpanUnder(parent: Context): Span {
  return trace.getSpan(parent) ?? NO_SPAN;
}

/** The SDK's span (the sampler decides), with its attributes when it records. */
function startUnderSampler(name: string, options: SpanOptions, parent: Context): Span {
  const span = alpesTracer().startSpan(name, { kind: options.kind, links: options.links }, parent);
  if (options.attributes && span.isRecording()) span.setAttributes(options.attributes);
  return span;
}

/**
 * Runs `work` inside a new active span that ends when it settles, failed when it throws. When no span would be
 * recorded (recordsUnder) it makes none: `work` runs in `options.parent` when one is given (so that what it sends
 * still carries the trace's decision on), else just as it is.
 */
export function inSpan<T>(name: string, options: SpanOptions, work: (span: Span) => Promise<T> | T): Promise<T> {
  const parent = options.parent ?? context.active();
  if (!recordsUnder(parent)) {
    if (options.parent === undefined || !tracingActive()) return (async () => work(unrecordedSpanUnder(parent)))();
    return context.with(parent, async () => work(unrecordedSpanUnder(parent)));
  }
  const span = startUnderSampler(name, options, parent);
  return context.with(trace.setSpan(parent, span), async () => {
    try {
      return await work(span);
    } catch (error) {
      recordFailure(span, error);
      throw error;
    } finally {
      span.end();
    }
  });
}

/** A span started now and ended by the caller (e.g. when a promise settles elsewhere); not made active. */
export function startSpan(name: string, options: SpanOptions): Span {
  const parent = options.parent ?? context.active();
  if (!recordsUnder(parent)) return unrecordedSpanUnder(parent);
  return startUnderSampler(name, options, parent);
}
