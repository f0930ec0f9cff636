import { tracingRequested } from './environment.js';
import { setTracingActive } from './state.js';

export interface TracingHandle {
  /** Exports the spans still buffered, then stops the SDK (part of a graceful process stop). */
  shutdown(): Promise<void>;
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
export function startTracing(defaultServiceName: string): Promise<TracingHandle | undefined> {
  const environment = process.env;
  if (!tracingRequested(environment)) return Promise.resolve(undefined);
  started ??= (async () => {
    const { NodeSDK } = await import('@opentelemetry/sdk-node');
    const sdk = new NodeSDK({
      ...(environment.OTEL_SERVICE_NAME?.trim() ? {} : { serviceName: defaultServiceName }),
      instrumentations: [],
      metricReaders: [],
      logRecordProcessors: [],
    });
    sdk.start();
    setTracingActive(true);
    return {
      async shutdown() {
        setTracingActive(false);
        await sdk.shutdown();
      },
    };
  })();
  return started;
}
