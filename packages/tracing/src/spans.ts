import { context, INVALID_SPAN_CONTEXT, SpanStatusCode, trace, type Attributes, type Context, type Link, type Span, type SpanKind } from '@opentelemetry/api';
import { alpesTracer, tracingActive } from './state.js';

/** What `work` gets when tracing is off: a span that records nothing. */
const NO_SPAN = trace.wrapSpanContext(INVALID_SPAN_CONTEXT);

export interface SpanOptions {
  kind?: SpanKind;
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

/** Runs `work` inside a new active span that ends when it settles, failed when it throws; just runs it when tracing is off. */
export function inSpan<T>(name: string, options: SpanOptions, work: (span: Span) => Promise<T> | T): Promise<T> {
  if (!tracingActive()) return (async () => work(NO_SPAN))();
  const parent = options.parent ?? context.active();
  const span = alpesTracer().startSpan(name, { kind: options.kind, attributes: options.attributes, links: options.links }, parent);
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
  return alpesTracer().startSpan(name, { kind: options.kind, attributes: options.attributes, links: options.links }, options.parent ?? context.active());
}
