/** What the gateway cache tests share: its counters on /metrics, and a hook that holds one fetch before its store. */
import type { FetchCacheHooks, ResponseCacheHooks } from '@alpes/gateway';
import { parsePrometheusText } from './prometheus-text.js';

export type CacheFamily = 'hits' | 'misses' | 'invalidations' | 'skipped_stores';

/** The gateway's cache counters by subgraph (`skipped_stores` by `subgraph/reason`), read from its /metrics. */
export async function cacheCounters(gatewayUrl: string): Promise<Record<CacheFamily, Record<string, number>>> {
  const text = await (await fetch(new URL('/metrics', gatewayUrl))).text();
  const families = parsePrometheusText(text);
  const read = (family: CacheFamily) => {
    const counts: Record<string, number> = {};
    for (const sample of families.get(`gateway_cache_${family}_total`)?.samples ?? []) {
      const label = sample.labels.reason ? `${sample.labels.subgraph}/${sample.labels.reason}` : sample.labels.subgraph!;
      counts[label] = (counts[label] ?? 0) + sample.value;
    }
    return counts;
  };
  return { hits: read('hits'), misses: read('misses'), invalidations: read('invalidations'), skipped_stores: read('skipped_stores') };
}

export type ResponseCacheFamily = 'hits' | 'misses' | 'invalidations' | 'skipped_stores';

/** The response cache's counters (`skipped_stores` by reason, the others under `all`), read from the gateway's /metrics. */
export async function responseCacheCounters(gatewayUrl: string): Promise<Record<ResponseCacheFamily, Record<string, number>>> {
  const text = await (await fetch(new URL('/metrics', gatewayUrl))).text();
  const families = parsePrometheusText(text);
  const read = (family: ResponseCacheFamily) => {
    const counts: Record<string, number> = {};
    for (const sample of families.get(`gateway_response_cache_${family}_total`)?.samples ?? []) {
      const label = sample.labels.reason ?? 'all';
      counts[label] = (counts[label] ?? 0) + sample.value;
    }
    return counts;
  };
  return { hits: read('hits'), misses: read('misses'), invalidations: read('invalidations'), skipped_stores: read('skipped_stores') };
}

/** The change of every counter between two readings (absent counters count 0). */
export function delta(before: Record<string, number>, after: Record<string, number>, label: string): number {
  return (after[label] ?? 0) - (before[label] ?? 0);
}

/**
 * Test seams of the cache (FetchCacheHooks, ResponseCacheHooks): `holdNext(match)` makes the next fetch whose query
 * matches wait between its answer and its store until `release()` (`holdNextResponse` the same for a whole answer of
 * the response cache, matched on the client's query text); `nextInvalidation(dependency)` resolves when an event
 * invalidates it.
 */
export class CacheProbe {
  #hold?: { match: (query: string) => boolean; reached: () => void; release: Promise<void> };
  #releaseHeld?: () => void;
  readonly #waiting: { dependency: string; resolve: () => void }[] = [];

  #responseHold?: { match: (query: string) => boolean; reached: () => void; release: Promise<void> };

  readonly responseHooks: ResponseCacheHooks = {
    beforeStore: ({ query }) => {
      const hold = this.#responseHold;
      if (!hold || !hold.match(query)) return;
      this.#responseHold = undefined;
      hold.reached();
      return hold.release;
    },
  };

  readonly hooks: FetchCacheHooks = {
    beforeStore: ({ query }) => {
      const hold = this.#hold;
      if (!hold || !hold.match(query)) return;
      this.#hold = undefined;
      hold.reached();
      return hold.release;
    },
    invalidated: (dependencies) => {
      for (const waiter of [...this.#waiting]) {
        if (!dependencies.includes(waiter.dependency)) continue;
        this.#waiting.splice(this.#waiting.indexOf(waiter), 1);
        waiter.resolve();
      }
    },
  };

  /** Resolves once the matching fetch has its answer and waits to be stored. */
  holdNext(match: (query: string) => boolean): Promise<void> {
    return new Promise((reached) => {
      const release = new Promise<void>((resolve) => (this.#releaseHeld = resolve));
      this.#hold = { match, reached, release };
    });
  }

  /** Resolves once the matching whole answer has come from Apollo and waits to be stored by the response cache. */
  holdNextResponse(match: (query: string) => boolean): Promise<void> {
    return new Promise((reached) => {
      const release = new Promise<void>((resolve) => (this.#releaseHeld = resolve));
      this.#responseHold = { match, reached, release };
    });
  }

  release(): void {
    this.#releaseHeld?.();
  }

  nextInvalidation(dependency: string): Promise<void> {
    return new Promise((resolve) => this.#waiting.push({ dependency, resolve }));
  }
}
