export { ServiceMetrics, type GaugeCollector } from './metrics.js';
export { OperationNameBuckets } from './operation-names.js';
export { mountObservabilityEndpoints, type ObservabilityEndpoints, type StatusAccess } from './endpoints.js';
export * from './tracing/index.js';
