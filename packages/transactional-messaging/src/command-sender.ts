import { createEnvelope, MESSAGE_CATALOG, serializeMessage, topicOf, type MessageType, type PayloadOf } from '@alpes/contracts';
import type { Bus } from '@alpes/messaging';
import { newId, unavailable } from '@alpes/platform';

/** What every mutation answers: the command is queued; its outcome arrives on comando(correlationId). */
export interface ComandoAceptado {
  correlationId: string;
  /** The id the new or affected entity has. */
  id: string;
  aceptadoEn: Date;
}

/**
 * Queues a command on its topic and answers only once the bus confirmed it. If the broker does not confirm,
 * the mutation fails with UNAVAILABLE: never a silent accept.
 */
export async function sendCommand<Type extends MessageType>(bus: Bus, type: Type, entityId: string, payload: PayloadOf<Type>): Promise<ComandoAceptado> {
  const checked = MESSAGE_CATALOG[type].schema.parse(payload);
  const envelope = createEnvelope(type, entityId, checked, { correlationId: newId() });
  try {
    await bus.publish(topicOf(type), { key: entityId, body: serializeMessage(envelope), properties: { type } });
  } catch (error) {
    throw unavailable(`The command ${type} was not accepted: the message broker is unavailable. Nothing was queued; try again.`, error);
  }
  return { correlationId: envelope.correlationId, id: entityId, aceptadoEn: new Date() };
}
