import {
  BusUnavailableError,
  type Bus,
  type ConsumeOptions,
  type Consumer,
  type DeliveredMessage,
  type OutgoingMessage,
  type ReadOptions,
  type Reader,
  type HandlerErrorListener,
} from '../../bus.js';
import { PulsarAdminClient } from '../pulsar-common/admin-client.js';
import { deadLetterOf, OpenEndpoints } from '../pulsar-common/endpoint-lifecycle.js';
import { Reachability } from '../pulsar-common/reachability.js';
import { checkConsumeOptions, checkName, checkOutgoing, checkReadOptions, type PulsarNamespace } from '../pulsar-common/topic-names.js';
import { WsConsumer } from './consumer.js';
import { webSocketBase, type SocketDefaults } from './frames.js';
import { WsProducer } from './producer.js';
import { WsReader } from './reader.js';

export interface PulsarWebSocketBusOptions {
  /** Broker HTTP endpoint: admin REST and the WebSocket API (`/ws/v2`), e.g. http://localhost:8080. */
  webUrl: string;
  tenant?: string;
  namespace?: string;
  /** A publish without a receipt within this long rejects with BusUnavailableError (default 5 000 ms). */
  publishTimeoutMs?: number;
  /** How long consume() and read() wait for their first connection (default 10 000 ms). */
  connectTimeoutMs?: number;
  /** How long a consumer's close() waits for in-flight handlers before abandoning them (default 1 000 ms). */
  closeTimeoutMs?: number;
  /** Reconnect delays: first, doubled per failure, capped (default 100 ms → 5 000 ms). */
  reconnectBackoff?: { initialMs: number; maxMs: number };
  /** Messages the broker pushes to a consumer or reader before acks / permits (default 100, max 1 000). */
  receiverQueueSize?: number;
  /** Handlers a shared or key-shared consumer runs at once (default 5; exclusive: always 1). */
  maxConcurrentHandlers?: number;
  /**
   * Topics whose producer batches messages (one broker entry for those sent within 1 ms): several times less broker
   * work per message. Only for topics no key-shared subscription reads: the broker routes a batch by its first key.
   * A batched message's id in the publish receipt lacks the batch size its delivered id carries; either resumes a reader.
   */
  batchedTopics?: readonly string[];
  /** Broker readiness probe period for isConnected() (default 5 000 ms). */
  healthCheckIntervalMs?: number;
  /** Told about every handler that threw. Default: ignored. */
  onHandlerError?: HandlerErrorListener;
}

/**
 * The Bus over Apache Pulsar's official WebSocket API (`ws://…/ws/v2`) with the `ws` package, plus a few admin
 * REST calls for what the WebSocket API cannot do (subscriptions created at the earliest message, reader starts
 * at the last message or at a time). Topics are `persistent://{tenant}/{namespace}/{topic}` and auto-created.
 * Every socket reconnects by itself with exponential backoff; see the files in ./pulsar-websocket/.
 */
export class PulsarWebSocketBus implements Bus {
  readonly #ns: PulsarNamespace;
  readonly #sockets: SocketDefaults;
  readonly #admin: PulsarAdminClient;
  readonly #reachability: Reachability;
  readonly #producers = new Map<string, WsProducer>();
  readonly #endpoints: OpenEndpoints;
  readonly #settings: Required<Omit<PulsarWebSocketBusOptions, 'onHandlerError' | 'tenant' | 'namespace' | 'webUrl' | 'reconnectBackoff' | 'batchedTopics'>>;
  readonly #onHandlerError: HandlerErrorListener | undefined;
  readonly #batchedTopics: ReadonlySet<string>;

  constructor(options: PulsarWebSocketBusOptions) {
    if (!/^https?:\/\/\S+$/.test(options.webUrl)) throw new Error(`pulsar bus: webUrl must be an http(s) URL (got ${JSON.stringify(options.webUrl)})`);
    this.#ns = { tenant: options.tenant ?? 'public', namespace: options.namespace ?? 'default' };
    checkName('tenant', this.#ns.tenant);
    checkName('namespace', this.#ns.namespace);
    this.#settings = {
      publishTimeoutMs: options.publishTimeoutMs ?? 5_000,
      connectTimeoutMs: options.connectTimeoutMs ?? 10_000,
      closeTimeoutMs: options.closeTimeoutMs ?? 1_000,
      receiverQueueSize: Math.min(1_000, Math.max(1, Math.floor(options.receiverQueueSize ?? 100))),
      maxConcurrentHandlers: Math.max(1, Math.floor(options.maxConcurrentHandlers ?? 5)),
      healthCheckIntervalMs: options.healthCheckIntervalMs ?? 5_000,
    };
    this.#onHandlerError = options.onHandlerError;
    this.#batchedTopics = new Set(options.batchedTopics ?? []);
    this.#sockets = {
      wsBase: webSocketBase(options.webUrl),
      backoff: options.reconnectBackoff ?? { initialMs: 100, maxMs: 5_000 },
      handshakeTimeoutMs: Math.min(this.#settings.connectTimeoutMs, 5_000),
      pingIntervalMs: 30_000,
      connectTimeoutMs: this.#settings.connectTimeoutMs,
    };
    this.#admin = new PulsarAdminClient(options.webUrl, this.#ns, 5_000);
    this.#reachability = new Reachability(() => this.#admin.isReady(), this.#settings.healthCheckIntervalMs);
    void this.#reachability.start();
    this.#endpoints = new OpenEndpoints('pulsar bus', this.#reachability);
  }

  /** Resolves once the first broker probe answered (true when reachable); createBus awaits it. */
  async ready(): Promise<boolean> {
    await this.#reachability.probeNow();
    return this.isConnected();
  }

  async publish(topic: string, message: OutgoingMessage): Promise<{ messageId: string }> {
    if (this.#endpoints.closed) throw new BusUnavailableError('pulsar bus: closed; the message was not sent');
    checkName('topic', topic);
    checkOutgoing(message);
    let producer = this.#producers.get(topic);
    if (!producer) {
      producer = new WsProducer(
        {
          ns: this.#ns,
          sockets: this.#sockets,
          reachability: this.#reachability,
          publishTimeoutMs: this.#settings.publishTimeoutMs,
          batching: this.#batchedTopics.has(topic),
        },
        topic,
      );
      this.#producers.set(topic, producer);
    }
    return producer.publish(message);
  }

  async consume(options: ConsumeOptions): Promise<Consumer> {
    this.#endpoints.assertOpen();
    checkConsumeOptions(options);
    const context = {
      ...this.#endpointContext(),
      maxConcurrentHandlers: this.#settings.maxConcurrentHandlers,
      deadLetter: (topic: string, message: DeliveredMessage) => this.publish(topic, deadLetterOf(this.#ns, message)).then(() => undefined),
    };
    return this.#endpoints.open('consumer', (onClosed) => WsConsumer.open(context, options, onClosed));
  }

  async read(options: ReadOptions): Promise<Reader> {
    this.#endpoints.assertOpen();
    checkReadOptions(options);
    const context = this.#endpointContext();
    return this.#endpoints.open('reader', (onClosed) => WsReader.open(context, options, onClosed));
  }

  #endpointContext() {
    return {
      ns: this.#ns,
      sockets: this.#sockets,
      admin: this.#admin,
      reachability: this.#reachability,
      receiverQueueSize: this.#settings.receiverQueueSize,
      closeTimeoutMs: this.#settings.closeTimeoutMs,
      onHandlerError: this.#onHandlerError,
    };
  }

  isConnected(): boolean {
    return this.#endpoints.isConnected();
  }

  /** Closes consumers (waiting for their handlers), readers, then producers; idempotent. */
  close(): Promise<void> {
    return this.#endpoints.close(async () => {
      await Promise.all([...this.#producers.values()].map((producer) => producer.close()));
      this.#producers.clear();
    });
  }
}
