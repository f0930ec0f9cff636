import type { ResponseCacheMetrics } from './cache-metrics.js';
import { DependencyIndexedLru, storeAfterHook } from './dependency-indexed-lru.js';
import type { CacheFollower, DependencyRecord, FetchCache } from './fetch-cache.js';

/** Seams for tests: the operation race is made deterministic by holding an answer between Apollo and its store. */
export interface ResponseCacheHooks {
  /** Awaited after Apollo answered a cacheable query and before the answer is stored (or refused). */
  beforeStore?(operation: { query: string }): Promise<void> | void;
}

export interface ResponseCacheSettings {
  /** Bound of the cached answers, in approximate bytes (CACHE_RESPONSES_MAX_MB). */
  maxBytes: number;
  /** Safety net: an entry older than this is never served (CACHE_TTL_S, shared with the fetch cache). */
  ttlMs: number;
  hooks?: ResponseCacheHooks;
}

/** A POST body the response cache answers: one operation by its text, no extensions (APQ goes through Apollo). */
export interface CacheableOperation {
  query: string;
  operationName?: string | null;
  variables?: Record<string, unknown> | null;
}

/** One HTTP answer as Apollo Server sent it, replayed byte for byte. */
export interface CachedResponse {
  status: number;
  headers: readonly (readonly [string, string])[];
  body: string;
}

type SkipReason = 'errors' | 'stale' | 'uncached' | 'not_query';

/**
 * What one operation's subgraph fetches depended on, gathered while it runs: SubgraphDataSource finds it in the
 * operation's context (GatewayContext.responseRecord) and the fetch cache adds each fetch's dependencies to it. It
 * notes the fetch cache's clock when the operation starts, before any of its fetches.
 */
export class OperationRecord implements DependencyRecord {
  readonly dependencies = new Set<string>();
  refused?: SkipReason;
  /** Set by responseRecordPlugin: the operation was a query… */
  query = false;
  /** …and it answered data without errors. */
  succeeded = false;
  /** The operation's name as Apollo resolved it (the operation metrics' label on a hit). */
  operationName: string | undefined;

  constructor(readonly startedAt: number) {}

  add(dependencies: Iterable<string>): void {
    for (const dependency of dependencies) this.dependencies.add(dependency);
  }

  refuse(reason: SkipReason): void {
    this.refused ??= reason;
  }
}

interface Entry extends CachedResponse {
  operationName: string | undefined;
  dependencies: readonly string[];
}

const ENTRY_OVERHEAD_BYTES = 512;

/**
 * Whole answers of queries over HTTP, in front of Apollo Server: keyed by authorization partition, Accept header and
 * the operation (text, name, variables), tagged with the dependencies of every subgraph fetch behind them, and dropped
 * by the same events as the fetch cache, in the same call (it follows the fetch cache: FetchCache.follow). It serves
 * exactly while the fetch cache serves. See the README, "Gateway cache".
 */
export class ResponseCache implements CacheFollower {
  readonly #entries: DependencyIndexedLru<Entry>;

  constructor(
    private readonly settings: ResponseCacheSettings,
    private readonly fetches: FetchCache,
    private readonly metrics?: ResponseCacheMetrics,
  ) {
    this.#entries = new DependencyIndexedLru<Entry>({ maxBytes: settings.maxBytes, ttlMs: settings.ttlMs, overheadBytes: ENTRY_OVERHEAD_BYTES });
    fetches.follow(this);
  }

  get serving(): boolean {
    return this.fetches.serving;
  }

  get size(): number {
    return this.#entries.size;
  }

  keyOf(partition: string, accept: string, operation: CacheableOperation): string {
    return `${partition}\n${accept}\n${operation.operationName ?? ''}\n${operation.query}\n${operation.variables ? JSON.stringify(operation.variables) : ''}`;
  }

  get(key: string): (CachedResponse & { operationName: string | undefined }) | undefined {
    const entry = this.#entries.get(key);
    if (entry) this.metrics?.hits.inc();
    else this.metrics?.misses.inc();
    return entry;
  }

  /** A record for an operation about to run: it notes the clock before any of its fetches start. */
  begin(): OperationRecord {
    return new OperationRecord(this.fetches.clock);
  }

  /**
   * Stores Apollo's answer unless the operation failed, was not a query, had a fetch that could not be cached, or
   * anything it depends on was invalidated after it began. Returns a promise only when a test hook waits.
   */
  store(key: string, operation: CacheableOperation, record: OperationRecord, response: CachedResponse): void | Promise<void> {
    return storeAfterHook(this.settings.hooks?.beforeStore, { query: operation.query }, () => this.#storeNow(key, operation, record, response));
  }

  #storeNow(key: string, operation: CacheableOperation, record: OperationRecord, response: CachedResponse): void {
    const skipped = !record.query
      ? 'not_query'
      : !record.succeeded || response.status !== 200
        ? 'errors'
        : (record.refused ?? (this.serving ? undefined : 'uncached'));
    if (skipped) {
      this.metrics?.skippedStores.inc({ reason: skipped });
      return;
    }
    if (this.fetches.invalidatedSince(record.dependencies, record.startedAt)) {
      this.metrics?.skippedStores.inc({ reason: 'stale' });
      return;
    }
    const entry: Entry = { ...response, operationName: record.operationName, dependencies: [...record.dependencies] };
    this.#entries.set(key, entry);
    this.metrics?.bytes.set(this.#entries.bytes);
  }

  /** An event, from the fetch cache: every answer depending on any of its dependencies goes. */
  drop(dependencies: ReadonlySet<string>): void {
    this.#entries.dropDependents(dependencies, () => this.metrics?.invalidations.inc());
    this.metrics?.bytes.set(this.#entries.bytes);
  }

  clear(): void {
    this.#entries.clear();
    this.metrics?.bytes.set(0);
  }
}
