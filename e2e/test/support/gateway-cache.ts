/** What the gateway cache tests share: its counters on /metrics, and a hook that holds one fetch before its store. */
import type { FetchCacheHooks, ResponseCacheHooks } from '@alpes/gateway';
import { expect } from 'vitest';
import { parsePrometheusText } from './prometheus-text.js';

export type CacheFamily = 'hits' | 'misses' | 'invalidations' | 'skipped_stores';
export type CacheCounters = Record<CacheFamily, Record<string, number>>;

/** The counter families `gateway_<prefix>_<family>_total` from the gateway's /metrics, summed by `labelOf(sample's labels)`. */
async function countersOf(gatewayUrl: string, prefix: string, labelOf: (labels: Record<string, string>) => string): Promise<CacheCounters> {
  const families = parsePrometheusText(await (await fetch(new URL('/metrics', gatewayUrl))).text());
  const read = (family: CacheFamily) => {
    const counts: Record<string, number> = {};
    for (const sample of families.get(`gateway_${prefix}_${family}_total`)?.samples ?? []) {
      const label = labelOf(sample.labels);
      counts[label] = (counts[label] ?? 0) + sample.value;
    }
    return counts;
  };
  return { hits: read('hits'), misses: read('misses'), invalidations: read('invalidations'), skipped_stores: read('skipped_stores') };
}

/** The fetch cache's counters by subgraph (`skipped_stores` by `subgraph/reason`). */
export function cacheCounters(gatewayUrl: string): Promise<CacheCounters> {
  return countersOf(gatewayUrl, 'cache', (labels) => (labels.reason ? `${labels.subgraph}/${labels.reason}` : labels.subgraph!));
}

/** The response cache's counters (`skipped_stores` by reason, the others under `all`). */
export function responseCacheCounters(gatewayUrl: string): Promise<CacheCounters> {
  return countersOf(gatewayUrl, 'response_cache', (labels) => labels.reason ?? 'all');
}

/**
 * Two affiliates ask the same page `own` (`afiliados { totalCount nodes { id } }`) three rounds each, as themselves:
 * each only ever gets its own row. Then the admin asks it and sees them all (at least 4). The cache misses once per
 * partition (the two affiliates and the admin) and serves the affiliates' later rounds: 3 misses and 4 hits under `label`.
 */
export async function expectOwnRowsPerPartition(partitions: {
  token: (affiliateId: string) => Promise<string>;
  query: (text: string, variables?: Record<string, unknown>, authorization?: string) => Promise<{ afiliados: { totalCount: number; nodes: { id: string }[] } }>;
  affiliateIds: readonly [string, string];
  own: string;
  counters: () => Promise<CacheCounters>;
  label: string;
}): Promise<void> {
  const { query, own } = partitions;
  const before = await partitions.counters();
  const authorization = new Map<string, string>();
  for (const id of partitions.affiliateIds) authorization.set(id, `Bearer ${await partitions.token(id)}`);
  for (let round = 0; round < 3; round += 1) {
    for (const id of partitions.affiliateIds) expect((await query(own, undefined, authorization.get(id))).afiliados.nodes.map((node) => node.id)).toEqual([id]);
  }
  expect((await query(own)).afiliados.totalCount).toBeGreaterThanOrEqual(4);
  const after = await partitions.counters();
  expect(delta(before.misses, after.misses, partitions.label)).toBe(3);
  expect(delta(before.hits, after.hits, partitions.label)).toBe(4);
}

/**
 * The race of a read and a change, which must not leave the read's answer cached: `read` reads the campaign (DRAFT)
 * and the probe holds it before its store (`hold` resolves then); meanwhile `activate` changes the campaign, whose
 * event invalidates it. The read then goes on with its own answer (DRAFT), is refused as stale (the counter
 * `staleLabel` of `skipped_stores` grows by one), and a read after it sees ACTIVE.
 */
export async function expectHeldReadNotStored(race: {
  probe: CacheProbe;
  hold: () => Promise<void>;
  read: () => Promise<{ campana: unknown }>;
  campanaId: string;
  activate: () => Promise<unknown>;
  counters: () => Promise<CacheCounters>;
  staleLabel: string;
}): Promise<void> {
  const held = race.hold();
  const inFlight = race.read();
  await held;
  const invalidated = race.probe.nextInvalidation(`Campana:${race.campanaId}`);
  const before = await race.counters();
  await race.activate();
  await invalidated; // the change's event reached the hub while the read waited
  race.probe.release();
  expect((await inFlight).campana).toEqual({ id: race.campanaId, estado: 'DRAFT' }); // its own answer predates the change
  const after = await race.counters();
  expect(delta(before.skipped_stores, after.skipped_stores, race.staleLabel)).toBe(1);
  expect((await race.read()).campana).toEqual({ id: race.campanaId, estado: 'ACTIVE' });
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
