import { causedBy, createEnvelope, parseMessage, type MessageType, type PayloadOf, type TopicName, type TypedEnvelope } from '@alpes/contracts';
import type { Bus, Consumer, DeliveredMessage } from '@alpes/messaging';
import { createLogger } from '@alpes/platform';
import { CommandRejected, RetryLater } from './command-rejection.js';
import { claimInInbox, recordOutcome } from './inbox.js';
import { writeToOutbox } from './outbox.js';
import type { OutboxRelay } from './outbox-relay.js';
import type { SqlExecutor, TransactionalDatabase } from './sql-client.js';

/** An event a handler wants published: it goes to the outbox in the same transaction. */
export interface NewEvent<Type extends MessageType = MessageType> {
  type: Type;
  key: string;
  payload: PayloadOf<Type>;
}

export interface Applied {
  entidadId: string;
  events: NewEvent[];
}

/** How often this message was tried: on the final attempt a handler stops waiting for eventual consistency. */
export interface Delivery {
  finalAttempt: boolean;
}

export type MessageHandler<Tx, Type extends MessageType> = (tx: Tx, message: TypedEnvelope<Type>, delivery: Delivery) => Promise<Applied>;
export type MessageHandlers<Tx> = { [Type in MessageType]?: MessageHandler<Tx, Type> };

export interface MessageProcessorOptions<Tx extends SqlExecutor> {
  service: string;
  bus: Bus;
  db: TransactionalDatabase<Tx>;
  relay: OutboxRelay;
  topic: TopicName;
  subscription: string;
  /** Commands end in ComandoCompletado / ComandoRechazado on comandos.resultados; events only change state. */
  kind: 'commands' | 'events';
  handlers: MessageHandlers<Tx>;
  /** How often a RetryLater command is redelivered before it is rejected (default 25, ~5 s at 200 ms). */
  maxRetries?: number;
  redeliveryDelayMs?: number;
}

/**
 * Applies each message of a topic exactly once in effect: one database transaction claims its id in the
 * inbox, changes state through the handler and writes the resulting events (and the command's outcome) to
 * the outbox. Workers share the subscription (key-shared: one aggregate's messages stay in order).
 */
export function startMessageProcessor<Tx extends SqlExecutor>(options: MessageProcessorOptions<Tx>): Promise<Consumer> {
  const logger = createLogger(`${options.service}.${options.kind}`);
  const maxRetries = options.maxRetries ?? 25;
  const maxRedeliveries = maxRetries + 5;

  async function applyInTransaction(message: TypedEnvelope, delivery: Delivery): Promise<void> {
    const handler = options.handlers[message.type] as MessageHandler<Tx, MessageType> | undefined;
    if (!handler) return;
    const outcome = options.kind === 'commands' ? 'COMPLETADO' : 'PROCESADO';
    await options.db.$transaction(async (tx) => {
      if (!(await claimInInbox(tx, message, outcome))) return;
      const applied = await handler(tx, message, delivery);
      for (const event of applied.events) await writeToOutbox(tx, createEnvelope(event.type, event.key, event.payload, causedBy(message)));
      if (options.kind === 'commands') {
        const outcome = { comandoId: message.id, comando: message.type, entidadId: applied.entidadId };
        await writeToOutbox(tx, createEnvelope('ComandoCompletado', message.correlationId, outcome, causedBy(message)));
      }
    });
  }

  async function recordRejection(message: TypedEnvelope, rejection: CommandRejected | RetryLater): Promise<void> {
    await options.db.$transaction(async (tx) => {
      if (!(await claimInInbox(tx, message, 'RECHAZADO'))) return;
      const outcome = { comandoId: message.id, comando: message.type, entidadId: rejection.entidadId, motivo: rejection.motivo };
      await writeToOutbox(tx, createEnvelope('ComandoRechazado', message.correlationId, outcome, causedBy(message)));
      await recordOutcome(tx, message.id, 'RECHAZADO', rejection.entidadId, rejection.motivo);
    });
    logger.info({ type: message.type, correlationId: message.correlationId, motivo: rejection.motivo }, 'command rejected');
  }

  async function handle(delivered: DeliveredMessage): Promise<void> {
    const message = parseMessage(delivered.body);
    try {
      await applyInTransaction(message, { finalAttempt: delivered.redeliveryCount >= maxRetries });
    } catch (error) {
      const lastAttempt = delivered.redeliveryCount >= maxRedeliveries;
      const rejectable =
        options.kind === 'commands' && (error instanceof CommandRejected || (error instanceof RetryLater && delivered.redeliveryCount >= maxRetries) || lastAttempt);
      if (!rejectable) {
        if (!(error instanceof RetryLater)) logger.error({ err: error, type: message.type, messageId: message.id }, 'message processing failed; it will be redelivered');
        throw error;
      }
      // A command that fails for an unexpected reason on every attempt still gets an outcome: a client waiting on
      // comando(correlationId) learns it was rejected instead of waiting forever (the cause is logged above).
      const rejection = error instanceof CommandRejected || error instanceof RetryLater ? error : new CommandRejected('The command could not be applied (internal error); it was not retried further');
      await recordRejection(message, rejection);
    }
    options.relay.notify();
  }

  return options.bus.consume({
    topic: options.topic,
    subscription: options.subscription,
    mode: 'key-shared',
    initialPosition: 'earliest',
    handler: handle,
    // Commands are answered on their last attempt, so only unreadable messages reach the dead-letter topic.
    maxRedeliveries: maxRedeliveries + 1,
    redeliveryDelayMs: options.redeliveryDelayMs ?? 200,
  });
}
