import { Counter, Gauge, type Registry } from 'prom-client';

/** The cache's families on the gateway's /metrics; labelled by subgraph (three values) or by nothing. */
export class CacheMetrics {
  readonly hits: Counter<'subgraph'>;
  readonly misses: Counter<'subgraph'>;
  /** Cached fetches dropped by an event. */
  readonly invalidations: Counter<'subgraph'>;
  /** Answers not stored: `stale` (an overlapping invalidation), `errors` (the answer had errors). */
  readonly skippedStores: Counter<'subgraph' | 'reason'>;
  /** Domain events that invalidated (whether or not anything was cached for them). */
  readonly events: Counter;
  readonly bytes: Gauge;

  constructor(registry?: Registry) {
    const registers = registry ? [registry] : [];
    this.hits = new Counter({ name: 'gateway_cache_hits_total', help: 'Subgraph fetches answered from the cache', labelNames: ['subgraph'], registers });
    this.misses = new Counter({
      name: 'gateway_cache_misses_total',
      help: 'Cacheable subgraph fetches sent to the subgraph',
      labelNames: ['subgraph'],
      registers,
    });
    this.invalidations = new Counter({
      name: 'gateway_cache_invalidations_total',
      help: 'Cached subgraph fetches dropped because a domain event changed what they include',
      labelNames: ['subgraph'],
      registers,
    });
    this.skippedStores = new Counter({
      name: 'gateway_cache_skipped_stores_total',
      help: 'Subgraph answers not stored: stale (an invalidation overlapped the fetch) or errors',
      labelNames: ['subgraph', 'reason'],
      registers,
    });
    this.events = new Counter({ name: 'gateway_cache_invalidating_events_total', help: 'Domain events the cache invalidated from', registers });
    this.bytes = new Gauge({ name: 'gateway_cache_bytes', help: 'Approximate bytes of the cached subgraph answers (bounded by CACHE_MAX_MB)', registers });
  }
}

/** The response cache's families (response-cache.ts): whole HTTP answers, so no subgraph label. */
export class ResponseCacheMetrics {
  readonly hits: Counter;
  readonly misses: Counter;
  /** Cached answers dropped by an event. */
  readonly invalidations: Counter;
  /** Answers not stored: `stale`, `errors` (the answer or a fetch had errors), `uncached` (a fetch bypassed the fetch cache), `not_query`. */
  readonly skippedStores: Counter<'reason'>;
  readonly bytes: Gauge;

  constructor(registry?: Registry) {
    const registers = registry ? [registry] : [];
    this.hits = new Counter({ name: 'gateway_response_cache_hits_total', help: 'Queries answered whole from the response cache', registers });
    this.misses = new Counter({
      name: 'gateway_response_cache_misses_total',
      help: 'POSTs of one operation not found in the response cache, run through Apollo Server (mutations included)',
      registers,
    });
    this.invalidations = new Counter({
      name: 'gateway_response_cache_invalidations_total',
      help: 'Cached answers dropped because a domain event changed what their fetches include',
      registers,
    });
    this.skippedStores = new Counter({
      name: 'gateway_response_cache_skipped_stores_total',
      help: 'Answers not stored: stale (an invalidation overlapped the operation), errors, uncached (a fetch bypassed the fetch cache), not_query',
      labelNames: ['reason'],
      registers,
    });
    this.bytes = new Gauge({ name: 'gateway_response_cache_bytes', help: 'Approximate bytes of the cached answers (CACHE_RESPONSES_MAX_MB)', registers });
  }
}
