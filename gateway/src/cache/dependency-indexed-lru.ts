import { LRUCache } from 'lru-cache';

/** What both gateway caches keep: an answer as text, and what it depended on. */
export interface IndexedEntry {
  body: string;
  dependencies: readonly string[];
}

export interface DependencyIndexedLruOptions {
  /** Bound of the entries, in approximate bytes. */
  maxBytes: number;
  /** Safety net: an entry older than this is never served. */
  ttlMs: number;
  /** Allowance per entry for the entry object, its index slots and the LRU's nodes, on top of its text. */
  overheadBytes: number;
}

/**
 * Entries bounded by approximate bytes (strings are UTF-16 in memory, plus a fixed allowance per entry) and a TTL,
 * least recently used first, and indexed by dependency, so an event drops every entry that depended on anything it
 * changed. Shared by the fetch cache (fetch-cache.ts) and the response cache (response-cache.ts).
 */
export class DependencyIndexedLru<Entry extends IndexedEntry> {
  /** Dependency → keys of the entries that depend on it. */
  readonly #index = new Map<string, Set<string>>();
  readonly #entries: LRUCache<string, Entry>;

  constructor(options: DependencyIndexedLruOptions) {
    this.#entries = new LRUCache<string, Entry>({
      maxSize: options.maxBytes,
      sizeCalculation: (entry, key) => (entry.body.length + key.length) * 2 + options.overheadBytes,
      ttl: options.ttlMs,
      updateAgeOnGet: false,
      dispose: (entry, key) => this.#unindex(key, entry),
    });
  }

  get size(): number {
    return this.#entries.size;
  }

  /** Approximate bytes held now. */
  get bytes(): number {
    return this.#entries.calculatedSize;
  }

  get(key: string): Entry | undefined {
    return this.#entries.get(key);
  }

  /** Keeps `entry` under `key`, indexed by its dependencies; nothing is kept when it is larger than the whole bound. */
  set(key: string, entry: Entry): void {
    this.#entries.set(key, entry);
    if (this.#entries.peek(key) !== entry) return; // larger than the whole bound: not kept
    for (const dependency of entry.dependencies) {
      let keys = this.#index.get(dependency);
      if (!keys) this.#index.set(dependency, (keys = new Set()));
      keys.add(key);
    }
  }

  /** Drops every entry depending on any of `dependencies` (expired ones too), telling `dropped` of each. */
  dropDependents(dependencies: Iterable<string>, dropped?: (entry: Entry) => void): void {
    for (const dependency of dependencies) {
      const keys = this.#index.get(dependency);
      if (!keys) continue;
      for (const key of [...keys]) {
        const entry = this.#entries.peek(key, { allowStale: true });
        if (entry) dropped?.(entry);
        this.#entries.delete(key);
      }
    }
  }

  clear(): void {
    this.#entries.clear();
    this.#index.clear();
  }

  #unindex(key: string, entry: Entry): void {
    for (const dependency of entry.dependencies) {
      const keys = this.#index.get(dependency);
      if (!keys) continue;
      keys.delete(key);
      if (keys.size === 0) this.#index.delete(dependency);
    }
  }
}

/** Runs `store` once the test seam `hook` (when there is one) let it: a promise only when a hook waits. */
export function storeAfterHook<Argument>(
  hook: ((argument: Argument) => Promise<void> | void) | undefined,
  argument: Argument,
  store: () => void,
): void | Promise<void> {
  if (!hook) return store();
  return Promise.resolve(hook(argument)).then(store);
}
