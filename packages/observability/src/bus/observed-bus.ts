import type { Bus, ConsumeOptions, Consumer, DeliveredMessage, OutgoingMessage, ReadOptions, Reader } from '@alpes/messaging';
import type { ServiceMetrics } from '../metrics.js';
import type { BusStats } from './bus-stats.js';

/** The subscription the DLQ tools read a dead-letter topic with: its backlog is what has not been replayed. */
export const DLQ_REPLAY_SUBSCRIPTION = 'dlq-replay';

/** Properties of a dead-lettered message besides the original ones (the first two are the names Pulsar's client uses). */
export const DEAD_LETTER_PROPERTIES = {
  realTopic: 'REAL_TOPIC',
  originMessageId: 'ORIGIN_MESSAGE_ID',
  error: 'DLQ_ERROR',
  subscription: 'DLQ_SUBSCRIPTION',
  deadLetteredAt: 'DLQ_AT',
} as const;

export function deadLetterTopicOf(topic: string, options?: Pick<ConsumeOptions, 'deadLetterTopic'>): string {
  return options?.deadLetterTopic ?? `${topic}-DLQ`;
}

export interface ConsumerStatus {
  topic: string;
  subscription: string;
  connected: boolean;
  backlog: number | null;
  deadLetterTopic: string;
  dlqSize: number | null;
}

interface OpenConsumer {
  topic: string;
  subscription: string;
  deadLetterTopic: string;
  open: boolean;
}

/**
 * A Bus that counts what goes through it (bus_messages_published_total, bus_messages_consumed_total) and
 * dead-letters a message itself on its last failed attempt, with the handler's error in DLQ_ERROR (a transport's
 * own dead-lettering, left one attempt later as a safety net, cannot know it). At every scrape it reads the
 * backlog of each subscription it consumes and the size of each dead-letter topic (bus_consumer_backlog,
 * bus_dlq_messages). /status reads the same.
 */
export class ObservedBus implements Bus {
  readonly #consumers: OpenConsumer[] = [];
  #readers = 0;
  #lastRelayPublish: { at: Date; messages: number } | undefined;

  constructor(
    readonly inner: Bus,
    readonly metrics: ServiceMetrics,
    readonly stats: BusStats | undefined,
  ) {
    metrics.onCollect(() => this.#collect());
  }

  async publish(topic: string, message: OutgoingMessage): Promise<{ messageId: string }> {
    const receipt = await this.inner.publish(topic, message);
    this.metrics.busPublished.inc({ topic });
    return receipt;
  }

  async consume(options: ConsumeOptions): Promise<Consumer> {
    const { topic, subscription, maxRedeliveries } = options;
    const deadLetterTopic = deadLetterTopicOf(topic, options);
    const handler = async (message: DeliveredMessage) => {
      try {
        await options.handler(message);
        this.metrics.busConsumed.inc({ topic, subscription, outcome: 'ack' });
      } catch (error) {
        if (maxRedeliveries === undefined || message.redeliveryCount < maxRedeliveries) {
          this.metrics.busConsumed.inc({ topic, subscription, outcome: 'nack' });
          throw error;
        }
        await this.#deadLetter(deadLetterTopic, topic, subscription, message, error);
        this.metrics.busConsumed.inc({ topic, subscription, outcome: 'dead_lettered' });
      }
    };
    const consumer = await this.inner.consume({
      ...options,
      handler,
      ...(maxRedeliveries === undefined ? {} : { maxRedeliveries: maxRedeliveries + 1 }),
    });
    const entry: OpenConsumer = { topic, subscription, deadLetterTopic, open: true };
    this.#consumers.push(entry);
    return {
      close: async () => {
        entry.open = false;
        this.#consumers.splice(this.#consumers.indexOf(entry), 1);
        await consumer.close();
      },
    };
  }

  async read(options: ReadOptions): Promise<Reader> {
    const { topic } = options;
    const reader = await this.inner.read({
      ...options,
      handler: async (message) => {
        await options.handler(message);
        this.metrics.busConsumed.inc({ topic, subscription: 'reader', outcome: 'ack' });
      },
    });
    this.#readers += 1;
    let closed = false;
    return {
      close: async () => {
        if (!closed) this.#readers -= 1;
        closed = true;
        await reader.close();
      },
    };
  }

  isConnected(): boolean {
    return this.inner.isConnected();
  }

  close(): Promise<void> {
    return this.inner.close();
  }

  /** The outbox relay tells when it published a batch (for /status). */
  relayPublished(messages: number): void {
    this.#lastRelayPublish = { at: new Date(), messages };
  }

  get lastRelayPublish(): { at: Date; messages: number } | undefined {
    return this.#lastRelayPublish;
  }

  get openReaders(): number {
    return this.#readers;
  }

  async consumerStatus(): Promise<ConsumerStatus[]> {
    const connected = this.inner.isConnected();
    return Promise.all(
      this.#consumers.map(async (consumer) => ({
        topic: consumer.topic,
        subscription: consumer.subscription,
        connected: connected && consumer.open,
        backlog: (await this.stats?.backlog(consumer.topic, consumer.subscription)) ?? null,
        deadLetterTopic: consumer.deadLetterTopic,
        dlqSize: (await this.stats?.backlog(consumer.deadLetterTopic, DLQ_REPLAY_SUBSCRIPTION, { createAtEarliest: true })) ?? null,
      })),
    );
  }

  async #collect(): Promise<void> {
    for (const status of await this.consumerStatus()) {
      if (status.backlog !== null) this.metrics.busConsumerBacklog.set({ topic: status.topic, subscription: status.subscription }, status.backlog);
      if (status.dlqSize !== null) this.metrics.busDlqMessages.set({ topic: status.topic }, status.dlqSize);
    }
  }

  async #deadLetter(deadLetterTopic: string, topic: string, subscription: string, message: DeliveredMessage, error: unknown): Promise<void> {
    const reason = (error instanceof Error ? `${error.name}: ${error.message}` : String(error)).replace(/\s+/g, ' ').trim();
    await this.inner.publish(deadLetterTopic, {
      key: message.key,
      body: message.body,
      properties: {
        ...message.properties,
        [DEAD_LETTER_PROPERTIES.realTopic]: topic,
        [DEAD_LETTER_PROPERTIES.originMessageId]: message.messageId,
        [DEAD_LETTER_PROPERTIES.error]: reason.slice(0, 500),
        [DEAD_LETTER_PROPERTIES.subscription]: subscription,
        [DEAD_LETTER_PROPERTIES.deadLetteredAt]: new Date().toISOString(),
      },
    });
    this.metrics.busPublished.inc({ topic: deadLetterTopic });
  }
}

/** The ObservedBus behind a bus, if it is one (the relay and the workers report through it). */
export function observedBusOf(bus: Bus): ObservedBus | undefined {
  return bus instanceof ObservedBus ? bus : undefined;
}
