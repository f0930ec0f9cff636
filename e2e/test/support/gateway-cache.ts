/** What the gateway cache tests share: its counters on /metrics, and a hook that holds one fetch before its store. */
import type { FetchCacheHooks } from '@alpes/gateway';
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

/** The change of every counter between two readings (absent counters count 0). */
export function delta(before: Record<string, number>, after: Record<string, number>, label: string): number {
  return (after[label] ?? 0) - (before[label] ?? 0);
}

/**
 * Test seams of the cache (FetchCacheHooks): `holdNext(match)` makes the next fetch whose query matches wait between
 * its answer and its store until `release()`; `nextInvalidation(dependency)` resolves when an event invalidates it.
 */
export class CacheProbe {
  #hold?: { match: (query: string) => boolean; reached: () => void; release: Promise<void> };
  #releaseHeld?: () => void;
  readonly #waiting: { dependency: string; resolve: () => void }[] = [];

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

  release(): void {
    this.#releaseHeld?.();
  }

  nextInvalidation(dependency: string): Promise<void> {
    return new Promise((resolve) => this.#waiting.push({ dependency, resolve }));
  }
}
