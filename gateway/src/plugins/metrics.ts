import type { ApolloServerPlugin } from '@apollo/server';
import { OperationNameBuckets, type ServiceMetrics } from '@alpes/observability';
import type { GatewayContext } from './authentication.js';

/**
 * graphql_operations_total{operation_name,operation_type,outcome}, graphql_operation_duration_seconds and
 * graphql_errors_total{code} for every operation the gateway serves (HTTP, and queries sent over graphql-ws).
 * An operation that did not resolve (parse or validation error) is `unknown`; names past the first 100 are `other`.
 */
export function metricsPlugin(metrics: ServiceMetrics, names = new OperationNameBuckets()): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      const started = process.hrtime.bigint();
      let operationName: string | null | undefined;
      let operationType = 'unknown';
      let resolved = false;
      return {
        async didResolveOperation(context) {
          resolved = true;
          operationName = context.operationName;
          operationType = context.operation?.operation ?? 'unknown';
        },
        async willSendResponse(context) {
          const labels = { operation_name: names.label(operationName, resolved), operation_type: operationType };
          const body = context.response.body;
          const errors = body.kind === 'single' ? (body.singleResult.errors ?? []) : [];
          for (const error of errors)
            metrics.graphqlErrors.inc({ code: typeof error.extensions?.code === 'string' ? error.extensions.code : 'INTERNAL_SERVER_ERROR' });
          metrics.graphqlOperations.inc({ ...labels, outcome: errors.length > 0 ? 'error' : 'success' });
          metrics.graphqlOperationDuration.observe(labels, Number(process.hrtime.bigint() - started) / 1e9);
        },
      };
    },
  };
}

/** The same families for a query answered whole by the response cache (it never reaches Apollo Server's plugins). */
export function servedFromCache(metrics: ServiceMetrics, names: OperationNameBuckets) {
  return (operationName: string | undefined, seconds: number): void => {
    const labels = { operation_name: names.label(operationName, true), operation_type: 'query' };
    metrics.graphqlOperations.inc({ ...labels, outcome: 'success' });
    metrics.graphqlOperationDuration.observe(labels, seconds);
  };
}
