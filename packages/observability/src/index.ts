export { ServiceMetrics, type GaugeCollector } from './metrics.js';
export { OperationNameBuckets } from './operation-names.js';
export { mountObservabilityEndpoints, type ObservabilityEndpoints, type StatusAccess } from './endpoints.js';
// tracing lives in @alpes/tracing (below platform); re-exported here with the bus's own spans
export * from '@alpes/tracing';
export { traceBus, traceContextOf } from './bus/traced-bus.js';
// The bus as a service sees it: delivery metrics, broker backlog, dead letters and their replay (npm run dlq)
export { ObservedBus, observedBusOf, DEAD_LETTER_PROPERTIES, DLQ_REPLAY_SUBSCRIPTION, deadLetterTopicOf, type ConsumerStatus } from './bus/observed-bus.js';
export { busStatsFor, MemoryBusStats, PulsarAdminStats, type BusStats } from './bus/bus-stats.js';
export { listDeadLetters, replayDeadLetters, type DeadLetter, type DeadLetterToolOptions } from './bus/dead-letters.js';
export { runDlqCommand, DlqUsageError, DLQ_USAGE } from './bus/dlq-command.js';
