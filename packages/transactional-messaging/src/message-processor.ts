import { causedBy, createEnvelope, parseMessage, type Envelope, type MessageType, type PayloadOf, type TopicName, type TypedEnvelope } from '@alpes/contracts';
import type { Bus, Consumer, DeliveredMessage } from '@alpes/messaging';
import { createLogger } from '@alpes/platform';
import { ATTR, inSpan, traceparentOf } from '@alpes/observability';
import { context, trace, type Context } from '@opentelemetry/api';
import { CommandRejected, RetryLater } from './command-rejection.js';
import { GroupCommit } from './group-commit.js';
import { claimAllInInbox, claimInInbox, recordOutcome } from './inbox.js';
import { writeAllToOutbox, writeToOutbox } from './outbox.js';
import type { OutboxRelay } from './outbox-relay.js';
import { observedBusOf } from '@alpes/observability';
import type { SqlExecutor, TransactionalDatabase } from './sql-client.js';

/** An event a handler wants published: it goes to the outbox in the same transaction. */
export interface NewEvent<Type extends MessageType = MessageType> {
  type: Type;
  key: string;
  payload: PayloadOf<Type>;
}

export interface Applied {
  /** The entity the message created or changed (ComandoCompletado's entidadId). */
  entityId: string;
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
  /**
   * 'key-shared' (default): the service's instances share the subscription, one key's messages in order. 'shared':
   * any instance takes any message, for handlers that need no order (an idempotent upsert per key, e.g. a projection
   * of one event type per entity); it can read a topic whose producer batches mixed keys (BATCHABLE_TOPICS).
   */
  subscriptionMode?: 'key-shared' | 'shared';
  /**
   * Events only: applying a message again changes nothing (an upsert of what the event says about an entity whose data
   * never changes), so a message is applied without an inbox claim, and a redelivery is applied again. That saves an
   * inbox row per message, most of what a projection costs per event. With updates that change data, keep the inbox:
   * a redelivered older event would undo a newer one.
   */
  idempotentHandlers?: boolean;
  /** How often a RetryLater command is redelivered before it is rejected (default 25, ~5 s at 200 ms). */
  maxRetries?: number;
  redeliveryDelayMs?: number;
  /** Messages per transaction at most (default 100) and transactions at once (default 2); see GroupCommit. */
  groupCommit?: { maxBatchSize?: number; maxConcurrentBatches?: number };
  /**
   * Runs last in each transaction whose handlers all succeeded, before the outbox write: where writes the handlers
   * deferred (DeferredRows) go to the database, one statement for the whole batch instead of one per message.
   */
  beforeCommit?: (tx: Tx) => Promise<void>;
}

interface Work {
  message: TypedEnvelope;
  delivery: Delivery;
  /** The trace context of the message's consumer span (the bus port's): its transaction span is a child of it. */
  traceContext: Context;
  /** Set inside the transaction that applied the message (not for a redelivery of one already applied). */
  applied?: Applied;
}

/**
 * Applies each message of a topic exactly once in effect: one database transaction claims its id in the
 * inbox, changes state through the handler and writes the resulting events (and the command's outcome) to
 * the outbox. Workers share the subscription (key-shared by default: one aggregate's messages stay in order).
 * Messages that arrive while a transaction runs are applied together in the next one (group commit): in a busy
 * second, a hundred commands cost one commit instead of a hundred.
 */
export function startMessageProcessor<Tx extends SqlExecutor>(options: MessageProcessorOptions<Tx>): Promise<Consumer> {
  if (options.idempotentHandlers && options.kind === 'commands') {
    throw new Error(`${options.subscription}: a command is applied exactly once with its outcome; idempotentHandlers is for events only`);
  }
  const logger = createLogger(`${options.service}.${options.kind}`);
  const maxRetries = options.maxRetries ?? 25;
  const maxRedeliveries = maxRetries + 5;

  const outcome = options.kind === 'commands' ? 'COMPLETADO' : 'PROCESADO';
  const metrics = observedBusOf(options.bus)?.metrics;
  const countDuplicate = () => metrics?.inboxDuplicates.inc({ service: options.service });
  const handlerOf = (message: TypedEnvelope) => options.handlers[message.type] as MessageHandler<Tx, MessageType> | undefined;

  /**
   * The events a handler produced, then (for a command) its ComandoCompletado: what goes to the outbox. Each carries
   * the traceparent of the span that applied its message: the outbox relay continues that trace when it publishes.
   */
  function outgoing(message: TypedEnvelope, applied: Applied, traceparent: string | undefined): Envelope<MessageType>[] {
    const origin = { ...causedBy(message), traceparent };
    const envelopes = applied.events.map((event) => createEnvelope(event.type, event.key, event.payload, origin));
    if (options.kind === 'commands') {
      const completed = { comandoId: message.id, comando: message.type, entidadId: applied.entityId };
      envelopes.push(createEnvelope('ComandoCompletado', message.correlationId, completed, origin));
    }
    return envelopes;
  }

  /** The span of one database transaction of this worker (a child of the message's consumer span). */
  const transactionSpan = <T>(work: Work, batch: readonly Work[], run: () => Promise<T>) =>
    inSpan(
      `${options.service}.${options.kind} transaction`,
      {
        parent: work.traceContext,
        // a batch applies many messages, each of its own trace: linked, so each trace finds the shared transaction
        links:
          batch.length > 1
            ? batch.flatMap((other) => {
                const spanContext = trace.getSpanContext(other.traceContext);
                return spanContext ? [{ context: spanContext }] : [];
              })
            : undefined,
        attributes: {
          [ATTR.component]: options.service,
          [ATTR.batchSize]: batch.length,
          [ATTR.correlationId]: work.message.correlationId,
          [ATTR.messageType]: work.message.type,
        },
      },
      run,
    );

  async function applyAlone(work: Work): Promise<void> {
    const { message, delivery } = work;
    const handler = handlerOf(message);
    work.applied = undefined;
    if (!handler) return;
    await transactionSpan(work, [work], () =>
      options.db.$transaction(async (tx) => {
        if (!options.idempotentHandlers && !(await claimInInbox(tx, message, outcome))) return countDuplicate();
        const applied = await handler(tx, message, delivery);
        await options.beforeCommit?.(tx);
        await writeAllToOutbox(tx, outgoing(message, applied, traceparentOf()));
        work.applied = applied;
      }),
    );
  }

  async function applyBatch(batch: readonly Work[]): Promise<void> {
    const handled = batch.filter((work) => handlerOf(work.message));
    for (const work of batch) work.applied = undefined;
    if (handled.length === 0) return;
    await transactionSpan(handled[0]!, handled, () =>
      options.db.$transaction(
        async (tx) => {
          const messages = handled.map((work) => work.message);
          const claimed = options.idempotentHandlers
            ? new Set(messages.map((message) => message.id.toLowerCase()))
            : await claimAllInInbox(tx, messages, outcome);
          const envelopes: Envelope<MessageType>[] = [];
          const applied: [Work, Applied][] = [];
          for (const work of handled) {
            const { message, delivery } = work;
            if (!claimed.has(message.id.toLowerCase())) {
              countDuplicate(); // a redelivery of a message already applied
              continue;
            }
            const result = await handlerOf(message)!(tx, message, delivery);
            envelopes.push(...outgoing(message, result, traceparentOf(work.traceContext)));
            applied.push([work, result]);
          }
          await options.beforeCommit?.(tx);
          await writeAllToOutbox(tx, envelopes);
          for (const [work, result] of applied) work.applied = result;
        },
        { timeout: 15_000 },
      ),
    );
  }

  const groupCommit = new GroupCommit<Work>({
    maxBatchSize: options.groupCommit?.maxBatchSize ?? 100,
    maxConcurrentBatches: options.groupCommit?.maxConcurrentBatches ?? 2,
    applyBatch,
    applyAlone,
  });

  /** Records the rejection and its ComandoRechazado in the outbox; false when it was recorded before (a redelivery). */
  async function recordRejection(message: TypedEnvelope, rejection: CommandRejected | RetryLater): Promise<boolean> {
    const recorded = await options.db.$transaction(async (tx) => {
      if (!(await claimInInbox(tx, message, 'RECHAZADO'))) return false;
      const outcome = { comandoId: message.id, comando: message.type, entidadId: rejection.entityId, motivo: rejection.reason };
      await writeToOutbox(tx, createEnvelope('ComandoRechazado', message.correlationId, outcome, { ...causedBy(message), traceparent: traceparentOf() }));
      await recordOutcome(tx, message.id, 'RECHAZADO', rejection.entityId, rejection.reason);
      return true;
    });
    if (!recorded) countDuplicate();
    if (recorded)
      logger.info(
        {
          outcome: 'RECHAZADO',
          type: message.type,
          correlationId: message.correlationId,
          actor: message.actor,
          entityId: rejection.entityId,
          reason: rejection.reason,
        },
        'command rejected',
      );
    return recorded;
  }

  async function handle(delivered: DeliveredMessage): Promise<void> {
    const message = parseMessage(delivered.body);
    // the bus port's consumer span (when tracing): what this message is, for whoever follows its trace
    trace.getActiveSpan()?.setAttributes({ [ATTR.correlationId]: message.correlationId, [ATTR.messageType]: message.type, [ATTR.envelopeId]: message.id });
    // the relay is woken only by a commit that wrote to the outbox: a projection's events write nothing there, and a
    // needless wake costs the relay a transaction that finds nothing
    let wroteToOutbox = false;
    try {
      const work: Work = { message, delivery: { finalAttempt: delivered.redeliveryCount >= maxRetries }, traceContext: context.active() };
      await groupCommit.submit(work);
      wroteToOutbox = work.applied !== undefined && (options.kind === 'commands' || work.applied.events.length > 0);
      // one line per command outcome, once its transaction committed: who asked for what, under which correlationId
      if (work.applied && options.kind === 'commands') {
        logger.info(
          { outcome: 'COMPLETADO', type: message.type, correlationId: message.correlationId, actor: message.actor, entityId: work.applied.entityId },
          'command completed',
        );
      }
    } catch (error) {
      const lastAttempt = delivered.redeliveryCount >= maxRedeliveries;
      const rejectable =
        options.kind === 'commands' &&
        (error instanceof CommandRejected || (error instanceof RetryLater && delivered.redeliveryCount >= maxRetries) || lastAttempt);
      if (!rejectable) {
        if (!(error instanceof RetryLater))
          logger.error(
            { err: error, type: message.type, messageId: message.id, correlationId: message.correlationId },
            'message processing failed; it will be redelivered',
          );
        throw error;
      }
      // A command that fails for an unexpected reason on every attempt still gets an outcome: a client waiting on
      // comando(correlationId) learns it was rejected instead of waiting forever (the cause is logged above).
      const rejection =
        error instanceof CommandRejected || error instanceof RetryLater
          ? error
          : new CommandRejected('The command could not be applied (internal error); it was not retried further');
      wroteToOutbox = await recordRejection(message, rejection);
    }
    if (wroteToOutbox) options.relay.notify();
  }

  return options.bus.consume({
    topic: options.topic,
    subscription: options.subscription,
    mode: options.subscriptionMode ?? 'key-shared',
    initialPosition: 'earliest',
    handler: handle,
    // Commands are answered on their last attempt, so only unreadable messages reach the dead-letter topic.
    maxRedeliveries: maxRedeliveries + 1,
    redeliveryDelayMs: options.redeliveryDelayMs ?? 200,
    // enough messages in flight to fill every batch the group commit may run at once
    maxInFlight: (options.groupCommit?.maxBatchSize ?? 100) * (options.groupCommit?.maxConcurrentBatches ?? 2),
  });
}
