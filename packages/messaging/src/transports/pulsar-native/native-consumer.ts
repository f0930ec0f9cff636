import { randomUUID } from 'node:crypto';
import { BusUnavailableError, type ConsumeOptions, type Consumer, type DeliveredMessage, type HandlerErrorListener } from '../../bus.js';
import { HandlerScheduler, receiverQueueSizeFor } from '../pulsar-common/handler-scheduler.js';
import { closeOnce, InFlight, quiesceConsumer } from '../pulsar-common/endpoint-lifecycle.js';
import type { Reachability } from '../pulsar-common/reachability.js';
import { deadLetterTopicFor } from '../pulsar-common/topic-names.js';
import type { NativeClient, NativeConsumer, NativeMessage } from './native-api.js';

export interface NativeConsumerContext {
  readonly client: NativeClient;
  readonly reachability: Reachability;
  readonly fullTopicName: (topic: string) => string;
  readonly receiverQueueSize: number;
  readonly maxConcurrentHandlers: number;
  readonly closeTimeoutMs: number;
  readonly ackTimeoutMs: number | undefined;
  readonly onHandlerError: HandlerErrorListener | undefined;
  readonly deadLetter: (topic: string, message: DeliveredMessage) => Promise<void>;
}

/** Receives kept outstanding per consumer: up to this many queued messages reach JavaScript on one event-loop turn. */
const RECEIVES_AHEAD = 16;
/** A receive that found nothing returns empty after this long, and is asked again. */
const IDLE_RECEIVE_MS = 30_000;
const RECEIVE_RETRY_MS = 100;

interface ReceiveSlot {
  messages: NativeMessage[] | undefined;
  failed: boolean;
}

const SUBSCRIPTION_TYPES = { shared: 'Shared', 'key-shared': 'KeyShared', exclusive: 'Exclusive' } as const;

/**
 * A port message from a native one. The id (base64 of MessageId.serialize(), as on the WebSocket API) is worked out
 * on first read: most handlers never read it (a worker deduplicates by the envelope's id), and each getMessageId()
 * builds a native object the garbage collector must finalise.
 */
export function toDelivered(topic: string, message: NativeMessage): DeliveredMessage {
  let messageId: string | undefined;
  return {
    topic,
    get messageId() {
      return (messageId ??= message.getMessageId().serialize().toString('base64'));
    },
    key: message.getPartitionKey() ?? '',
    body: message.getData().toString('utf8'),
    properties: { ...message.getProperties() },
    publishTime: new Date(message.getPublishTimestamp()),
    redeliveryCount: message.getRedeliveryCount(),
  };
}

/**
 * A consumer on the native client, feeding the same HandlerScheduler as the WebSocket transport (resolve →
 * acknowledge, throw → negativeAcknowledge; key-shared retries locally to keep per-key order). Reconnecting, nack
 * delays (nAckRedeliverTimeoutMs) and the dead-letter policy are the native client's.
 *
 * Messages are taken with receives kept outstanding ahead of need, not with a `listener`: the addon's listener thread
 * hands over one message and blocks until this process's event loop took it, so every message cost a turn of the loop
 * and two thread switches. batchReceive() with maxNumMessages 1, not receive(): libpulsar 4.2.0's receiveAsync can
 * leave a message in its queue while a receive waits (it checks for waiting receives, then queues the message,
 * without a lock between), and the next message then overtakes it; batchReceive checks both under one lock.
 */
export class PulsarNativeConsumer implements Consumer {
  #consumer: NativeConsumer | undefined;
  #untrack: () => void = () => undefined;
  readonly #scheduler: HandlerScheduler;
  readonly #acks = new InFlight();
  readonly #ahead: ReceiveSlot[] = [];
  #receiving = true;
  #retry: NodeJS.Timeout | undefined;

  static async open(
    context: NativeConsumerContext,
    options: ConsumeOptions,
    onClosed: (consumer: PulsarNativeConsumer) => void,
  ): Promise<PulsarNativeConsumer> {
    const consumer = new PulsarNativeConsumer(context, options, onClosed);
    const redeliveryDelayMs = options.redeliveryDelayMs ?? 1_000;
    const deadLetterTopic = deadLetterTopicFor(options);
    try {
      consumer.#consumer = await context.client.subscribe({
        topic: context.fullTopicName(options.topic),
        subscription: options.subscription,
        subscriptionType: SUBSCRIPTION_TYPES[options.mode],
        subscriptionInitialPosition: (options.initialPosition ?? 'earliest') === 'earliest' ? 'Earliest' : 'Latest',
        nAckRedeliverTimeoutMs: Math.round(redeliveryDelayMs),
        receiverQueueSize: receiverQueueSizeFor(options, context.receiverQueueSize),
        consumerName: `${options.subscription}-${randomUUID().slice(0, 8)}`,
        ...(context.ackTimeoutMs ? { ackTimeoutMs: context.ackTimeoutMs } : {}),
        ...(!options.maxRedeliveries // 0: dead-lettered by the HandlerScheduler on the first failure
          ? {}
          : { deadLetterPolicy: { deadLetterTopic: context.fullTopicName(deadLetterTopic), maxRedeliverCount: options.maxRedeliveries } }),
        // one message per receive, handed over as soon as one is queued (see #receiveAhead); an idle one returns empty
        batchReceivePolicy: { maxNumMessages: 1, timeoutMs: IDLE_RECEIVE_MS },
      });
    } catch (error) {
      const why = `pulsar bus (native): could not subscribe ${options.subscription} on ${options.topic}: ${String(error)}`;
      // "ConsumerBusy": an exclusive subscription already has its consumer (a refusal, not an outage)
      if (String(error).includes('ConsumerBusy')) throw new Error(why, { cause: error });
      throw new BusUnavailableError(why, { cause: error });
    }
    const native = consumer.#consumer;
    consumer.#untrack = context.reachability.track({
      get isDown() {
        return !native.isConnected();
      },
    });
    consumer.#receiveAhead();
    return consumer;
  }

  private constructor(
    private readonly context: NativeConsumerContext,
    private readonly options: ConsumeOptions,
    private readonly onClosed: (consumer: PulsarNativeConsumer) => void,
  ) {
    this.#scheduler = HandlerScheduler.forConsumer(options, context);
  }

  readonly close = closeOnce({
    quiesce: () => {
      this.#receiving = false; // what outstanding receives still get is left unacknowledged: it goes back on close
      clearTimeout(this.#retry);
      return quiesceConsumer(this.#scheduler, this.context.closeTimeoutMs, this.#acks)();
    },
    untrack: () => this.#untrack(),
    disconnect: async () => void (await this.#consumer?.close().catch(() => undefined)), // unacked messages go back to the subscription
    onClosed: () => this.onClosed(this),
  });

  /**
   * Keeps RECEIVES_AHEAD receives outstanding, so that the messages that came meanwhile are all handed over on one turn
   * of the event loop. Results are delivered in the order the receives were asked, which is libpulsar's queue order.
   */
  #receiveAhead(): void {
    const native = this.#consumer;
    while (native && this.#receiving && this.#ahead.length < RECEIVES_AHEAD) {
      const slot: ReceiveSlot = { messages: undefined, failed: false };
      this.#ahead.push(slot);
      native.batchReceive().then(
        (messages) => {
          slot.messages = messages;
          this.#deliverReceived(native);
        },
        () => {
          slot.messages = [];
          slot.failed = true;
          this.#deliverReceived(native);
        },
      );
    }
  }

  #deliverReceived(native: NativeConsumer): void {
    let failed = false;
    for (let slot = this.#ahead[0]; slot?.messages; slot = this.#ahead[0]) {
      this.#ahead.shift();
      failed ||= slot.failed;
      for (const message of slot.messages) this.#received(message, native);
    }
    if (!this.#receiving) return;
    if (!failed) return this.#receiveAhead();
    // libpulsar refuses receives while its consumer is not ready (closing, or closed under us): ask again a bit later
    this.#retry ??= setTimeout(() => {
      this.#retry = undefined;
      this.#receiveAhead();
    }, RECEIVE_RETRY_MS);
  }

  #received(message: NativeMessage, native: NativeConsumer): void {
    this.#scheduler.push({
      message: toDelivered(this.options.topic, message),
      ack: () => this.#acks.add(native.acknowledge(message)),
      nack: () => native.negativeAcknowledge(message),
    });
  }
}
