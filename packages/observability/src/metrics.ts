import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/** Seconds: from a fast cached field to a slow cross-subgraph page. */
const DURATION_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/** Label values a gauge collects at scrape time (a database query, the broker's admin stats). */
export type GaugeCollector = () => Promise<void>;

/**
 * The registry of one server (each server port serves its own under `npm start`, even when they share a process) and
 * every metric family the issue names. Families a process does not use stay at zero; their names never change.
 * Labels are low-cardinality by construction: topics, subscriptions, subgraphs, fields, error codes and bucketed
 * operation names; never an id.
 */
export class ServiceMetrics {
  readonly registry = new Registry();

  // GraphQL (gateway)
  readonly graphqlOperations: Counter<'operation_name' | 'operation_type' | 'outcome'>;
  readonly graphqlOperationDuration: Histogram<'operation_name' | 'operation_type'>;
  readonly graphqlErrors: Counter<'code'>;
  readonly subgraphFetchDuration: Histogram<'subgraph'>;
  // bus
  readonly busPublished: Counter<'topic'>;
  readonly busConsumed: Counter<'topic' | 'subscription' | 'outcome'>;
  readonly busConsumerBacklog: Gauge<'topic' | 'subscription'>;
  readonly busDlqMessages: Gauge<'topic'>;
  // outbox and inbox
  readonly outboxPendingRows: Gauge<'service'>;
  readonly outboxOldestPendingSeconds: Gauge<'service'>;
  readonly inboxDuplicates: Counter<'service'>;
  // subscriptions
  readonly subscriptionsActive: Gauge<'field'>;
  readonly subscriptionEventsDelivered: Counter<'field'>;
  readonly hydrationOperations: Counter;

  readonly #collectors = new Set<GaugeCollector>();

  constructor(readonly component: string) {
    const registers = [this.registry];
    // Node's defaults (CPU, memory, GC, handles, event-loop lag as nodejs_eventloop_lag_seconds and its percentiles)
    collectDefaultMetrics({ register: this.registry, eventLoopMonitoringPrecision: 20 });
    this.graphqlOperations = new Counter({
      name: 'graphql_operations_total',
      help: 'GraphQL operations served, by operation name (unknown names bucketed), type and outcome (success, error)',
      labelNames: ['operation_name', 'operation_type', 'outcome'],
      registers,
    });
    this.graphqlOperationDuration = new Histogram({
      name: 'graphql_operation_duration_seconds',
      help: 'Time from receiving a GraphQL operation to its response',
      labelNames: ['operation_name', 'operation_type'],
      buckets: DURATION_BUCKETS,
      registers,
    });
    this.graphqlErrors = new Counter({
      name: 'graphql_errors_total',
      help: 'GraphQL errors in responses, by extensions.code',
      labelNames: ['code'],
      registers,
    });
    this.subgraphFetchDuration = new Histogram({
      name: 'subgraph_fetch_duration_seconds',
      help: 'Time of one fetch from the gateway to a subgraph',
      labelNames: ['subgraph'],
      buckets: DURATION_BUCKETS,
      registers,
    });
    this.busPublished = new Counter({ name: 'bus_messages_published_total', help: 'Messages the bus confirmed, by topic', labelNames: ['topic'], registers });
    this.busConsumed = new Counter({
      name: 'bus_messages_consumed_total',
      help: 'Deliveries handled, by topic, subscription and outcome (ack, nack, dead_lettered)',
      labelNames: ['topic', 'subscription', 'outcome'],
      registers,
    });
    this.busConsumerBacklog = new Gauge({
      name: 'bus_consumer_backlog',
      help: "Messages not yet acknowledged by a subscription (Pulsar's admin stats on Pulsar)",
      labelNames: ['topic', 'subscription'],
      registers,
    });
    this.busDlqMessages = new Gauge({ name: 'bus_dlq_messages', help: 'Messages waiting in <topic>-DLQ (not replayed yet)', labelNames: ['topic'], registers });
    this.outboxPendingRows = new Gauge({ name: 'outbox_pending_rows', help: 'Outbox rows not published yet', labelNames: ['service'], registers });
    this.outboxOldestPendingSeconds = new Gauge({
      name: 'outbox_oldest_pending_seconds',
      help: 'Age of the oldest outbox row not published yet (0 when none)',
      labelNames: ['service'],
      registers,
    });
    this.inboxDuplicates = new Counter({
      name: 'inbox_duplicates_total',
      help: 'Redelivered messages the inbox recognised as already applied (skipped)',
      labelNames: ['service'],
      registers,
    });
    this.subscriptionsActive = new Gauge({ name: 'subscriptions_active', help: 'Open GraphQL subscriptions, by root field', labelNames: ['field'], registers });
    this.subscriptionEventsDelivered = new Counter({
      name: 'subscription_events_delivered_total',
      help: 'Events delivered to subscribers (one per subscriber), by root field',
      labelNames: ['field'],
      registers,
    });
    this.hydrationOperations = new Counter({
      name: 'hydration_operations_total',
      help: 'Operations run through the gateway to hydrate subscription events',
      registers,
    });
  }

  /** Runs at every scrape, before the registry is serialised (gauges read from the database or the broker). */
  onCollect(collector: GaugeCollector): () => void {
    this.#collectors.add(collector);
    return () => this.#collectors.delete(collector);
  }

  /** The Prometheus text exposition of this server's registry. */
  async exposition(): Promise<{ contentType: string; body: string }> {
    await this.#collect();
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }

  async #collect(): Promise<void> {
    // a collector that fails (database down) leaves its gauges at their last value; the scrape still answers
    await Promise.all([...this.#collectors].map((collector) => collector().catch(() => undefined)));
  }
}
