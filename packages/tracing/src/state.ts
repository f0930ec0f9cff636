import { trace, type Tracer, type TracerProvider } from '@opentelemetry/api';

let active = false;
let tracer: Tracer | undefined;

/**
 * True once a tracer provider was registered by startTracing (or by a test's own provider). Every instrumented
 * point checks it first, so a process without tracing creates no span objects, wraps no handler, parses nothing.
 */
export function tracingActive(): boolean {
  return active;
}

/**
 * Called by whoever registered the tracer provider; false again after its shutdown. `provider` is the one our spans go
 * to when it is not the global one (startTracing with explicit context); default: the global provider.
 */
export function setTracingActive(value: boolean, provider?: TracerProvider): void {
  active = value;
  tracer = value ? (provider ?? trace.getTracerProvider()).getTracer('alpespartner') : undefined;
}

/** The tracer of every span this project makes (the resource's service.name tells the processes apart); looked up once. */
export function alpesTracer(): Tracer {
  return (tracer ??= trace.getTracer('alpespartner'));
}
