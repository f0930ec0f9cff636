/**
 * How long a hydration batch that starts gathering now waits for more entities (hydration-batcher.ts).
 *
 * - **The arrival rate:** an exponential moving average of the gaps between distinct entities (an event's selections
 *   arrive together and count once), each gap counted at most twice the longest wait, so that after a pause a steady
 *   stream is recognised again within a few events.
 * - **Steady:** the latest entity followed the one before within `maxWaitMs`, and on average at least two more arrive
 *   within `maxWaitMs`. Then the batch may wait up to `maxWaitMs` (the batcher runs it as soon as it is full);
 *   otherwise (an isolated event) only `gatherMs`.
 * - **Whether waiting pays:** arrival times alone cannot tell an open stream (events keep coming while a batch waits)
 *   from a client that sends its next command only once it got the previous event (nothing comes while it waits).
 *   So a long wait that gathered one entity only is not tried again for the next 1, 4, 16 … 1,024 steady-looking
 *   windows, so a client sending one command at a time pays the wait on fewer than 1 % of its commands. Any batch
 *   that holds two or more entities (gathered in a window, or while an operation was in flight: events that
 *   overlap) resets that.
 */
/** The most steady-looking windows a batch skips waiting in after long waits that gathered nothing. */
const MAX_SKIPPED_WINDOWS = 1_024;
/** How much longer each skip is than the one before. */
const SKIP_GROWTH = 4;

export class AdaptiveWindow {
  #lastEntity: string | undefined;
  #lastAt = Number.NEGATIVE_INFINITY;
  #previousAt = Number.NEGATIVE_INFINITY;
  #averageGapMs: number | undefined;
  #skipLength = 0;
  #skipRemaining = 0;

  constructor(
    private readonly options: { gatherMs: number; maxWaitMs: number },
    private readonly weight = 0.2,
  ) {}

  /** An entity asked for at `now` (performance.now()); the same entity again right after itself counts once. */
  arrived(entity: string, now: number): void {
    if (entity === this.#lastEntity) return;
    if (this.#lastAt !== Number.NEGATIVE_INFINITY) {
      const gap = Math.min(now - this.#lastAt, 2 * this.options.maxWaitMs);
      this.#averageGapMs = this.#averageGapMs === undefined ? gap : this.#averageGapMs * (1 - this.weight) + gap * this.weight;
    }
    this.#lastEntity = entity;
    this.#previousAt = this.#lastAt;
    this.#lastAt = now;
  }

  /** The wait (ms) of a batch that starts gathering now, after its first entity `arrived`. */
  open(): number {
    const { gatherMs, maxWaitMs } = this.options;
    if (!this.steady) return gatherMs;
    if (this.#skipRemaining > 0) {
      this.#skipRemaining -= 1;
      return gatherMs;
    }
    return maxWaitMs;
  }

  /** The batch whose window was `windowMs` (what open() gave) runs with `entities` distinct entities. */
  closed(windowMs: number, entities: number): void {
    if (entities >= 2) {
      this.#skipLength = 0;
      this.#skipRemaining = 0;
    } else if (windowMs > this.options.gatherMs) {
      this.#skipLength = Math.min(MAX_SKIPPED_WINDOWS, Math.max(1, SKIP_GROWTH * this.#skipLength));
      this.#skipRemaining = this.#skipLength;
    }
  }

  /** The average gap between distinct entities (ms), once two have arrived. */
  get averageGapMs(): number | undefined {
    return this.#averageGapMs;
  }

  get steady(): boolean {
    const { maxWaitMs } = this.options;
    return this.#averageGapMs !== undefined && this.#lastAt - this.#previousAt <= maxWaitMs && this.#averageGapMs <= maxWaitMs / 2;
  }
}
