import { randomUUID } from 'node:crypto';
import { BusUnavailableError, type ConsumeOptions, type Consumer, type DeliveredMessage, type HandlerErrorListener } from '../../bus.js';
import type { PulsarAdminClient } from '../pulsar-common/admin-client.js';
import { closeOnce, InFlight, quiesceConsumer } from '../pulsar-common/endpoint-lifecycle.js';
import { DEFAULT_REDELIVERY_DELAY_MS, HandlerScheduler, receiverQueueSizeFor } from '../pulsar-common/handler-scheduler.js';
import type { Reachability } from '../pulsar-common/reachability.js';
import { deadLetterTopicFor, fullTopicName, topicPath, type PulsarNamespace } from '../pulsar-common/topic-names.js';
import { parseMessageFrame, type SocketDefaults } from './frames.js';
import { ReconnectingSocket } from './reconnecting-socket.js';
import { UpgradeRefusedError } from './upgrade-refused.js';

export interface ConsumerContext {
  readonly ns: PulsarNamespace;
  readonly sockets: SocketDefaults;
  readonly admin: PulsarAdminClient;
  readonly reachability: Reachability;
  readonly receiverQueueSize: number;
  readonly maxConcurrentHandlers: number;
  readonly closeTimeoutMs: number;
  readonly onHandlerError: HandlerErrorListener | undefined;
  /** Publishes a dead letter (key-shared retries give up). */
  readonly deadLetter: (topic: string, message: DeliveredMessage) => Promise<void>;
}

const SUBSCRIPTION_TYPES = { shared: 'Shared', 'key-shared': 'Key_Shared', exclusive: 'Exclusive' } as const;

/**
 * A consumer over `ws/v2/consumer/persistent/{tenant}/{ns}/{topic}/{subscription}`. Acks and nacks go back on the
 * socket; when it drops, it reconnects (backoff) and the broker redelivers whatever was not acked.
 */
export class WsConsumer implements Consumer {
  readonly #socket: ReconnectingSocket;
  readonly #scheduler: HandlerScheduler;
  readonly #acks = new InFlight();
  readonly #untrack: () => void;

  static async open(context: ConsumerContext, options: ConsumeOptions, onClosed: (consumer: WsConsumer) => void): Promise<WsConsumer> {
    if ((options.initialPosition ?? 'earliest') === 'earliest') {
      // The WebSocket API always creates new subscriptions at the latest message: create it first, at the earliest.
      try {
        await context.admin.createSubscriptionAtEarliest(options.topic, options.subscription);
      } catch (error) {
        throw new BusUnavailableError(`pulsar bus: could not create subscription ${options.subscription} on ${options.topic}`, { cause: error });
      }
    }
    const consumer = new WsConsumer(context, options, onClosed);
    try {
      await consumer.#socket.open(context.sockets.connectTimeoutMs);
    } catch (error) {
      consumer.#untrack();
      await consumer.#socket.close();
      if (error instanceof UpgradeRefusedError) throw error; // e.g. 409: an exclusive subscription already has its consumer
      throw new BusUnavailableError(`pulsar bus: could not connect consumer ${options.subscription} on ${options.topic}`, { cause: error });
    }
    return consumer;
  }

  private constructor(
    private readonly context: ConsumerContext,
    private readonly options: ConsumeOptions,
    private readonly onClosed: (consumer: WsConsumer) => void,
  ) {
    const redeliveryDelayMs = options.redeliveryDelayMs ?? DEFAULT_REDELIVERY_DELAY_MS;
    this.#scheduler = HandlerScheduler.forConsumer(options, context);
    const params = new URLSearchParams({
      subscriptionType: SUBSCRIPTION_TYPES[options.mode],
      receiverQueueSize: String(receiverQueueSizeFor(options, context.receiverQueueSize)),
      negativeAckRedeliveryDelay: String(Math.round(redeliveryDelayMs)),
      consumerName: `${options.subscription}-${randomUUID().slice(0, 8)}`,
    });
    if (options.maxRedeliveries) {
      // the broker side of the socket (Pulsar's client) dead-letters; 0 is not allowed there and is handled locally
      params.set('maxRedeliverCount', String(options.maxRedeliveries));
      params.set('deadLetterTopic', fullTopicName(context.ns, deadLetterTopicFor(options)));
    }
    const url = `${context.sockets.wsBase}/consumer/${topicPath(context.ns, options.topic)}/${encodeURIComponent(options.subscription)}?${params}`;
    this.#socket = new ReconnectingSocket({
      ...context.sockets,
      name: `pulsar consumer ${options.subscription} on ${options.topic}`,
      url: () => url,
      onMessage: (text) => this.#received(text),
      onOpen: () => context.reachability.markUp(),
      onDown: (_error, wasOpen) => {
        if (wasOpen) this.#scheduler.discardWaiting(); // unacked: the broker redelivers them after the reconnect
        context.reachability.markDown();
      },
    });
    this.#untrack = context.reachability.track(this.#socket);
  }

  /** Stops receiving, waits for in-flight handlers (at most closeTimeoutMs) and their acks, then closes the socket. */
  readonly close = closeOnce({
    quiesce: () => quiesceConsumer(this.#scheduler, this.context.closeTimeoutMs, this.#acks)(),
    untrack: () => this.#untrack(),
    disconnect: () => this.#socket.close(),
    onClosed: () => this.onClosed(this),
  });

  #received(text: string): void {
    const message = parseMessageFrame(this.options.topic, text);
    if (!message) return;
    const { messageId } = message;
    this.#scheduler.push({
      message,
      ack: () => this.#send({ messageId }),
      nack: () => this.#send({ type: 'negativeAcknowledge', messageId }),
    });
  }

  /** Acks of messages from a previous connection still go out (the subscription accepts them); lost ones are redelivered. */
  #send(frame: object): void {
    if (!this.#socket.isOpen) return;
    this.#acks.add(this.#socket.send(JSON.stringify(frame)));
  }
}
