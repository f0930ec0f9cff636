/** Something whose connection can be down (a reconnecting socket). */
export interface Connection {
  readonly isDown: boolean;
}

/** How long (ms) the answer "every connection is up" is reused; "one is down" is asked again every time. */
export const CONNECTIONS_RECHECK_MS = 1;

/**
 * Readiness of a Pulsar transport: the broker answered its last probe and no socket is waiting to reconnect.
 * Probes run every `intervalMs` (timer unref'd) and right away when a socket drops.
 */
export class Reachability {
  #reachable = false;
  #timer: NodeJS.Timeout | undefined;
  #probing: Promise<void> | undefined;
  #stopped = false;
  readonly #connections = new Set<Connection>();
  #connectionsUp = false;
  #checkedAt = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly probe: () => Promise<boolean>,
    private readonly intervalMs: number,
  ) {}

  /** Probes now and then periodically. Resolves after the first probe. */
  start(): Promise<void> {
    this.#timer = setInterval(() => void this.probeNow(), this.intervalMs);
    this.#timer.unref();
    return this.probeNow();
  }

  probeNow(): Promise<void> {
    this.#probing ??= this.probe()
      .catch(() => false)
      .then((ok) => {
        if (!this.#stopped) this.#reachable = ok;
      })
      .finally(() => {
        this.#probing = undefined;
      });
    return this.#probing;
  }

  /** A socket just opened: the broker is there. */
  markUp(): void {
    if (!this.#stopped) this.#reachable = true;
  }

  /** A socket dropped: check the broker now. */
  markDown(): void {
    void this.probeNow();
  }

  track(connection: Connection): () => void {
    this.#connections.add(connection);
    this.#checkedAt = Number.NEGATIVE_INFINITY; // asked on the next read
    return () => this.#connections.delete(connection);
  }

  /**
   * The connections' verdict is asked again at most once per {@link CONNECTIONS_RECHECK_MS}: on the native transport
   * each isDown is a call into the addon, and every publish asks (dozens of endpoints, several publishes per command).
   */
  get reachable(): boolean {
    if (this.#stopped || !this.#reachable) return false;
    const now = performance.now();
    if (now - this.#checkedAt >= CONNECTIONS_RECHECK_MS || !this.#connectionsUp) {
      this.#connectionsUp = [...this.#connections].every((connection) => !connection.isDown);
      this.#checkedAt = now;
    }
    return this.#connectionsUp;
  }

  stop(): void {
    this.#stopped = true;
    this.#reachable = false;
    clearInterval(this.#timer);
  }
}
