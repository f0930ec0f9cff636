import { createEnvelope, MESSAGE_CATALOG, serializeMessage, topicOf, type CommandType, type OriginOf, type PayloadOf } from '@alpes/contracts';
import { actorOf, type Identity } from '@alpes/security';
import { BusUnavailableError, type Bus } from '@alpes/messaging';
import { newId, unavailable } from '@alpes/platform';
import { ATTR, traceparentOf } from '@alpes/observability';
import { trace } from '@opentelemetry/api';

/** What every mutation answers: the command is queued; its outcome arrives on comando(correlationId). */
export interface ComandoAceptado {
  correlationId: string;
  /** The id the new or affected entity has. */
  id: string;
  aceptadoEn: Date;
}

/**
 * Queues a command on its topic and answers only once the bus confirmed it. The envelope's actor is the verified
 * identity of the request (the subgraph's context), never anything the client sent. If the broker does not confirm,
 * the mutation fails with UNAVAILABLE: never a silent accept. When the broker got the command but its confirmation
 * did not come back, the error says the command may still be applied and carries its correlationId (extensions
 * `outcome: UNKNOWN`), so the client follows comando(correlationId) instead of sending a duplicate.
 */
export async function sendCommand<Type extends CommandType>(
  bus: Bus,
  type: Type,
  entityId: string,
  payload: PayloadOf<Type>,
  identity: Identity,
): Promise<ComandoAceptado> {
  const actor = actorOf(identity);
  const checked = MESSAGE_CATALOG[type].schema.parse(payload);
  // a command type's origin always has an actor; TypeScript cannot resolve OriginOf for a generic Type
  // the envelope carries the trace of the request that sent it: the worker's span continues it
  const envelope = createEnvelope(type, entityId, checked, { correlationId: newId(), actor, traceparent: traceparentOf() } as OriginOf<Type>);
  trace.getActiveSpan()?.setAttributes({ [ATTR.correlationId]: envelope.correlationId, [ATTR.messageType]: type, [ATTR.envelopeId]: envelope.id });
  try {
    await bus.publish(topicOf(type), { key: entityId, body: serializeMessage(envelope), properties: { type } });
  } catch (error) {
    if (error instanceof BusUnavailableError && error.outcomeUnknown) {
      throw unavailable(
        `The message broker did not confirm the command ${type} in time: it may still be applied. ` +
          `Follow comando(correlationId: "${envelope.correlationId}") for its outcome before sending it again.`,
        error,
        { outcome: 'UNKNOWN', correlationId: envelope.correlationId, id: entityId },
      );
    }
    throw unavailable(`The command ${type} was not accepted: the message broker is unavailable. Nothing was queued; try again.`, error, {
      outcome: 'NOT_QUEUED',
    });
  }
  return { correlationId: envelope.correlationId, id: entityId, aceptadoEn: new Date() };
}
