/** Something whose connection can be down (a reconnecting socket). */
export interface Connection {
  readonly isDown: boolean;
}

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
    return () => this.#connections.delete(connection);
  }

  get reachable(): boolean {
    if (this.#stopped || !this.#reachable) return false;
    for (const connection of this.#connections) if (connection.isDown) return false;
    return true;
  }

  stop(): void {
    this.#stopped = true;
    this.#reachable = false;
    clearInterval(this.#timer);
  }
}
