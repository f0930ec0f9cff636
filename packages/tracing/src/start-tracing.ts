import { ProxyTracerProvider, trace } from '@opentelemetry/api';
import { tracingRequested } from './environment.js';
import { setTracingActive } from './state.js';
import { SynchronousContextManager } from './synchronous-context-manager.js';

export interface TracingHandle {
  /** Exports the spans still buffered, then stops the SDK (part of a graceful process stop). */
  shutdown(): Promise<void>;
}

export interface TracingOptions {
  /**
   * How the active span follows work across `await`:
   * - `async` (default): AsyncLocalStorage, the SDK's context manager; every library's spans are recorded.
   * - `explicit`: SynchronousContextManager (no promise hooks); the process passes the trace context along itself
   *   where work continues asynchronously. Only our own spans are recorded: another library's (@apollo/gateway's
   *   validate/plan/execute) would lose their parent at the first `await` and start traces of their own.
   */
  context?: 'async' | 'explicit';
}

let started: Promise<TracingHandle | undefined> | undefined;

/**
 * Starts OpenTelemetry's Node SDK when the environment asks for it (see tracingRequested): exporter, protocol,
 * endpoint, sampler and resource all come from the standard OTEL_* variables, read by the SDK itself.
 * `defaultServiceName` names the process when OTEL_SERVICE_NAME does not. No instrumentation libraries: our spans are
 * made where the work is (HTTP /graphql, subgraph fetches, the bus port, workers, outbox relay, subscriptions).
 * Metrics and logs stay with Prometheus and stdout: only traces are exported. With tracing not requested the SDK is
 * never even loaded. Idempotent: one SDK per process, whoever asks first names it.
 */
export function startTracing(defaultServiceName: string, options: TracingOptions = {}): Promise<TracingHandle | undefined> {
  const environment = process.env;
  if (!tracingRequested(environment)) return Promise.resolve(undefined);
  started ??= (async () => {
    const { NodeSDK } = await import('@opentelemetry/sdk-node');
    const explicit = options.context === 'explicit';
    const sdk = new NodeSDK({
      ...(environment.OTEL_SERVICE_NAME?.trim() ? {} : { serviceName: defaultServiceName }),
      ...(explicit ? { contextManager: new SynchronousContextManager() } : {}),
      instrumentations: [],
      metricReaders: [],
      logRecordProcessors: [],
    });
    sdk.start();
    if (explicit) {
      // ours gets the SDK's provider; the global one goes back to recording nothing (third-party spans)
      const global = trace.getTracerProvider() as ProxyTracerProvider;
      setTracingActive(true, global.getDelegate());
      global.setDelegate(new ProxyTracerProvider());
    } else setTracingActive(true);
    return {
      async shutdown() {
        setTracingActive(false);
        await sdk.shutdown();
      },
    };
  })();
  return started;
}
