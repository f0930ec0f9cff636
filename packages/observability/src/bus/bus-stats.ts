import { busConfigFromEnv, MemoryBus, type Bus, type PulsarBusConfig } from '@alpes/messaging';

/** Where a subscription's backlog comes from: the memory bus itself, or Pulsar's admin REST stats. */
export interface BusStats {
  /**
   * Messages the subscription has not acknowledged; undefined when it cannot be told (broker unreachable).
   * `createAtEarliest`: create the subscription at the earliest message when it does not exist (dead-letter topics
   * get their `dlq-replay` subscription this way, so that the broker keeps what is dead-lettered until replayed).
   */
  backlog(topic: string, subscription: string, options?: { createAtEarliest?: boolean }): Promise<number | undefined>;
}

export class MemoryBusStats implements BusStats {
  constructor(private readonly bus: MemoryBus) {}

  async backlog(topic: string, subscription: string): Promise<number> {
    return this.bus.backlog(topic, subscription);
  }
}

interface TopicStats {
  subscriptions?: Record<string, { msgBacklog?: number }>;
}

/** `GET /admin/v2/persistent/{tenant}/{namespace}/{topic}/stats`: msgBacklog per subscription. */
export class PulsarAdminStats implements BusStats {
  readonly #base: string;

  constructor(
    private readonly config: Pick<PulsarBusConfig, 'webUrl' | 'tenant' | 'namespace'>,
    private readonly timeoutMs = 3_000,
  ) {
    this.#base = `${config.webUrl.replace(/\/+$/, '')}/admin/v2/persistent/${config.tenant}/${config.namespace}`;
  }

  async backlog(topic: string, subscription: string, options: { createAtEarliest?: boolean } = {}): Promise<number | undefined> {
    try {
      const stats = await this.#stats(topic);
      const known = stats?.subscriptions?.[subscription];
      if (known) return known.msgBacklog ?? 0;
      if (!options.createAtEarliest) return stats ? undefined : 0;
      await this.createSubscriptionAtEarliest(topic, subscription);
      return (await this.#stats(topic))?.subscriptions?.[subscription]?.msgBacklog ?? 0;
    } catch {
      return undefined;
    }
  }

  /** Creates the durable subscription at the earliest message unless it exists (the topic is created too). */
  async createSubscriptionAtEarliest(topic: string, subscription: string): Promise<void> {
    const response = await fetch(`${this.#base}/${encodeURIComponent(topic)}/subscription/${encodeURIComponent(subscription)}`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ledgerId: -1, entryId: -1, partitionIndex: -1 }),
      signal: AbortSignal.timeout(this.timeoutMs),
    });
    await response.body?.cancel();
    if (!response.ok && response.status !== 409)
      throw new Error(`pulsar admin: creating subscription ${subscription} on ${topic} answered HTTP ${response.status}`);
  }

  async #stats(topic: string): Promise<TopicStats | undefined> {
    const response = await fetch(`${this.#base}/${encodeURIComponent(topic)}/stats`, { signal: AbortSignal.timeout(this.timeoutMs) });
    if (response.status === 404) {
      await response.body?.cancel();
      return undefined;
    }
    if (!response.ok) throw new Error(`pulsar admin: stats of ${topic} answered HTTP ${response.status}`);
    return (await response.json()) as TopicStats;
  }
}

/** The stats of the bus this process uses: a MemoryBus answers itself; a Pulsar bus through the admin API named by PULSAR_*. */
export function busStatsFor(bus: Bus, env: NodeJS.ProcessEnv = process.env): BusStats | undefined {
  if (bus instanceof MemoryBus) return new MemoryBusStats(bus);
  const { config } = busConfigFromEnv(env);
  return config.transport === 'pulsar' ? new PulsarAdminStats(config) : undefined;
}
