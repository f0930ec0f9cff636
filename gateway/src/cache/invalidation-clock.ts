/**
 * When each dependency (an entity `Campana:<id>` or a type `type:Campana`) was last invalidated, on one monotonic
 * clock. A fetch notes the clock when it starts; at store time, a dependency invalidated since then means the answer
 * may predate the change, so it is not stored ("no stale store").
 *
 * Bounded: past `capacity` dependencies the oldest stamps are forgotten and the floor rises to the newest forgotten
 * stamp; a dependency without a stamp counts as invalidated at the floor. That errs on the safe side only: a fetch that
 * started before the floor is not stored, whatever it depends on.
 */
export class InvalidationClock {
  #now = 0;
  #floor = 0;
  readonly #stamps = new Map<string, number>();

  constructor(private readonly capacity = 100_000) {}

  /** The current tick: what a fetch notes when it starts. */
  get now(): number {
    return this.#now;
  }

  /** One tick for the invalidation, stamped on each of its dependencies. */
  invalidate(dependencies: Iterable<string>): void {
    this.#now += 1;
    for (const dependency of dependencies) {
      this.#stamps.delete(dependency); // re-inserted last: the map stays in stamp order, oldest first
      this.#stamps.set(dependency, this.#now);
    }
    while (this.#stamps.size > this.capacity) {
      const [oldest, stamp] = this.#stamps.entries().next().value as [string, number];
      this.#stamps.delete(oldest);
      this.#floor = stamp;
    }
  }

  /** Everything counts as invalidated now (the cache was cleared: supergraph change, bus reconnection). */
  invalidateEverything(): void {
    this.#now += 1;
    this.#floor = this.#now;
    this.#stamps.clear();
  }

  /** Whether everything counts as invalidated after tick `since` (a clear, or stamps forgotten past the capacity). */
  clearedSince(since: number): boolean {
    return this.#floor > since;
  }

  /** Whether `dependency` was invalidated after tick `since`. */
  invalidatedSince(dependency: string, since: number): boolean {
    return (this.#stamps.get(dependency) ?? this.#floor) > since;
  }
}
