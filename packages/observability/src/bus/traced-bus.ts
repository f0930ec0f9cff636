import { SpanKind, type Context } from '@opentelemetry/api';
import type { Bus, ConsumeOptions, Consumer, DeliveredMessage, OutgoingMessage, ReadOptions, Reader } from '@alpes/messaging';
import { ATTR, contextFromTraceparent, inSpan, TRACEPARENT, traceparentOf, tracingActive } from '@alpes/tracing';

/**
 * Where a delivered message's trace continues: the `traceparent` property the publishing side set, else the
 * envelope's own `traceparent` field (a message published by a tool that dropped properties, or replayed from a DLQ).
 */
export function traceContextOf(message: Pick<DeliveredMessage, 'properties' | 'body'>): Context {
  const property = message.properties[TRACEPARENT];
  if (property) return contextFromTraceparent(property);
  if (!message.body.includes(`"${TRACEPARENT}"`)) return contextFromTraceparent(undefined);
  try {
    const field = (JSON.parse(message.body) as { traceparent?: unknown }).traceparent;
    return contextFromTraceparent(typeof field === 'string' ? field : undefined);
  } catch {
    return contextFromTraceparent(undefined);
  }
}

function messagingAttributes(topic: string, operation: string, message?: DeliveredMessage) {
  return {
    [ATTR.messagingSystem]: 'pulsar',
    [ATTR.messagingDestination]: topic,
    [ATTR.messagingOperation]: operation,
    ...(message ? { [ATTR.messagingMessageId]: message.messageId, [ATTR.messagingRedeliveries]: message.redeliveryCount } : {}),
    ...(message?.properties.type ? { [ATTR.messageType]: message.properties.type } : {}),
  };
}

/**
 * The Bus port with tracing, for every transport alike: a publish is a PRODUCER span whose context travels in the
 * message's `traceparent` property; a consumer's or reader's handler runs inside a CONSUMER span that is its child.
 * Without tracing it is the bus itself (nothing wrapped).
 */
export function traceBus(bus: Bus): Bus {
  return tracingActive() ? new TracedBus(bus) : bus;
}

class TracedBus implements Bus {
  constructor(private readonly inner: Bus) {}

  publish(topic: string, message: OutgoingMessage): Promise<{ messageId: string }> {
    const attributes = { ...messagingAttributes(topic, 'send'), ...(message.properties?.type ? { [ATTR.messageType]: message.properties.type } : {}) };
    return inSpan(`send ${topic}`, { kind: SpanKind.PRODUCER, attributes }, async (span) => {
      const traceparent = traceparentOf();
      const properties = traceparent ? { ...message.properties, [TRACEPARENT]: traceparent } : message.properties;
      const receipt = await this.inner.publish(topic, { ...message, properties });
      span.setAttribute(ATTR.messagingMessageId, receipt.messageId);
      return receipt;
    });
  }

  consume(options: ConsumeOptions): Promise<Consumer> {
    const { topic, subscription } = options;
    return this.inner.consume({
      ...options,
      handler: (message) =>
        inSpan(
          `process ${topic}`,
          {
            kind: SpanKind.CONSUMER,
            parent: traceContextOf(message),
            attributes: { ...messagingAttributes(topic, 'process', message), [ATTR.messagingSubscription]: subscription },
          },
          () => options.handler(message),
        ),
    });
  }

  read(options: ReadOptions): Promise<Reader> {
    const { topic } = options;
    return this.inner.read({
      ...options,
      handler: (message) =>
        inSpan(
          `receive ${topic}`,
          { kind: SpanKind.CONSUMER, parent: traceContextOf(message), attributes: messagingAttributes(topic, 'receive', message) },
          () => options.handler(message),
        ),
    });
  }

  isConnected(): boolean {
    return this.inner.isConnected();
  }

  close(): Promise<void> {
    return this.inner.close();
  }
}
