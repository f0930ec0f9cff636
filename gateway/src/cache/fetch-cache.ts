import type { GatewayGraphQLResponse } from '@apollo/server-gateway-interface';
import type { CacheMetrics } from './cache-metrics.js';
import { DependencyIndexedLru, storeAfterHook } from './dependency-indexed-lru.js';
import { dependenciesOf, entityDependency, EVERYTHING, typeDependency, type EntityRef } from './dependencies.js';
import type { EventEntities } from './event-entities.js';
import { InvalidationClock } from './invalidation-clock.js';
import { typesBySubgraph } from './supergraph-types.js';

/** Seams for tests: the fetch race is made deterministic by holding a fetch between its answer and its store. */
export interface FetchCacheHooks {
  /** Awaited after a subgraph answered and before the answer is stored (or refused as stale). */
  beforeStore?(fetch: { subgraph: string; query: string }): Promise<void> | void;
  /** Called after an event's invalidation, with the dependencies it stamped. */
  invalidated?(dependencies: readonly string[]): void;
}

export interface FetchCacheSettings {
  /** Bound of the cached answers, in approximate bytes (CACHE_MAX_MB). */
  maxBytes: number;
  /** Safety net: an entry older than this is never served (CACHE_TTL_S). */
  ttlMs: number;
  hooks?: FetchCacheHooks;
}

/** A subgraph request as RemoteGraphQLDataSource sends it. */
export interface FetchRequest {
  query?: string;
  operationName?: string | null;
  variables?: Record<string, unknown> | null;
}

interface Entry {
  subgraph: string;
  /** The answer as JSON text: each hit parses its own copy (the executor merges into what it gets). */
  body: string;
  dependencies: readonly string[];
}

/**
 * What one operation's fetches depended on, gathered for the response cache (response-cache.ts): each fetch served
 * or stored adds its dependencies; a fetch that could not be cached (errors, stale, the cache not serving, not a
 * query) refuses the whole operation.
 */
export interface DependencyRecord {
  add(dependencies: Iterable<string>): void;
  refuse(reason: 'errors' | 'stale' | 'uncached'): void;
}

/** A layer over the fetch cache whose entries depend on the same things (the response cache): dropped together. */
export interface CacheFollower {
  drop(dependencies: ReadonlySet<string>): void;
  clear(): void;
}

/** The allowance per entry beyond its text (dependency-indexed-lru.ts). */
const ENTRY_OVERHEAD_BYTES = 256;

/**
 * Subgraph fetch results of queries, keyed by subgraph, authorization partition, query and variables, and dropped by
 * the domain events the gateway reads (cache-events.ts). See the README, "Gateway cache".
 */
export class FetchCache {
  readonly #clock = new InvalidationClock();
  readonly #entries: DependencyIndexedLru<Entry>;
  #subgraphTypes = new Map<string, Set<string>>();
  readonly #followers: CacheFollower[] = [];
  /** Off until the cache reads every event topic; off while the bus is disconnected. */
  #serving = false;

  constructor(
    private readonly settings: FetchCacheSettings,
    private readonly metrics?: CacheMetrics,
  ) {
    this.#entries = new DependencyIndexedLru<Entry>({ maxBytes: settings.maxBytes, ttlMs: settings.ttlMs, overheadBytes: ENTRY_OVERHEAD_BYTES });
  }

  get serving(): boolean {
    return this.#serving;
  }

  /** A layer dropped by the same events, emptied whenever this cache is (response-cache.ts). */
  follow(follower: CacheFollower): void {
    this.#followers.push(follower);
  }

  /** Whether any of `dependencies` was invalidated after tick `since`, or everything was (a clear). */
  invalidatedSince(dependencies: Iterable<string>, since: number): boolean {
    if (this.#clock.clearedSince(since)) return true;
    for (const dependency of dependencies) if (this.#clock.invalidatedSince(dependency, since)) return true;
    return false;
  }

  /** Entries held now (tests, /status). */
  get size(): number {
    return this.#entries.size;
  }

  /** Starts (or stops) serving; stopping forgets everything, so nothing cached before a gap in events is served after it. */
  setServing(serving: boolean): void {
    if (!serving && this.#serving) this.clear();
    this.#serving = serving;
  }

  /** A new supergraph: root fetches now depend on the types it says each subgraph knows; old answers are dropped. */
  updateSupergraph(supergraphSdl: string): void {
    this.#subgraphTypes = typesBySubgraph(supergraphSdl);
    this.clear();
  }

  keyOf(subgraph: string, partition: string, request: FetchRequest): string {
    return `${subgraph}\n${partition}\n${request.operationName ?? ''}\n${request.query ?? ''}\n${JSON.stringify(request.variables ?? {})}`;
  }

  /** The cached answer (a fresh copy), or undefined: the caller fetches, noting `clock` first. */
  get(key: string, subgraph: string, record?: DependencyRecord): GatewayGraphQLResponse | undefined {
    const entry = this.#entries.get(key);
    if (!entry) {
      this.metrics?.misses.inc({ subgraph });
      return undefined;
    }
    this.metrics?.hits.inc({ subgraph });
    record?.add(entry.dependencies);
    return JSON.parse(entry.body) as GatewayGraphQLResponse;
  }

  /** The tick a fetch notes before it starts; `store` compares its dependencies' invalidations with it. */
  get clock(): number {
    return this.#clock.now;
  }

  /**
   * Stores a subgraph's answer unless it has errors or an invalidation of anything it includes happened after
   * `startedAt` (the fetch overlapped a change: its answer may predate it). Returns a promise only when a test hook waits.
   */
  store(
    key: string,
    subgraph: string,
    request: FetchRequest,
    startedAt: number,
    response: GatewayGraphQLResponse,
    record?: DependencyRecord,
  ): void | Promise<void> {
    if (response.errors && response.errors.length > 0) {
      this.metrics?.skippedStores.inc({ subgraph, reason: 'errors' });
      record?.refuse('errors');
      return;
    }
    return storeAfterHook(this.settings.hooks?.beforeStore, { subgraph, query: request.query ?? '' }, () =>
      this.#storeNow(key, subgraph, request, startedAt, response, record),
    );
  }

  #storeNow(key: string, subgraph: string, request: FetchRequest, startedAt: number, response: GatewayGraphQLResponse, record?: DependencyRecord): void {
    if (!this.#serving) {
      record?.refuse('uncached');
      return;
    }
    const dependencies = dependenciesOf(request, response.data, this.#subgraphTypes.get(subgraph));
    for (const dependency of dependencies) {
      if (this.#clock.invalidatedSince(dependency, startedAt)) {
        this.metrics?.skippedStores.inc({ subgraph, reason: 'stale' });
        record?.refuse('stale');
        return;
      }
    }
    record?.add(dependencies);
    const entry: Entry = {
      subgraph,
      body: JSON.stringify(response.extensions ? { data: response.data, extensions: response.extensions } : { data: response.data }),
      dependencies: [...dependencies],
    };
    this.#entries.set(key, entry);
    this.metrics?.bytes.set(this.#entries.bytes);
  }

  /**
   * An event: the changed entities, their types and the entities they reference are stamped (so fetches in flight
   * that include them are not stored), and every cached fetch depending on any of them is dropped.
   */
  invalidate({ changed, referenced }: EventEntities): void {
    if (changed.length === 0 && referenced.length === 0) return;
    const dependencies = new Set<string>([EVERYTHING]);
    const entity = ({ typename, id }: EntityRef) => dependencies.add(entityDependency(typename, id));
    for (const ref of changed) {
      entity(ref);
      dependencies.add(typeDependency(ref.typename));
    }
    for (const ref of referenced) entity(ref);
    this.#clock.invalidate(dependencies);
    this.#entries.dropDependents(dependencies, (entry) => this.metrics?.invalidations.inc({ subgraph: entry.subgraph }));
    for (const follower of this.#followers) follower.drop(dependencies);
    this.metrics?.events.inc();
    this.metrics?.bytes.set(this.#entries.bytes);
    this.settings.hooks?.invalidated?.([...dependencies]);
  }

  /** Drops every entry; fetches in flight are not stored either. */
  clear(): void {
    this.#clock.invalidateEverything();
    this.#entries.clear();
    for (const follower of this.#followers) follower.clear();
    this.metrics?.bytes.set(0);
  }
}
