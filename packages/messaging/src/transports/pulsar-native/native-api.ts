/**
 * The part of the official `pulsar-client` 1.18 API (a native addon; an optionalDependency) this transport uses,
 * typed here so the package compiles where the addon is not installed. Mirrors its index.d.ts.
 */

export interface NativeMessageId {
  serialize(): Buffer;
  toString(): string;
}

export interface NativeMessage {
  getTopicName(): string;
  getProperties(): Record<string, string>;
  getData(): Buffer;
  getMessageId(): NativeMessageId;
  getPublishTimestamp(): number;
  getRedeliveryCount(): number;
  getPartitionKey(): string;
  /**
   * [partitionKey, body, properties, publishTimestamp, redeliveryCount] in one call: added by
   * scripts/pulsar/message-fields-patch.mjs (npm run pulsar:native), absent from the upstream addon.
   */
  getFields?(): [string, string, Record<string, string>, number, number];
}

export interface NativeProducer {
  send(message: { data: Buffer; partitionKey?: string; properties?: Record<string, string> }): Promise<NativeMessageId>;
  flush(): Promise<null>;
  close(): Promise<null>;
  isConnected(): boolean;
}

export interface NativeConsumer {
  acknowledge(message: NativeMessage): Promise<null>;
  negativeAcknowledge(message: NativeMessage): void;
  isConnected(): boolean;
  close(): Promise<null>;
}

export interface NativeReader {
  readNext(timeoutMs?: number): Promise<NativeMessage>;
  seekTimestamp(timestamp: number): Promise<null>;
  isConnected(): boolean;
  close(): Promise<null>;
}

export interface NativeConsumerConfig {
  topic: string;
  subscription: string;
  subscriptionType: 'Exclusive' | 'Shared' | 'KeyShared' | 'Failover';
  subscriptionInitialPosition: 'Earliest' | 'Latest';
  ackTimeoutMs?: number;
  nAckRedeliverTimeoutMs: number;
  receiverQueueSize: number;
  consumerName?: string;
  deadLetterPolicy?: { deadLetterTopic: string; maxRedeliverCount?: number };
  listener?: (message: NativeMessage, consumer: NativeConsumer) => void;
}

export interface NativeClient {
  createProducer(config: {
    topic: string;
    sendTimeoutMs?: number;
    batchingEnabled?: boolean;
    batchingType?: 'DefaultBatching' | 'KeyBasedBatching';
    batchingMaxPublishDelayMs?: number;
    blockIfQueueFull?: boolean;
  }): Promise<NativeProducer>;
  subscribe(config: NativeConsumerConfig): Promise<NativeConsumer>;
  createReader(config: {
    topic: string;
    startMessageId: NativeMessageId;
    receiverQueueSize?: number;
    listener?: (message: NativeMessage, reader: NativeReader) => void;
  }): Promise<NativeReader>;
  close(): Promise<null>;
}

export interface PulsarClientModule {
  Client: new (config: {
    serviceUrl: string;
    operationTimeoutSeconds?: number;
    messageListenerThreads?: number;
    log?: (level: number, file: string, line: number, message: string) => void;
  }) => NativeClient;
  MessageId: {
    earliest(): NativeMessageId;
    latest(): NativeMessageId;
    deserialize(data: Buffer): NativeMessageId;
  };
}

export type LoadResult = { ok: true; api: PulsarClientModule } | { ok: false; reason: string };

/** Kept in a variable so TypeScript does not try to resolve the optional package at compile time. */
const PACKAGE = 'pulsar-client';
let loading: Promise<LoadResult> | undefined;

/**
 * Loads the native client once, lazily. Never throws: `{ ok: false, reason }` says why it cannot be used
 * (package not installed, prebuilt binary missing for this platform, …).
 */
export function loadPulsarClient(): Promise<LoadResult> {
  loading ??= (async (): Promise<LoadResult> => {
    try {
      const loaded = (await import(PACKAGE)) as { default?: unknown };
      const api = (loaded.default ?? loaded) as Partial<PulsarClientModule>;
      if (typeof api.Client !== 'function' || typeof api.MessageId?.earliest !== 'function') {
        return { ok: false, reason: `${PACKAGE} loaded but does not export Client and MessageId` };
      }
      return { ok: true, api: api as PulsarClientModule };
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      return { ok: false, reason: `${PACKAGE} (native addon) could not be loaded: ${message.split('\n')[0]}` };
    }
  })();
  return loading;
}
