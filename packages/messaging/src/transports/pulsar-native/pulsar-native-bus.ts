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
import { checkConsumeOptions, checkName, checkOutgoing, checkReadOptions, fullTopicName, type PulsarNamespace } from '../pulsar-common/topic-names.js';
import { loadPulsarClient, type NativeClient, type NativeProducer, type PulsarClientModule } from './native-api.js';
import { PulsarNativeConsumer } from './native-consumer.js';
import { PulsarNativeReader } from './native-reader.js';

export { loadPulsarClient } from './native-api.js';

const DEFAULT_LISTENER_THREADS = 4;

export interface PulsarNativeBusOptions {
  /** Binary protocol endpoint, e.g. pulsar://localhost:6650. */
  serviceUrl: string;
  /** HTTP endpoint, for the readiness probe behind isConnected(), e.g. http://localhost:8080. */
  webUrl: string;
  tenant?: string;
  namespace?: string;
  /** sendTimeoutMs of the producers (default 5 000 ms). */
  publishTimeoutMs?: number;
  closeTimeoutMs?: number;
  receiverQueueSize?: number;
  maxConcurrentHandlers?: number;
  /**
   * Topics whose producer batches messages (one broker entry for those sent in one macrotask, see #flushAtEndOfTick):
   * several times less broker work per message. Only for topics no key-shared subscription reads: the broker routes a
   * batch by its first key.
   */
  batchedTopics?: readonly string[];
  /** The batching producers' own timer (batchingMaxPublishDelayMs, default 1 ms): what a batch waits at most when no flush came. */
  batchingDelayMs?: number;
  /**
   * Threads handing received messages to JavaScript (the client's messageListenerThreads; default 4). Each consumer and
   * reader is bound to one of them, and a thread hands over one message at a time, waiting until this process's event
   * loop took it: with one thread, every endpoint of the bus queues behind the others' messages.
   */
  listenerThreads?: number;
  /** Unacknowledged messages are redelivered after this long (>= 10 000 ms; default off). */
  ackTimeoutMs?: number;
  healthCheckIntervalMs?: number;
  onHandlerError?: HandlerErrorListener;
}

/**
 * The Bus on the official native client, `pulsar-client` (an optionalDependency: it needs a prebuilt binary).
 * Build it with {@link PulsarNativeBus.create}, which loads the addon and says why when it cannot.
 * Same semantics as the WebSocket transport; the native client reconnects producers, consumers and readers itself.
 */
export class PulsarNativeBus implements Bus {
  readonly #ns: PulsarNamespace;
  readonly #client: NativeClient;
  readonly #reachability: Reachability;
  readonly #admin: PulsarAdminClient;
  readonly #producers = new Map<string, Promise<NativeProducer>>();
  readonly #openProducers = new Map<string, NativeProducer>();
  readonly #endpoints: OpenEndpoints;
  /** Producers of batched topics sent to in this macrotask: flushed once it ends (see #flushAtEndOfTick). */
  readonly #flushDue = new Set<NativeProducer>();

  /** Loads `pulsar-client`; rejects with an Error saying why when the addon cannot be loaded. */
  static async create(options: PulsarNativeBusOptions): Promise<PulsarNativeBus> {
    const loaded = await loadPulsarClient();
    if (!loaded.ok) throw new Error(`pulsar bus: the native client is not available: ${loaded.reason}`);
    const bus = new PulsarNativeBus(loaded.api, options);
    await bus.#firstProbe; // isConnected() answers from the first readiness probe on, as the WebSocket transport's ready()
    return bus;
  }

  readonly #firstProbe: Promise<void>;

  private constructor(
    private readonly api: PulsarClientModule,
    private readonly options: PulsarNativeBusOptions,
  ) {
    this.#ns = { tenant: options.tenant ?? 'public', namespace: options.namespace ?? 'default' };
    checkName('tenant', this.#ns.tenant);
    checkName('namespace', this.#ns.namespace);
    const { batchingDelayMs } = options;
    if (batchingDelayMs !== undefined && !(Number.isInteger(batchingDelayMs) && batchingDelayMs >= 0)) {
      throw new Error(`pulsar bus (native): batchingDelayMs must be a whole number of milliseconds ≥ 0, got ${String(batchingDelayMs)}`);
    }
    this.#client = new api.Client({
      serviceUrl: options.serviceUrl,
      operationTimeoutSeconds: 10,
      messageListenerThreads: Math.max(1, options.listenerThreads ?? DEFAULT_LISTENER_THREADS),
      log: (level, file, line, message) => {
        if (level >= 2) console.warn(`[pulsar-client] ${file}:${line} ${message}`); // WARN and ERROR only
      },
    });
    const admin = new PulsarAdminClient(options.webUrl, this.#ns, 5_000);
    this.#admin = admin;
    this.#reachability = new Reachability(() => admin.isReady(), options.healthCheckIntervalMs ?? 5_000);
    this.#firstProbe = this.#reachability.start();
    this.#endpoints = new OpenEndpoints('pulsar bus (native)', this.#reachability);
  }

  async publish(topic: string, message: OutgoingMessage): Promise<{ messageId: string }> {
    if (this.#endpoints.closed) throw new BusUnavailableError('pulsar bus (native): closed; the message was not sent');
    checkName('topic', topic);
    checkOutgoing(message);
    // libpulsar would retry a broker that is gone until its operation or send timeout (5–10 s), past the gateway's
    // request deadline: when the broker is known down (a reader or consumer lost it, or the last probe failed),
    // probe once and refuse at once, as the WebSocket transport does, instead of accepting late or timing out.
    if (!this.#reachability.reachable) {
      await this.#reachability.probeNow();
      if (!this.#reachability.reachable) throw new BusUnavailableError(`pulsar bus (native): the broker is unreachable; the message to ${topic} was not sent`);
    }
    let producer: NativeProducer;
    try {
      producer = this.#openProducers.get(topic) ?? (await this.#producer(topic)); // no await once it is open
    } catch (error) {
      throw new BusUnavailableError(`pulsar bus (native): no producer for ${topic}, the message was not sent: ${String(error)}`, { cause: error });
    }
    try {
      const sent = producer.send({ data: Buffer.from(message.body, 'utf8'), partitionKey: message.key, properties: message.properties ?? {} });
      if (this.#batched(topic)) this.#flushAtEndOfTick(producer);
      const id = await sent;
      let messageId: string | undefined;
      return {
        get messageId() {
          return (messageId ??= id.serialize().toString('base64')); // on first read: the outbox relay never reads it
        },
      };
    } catch (error) {
      // the client may have written it before its send timeout: the broker may have stored it
      throw new BusUnavailableError(`pulsar bus (native): the broker did not confirm the message to ${topic}: ${String(error)}`, {
        cause: error,
        outcomeUnknown: true,
      });
    }
  }

  async consume(options: ConsumeOptions): Promise<Consumer> {
    this.#endpoints.assertOpen();
    checkConsumeOptions(options);
    const context = {
      ...this.#shared(),
      ackTimeoutMs: this.options.ackTimeoutMs,
      maxConcurrentHandlers: Math.max(1, this.options.maxConcurrentHandlers ?? 5),
      deadLetter: (topic: string, message: DeliveredMessage) => this.publish(topic, deadLetterOf(this.#ns, message)).then(() => undefined),
    };
    return this.#endpoints.open('consumer', (onClosed) => PulsarNativeConsumer.open(context, options, onClosed));
  }

  async read(options: ReadOptions): Promise<Reader> {
    this.#endpoints.assertOpen();
    checkReadOptions(options);
    const context = { ...this.#shared(), api: this.api, admin: this.#admin };
    return this.#endpoints.open('reader', (onClosed) => PulsarNativeReader.open(context, options, onClosed));
  }

  isConnected(): boolean {
    return this.#endpoints.isConnected();
  }

  close(): Promise<void> {
    return this.#endpoints.close(async () => {
      const producers = await Promise.allSettled([...this.#producers.values()]);
      await Promise.all(producers.map((result) => (result.status === 'fulfilled' ? result.value.close().catch(() => undefined) : undefined)));
      await this.#client.close().catch(() => undefined);
    });
  }

  #batched(topic: string): boolean {
    return this.options.batchedTopics?.includes(topic) ?? false;
  }

  /**
   * A batched topic's batch leaves when the macrotask that filled it ends (setImmediate), not when the producer's 1 ms
   * batching timer fires: what one outbox relay pass sends (one Promise.all) still goes as one broker entry, and a lone
   * event (one command at a time) no longer waits the timer out (+1.5 ms per publish, measured). A failed flush changes
   * nothing: each send's own promise reports its outcome, and the timer still sends what a flush did not.
   */
  #flushAtEndOfTick(producer: NativeProducer): void {
    if (this.#flushDue.size === 0) setImmediate(() => this.#flushNow());
    this.#flushDue.add(producer);
  }

  #flushNow(): void {
    for (const producer of this.#flushDue) producer.flush().catch(() => undefined);
    this.#flushDue.clear();
  }

  #shared() {
    return {
      client: this.#client,
      reachability: this.#reachability,
      fullTopicName: (topic: string) => fullTopicName(this.#ns, topic),
      receiverQueueSize: Math.min(1_000, Math.max(1, this.options.receiverQueueSize ?? 100)),
      closeTimeoutMs: this.options.closeTimeoutMs ?? 1_000,
      onHandlerError: this.options.onHandlerError,
    };
  }

  #producer(topic: string): Promise<NativeProducer> {
    let producer = this.#producers.get(topic);
    if (!producer) {
      producer = this.#client.createProducer({
        topic: fullTopicName(this.#ns, topic),
        sendTimeoutMs: this.options.publishTimeoutMs ?? 5_000,
        ...batchingFor(this.options.batchedTopics, topic, this.options.batchingDelayMs ?? 1),
      });
      producer.then(
        (open) => this.#openProducers.set(topic, open),
        () => this.#producers.delete(topic), // try again on the next publish
      );
      this.#producers.set(topic, producer);
    }
    return producer;
  }
}

/**
 * Batching on the topics the bus was told to batch, none elsewhere. DefaultBatching, as the WebSocket proxy's
 * producer: the messages of one batch share one broker entry, in publish order. Not KeyBasedBatching: it makes one
 * entry per key, and the relay's events and outcomes have a key each (an aggregate's, a correlation id), so it batched
 * nothing and cost more than no batching. The bus flushes each batch at the end of its macrotask; `delayMs` is the
 * producer's own timer behind that.
 */
function batchingFor(batchedTopics: readonly string[] | undefined, topic: string, delayMs: number) {
  if (!batchedTopics?.includes(topic)) return { batchingEnabled: false };
  return { batchingEnabled: true, batchingType: 'DefaultBatching' as const, batchingMaxPublishDelayMs: delayMs };
}
