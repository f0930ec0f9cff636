import { trace, type Tracer } from '@opentelemetry/api';

let active = false;

/**
 * True once a tracer provider was registered by startTracing (or by a test's own provider). Every instrumented
 * point checks it first, so a process without tracing creates no span objects, wraps no handler, parses nothing.
 */
export function tracingActive(): boolean {
  return active;
}

/** Called by whoever registered the global tracer provider; false again after its shutdown. */
export function setTracingActive(value: boolean): void {
  active = value;
}

/** The tracer of every span this project makes (the resource's service.name tells the processes apart). */
export function alpesTracer(): Tracer {
  return trace.getTracer('alpespartner');
}
