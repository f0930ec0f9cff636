import { EnvelopeSchema, type Envelope } from './envelope.js';
import { MESSAGE_CATALOG, isCommandType, isMessageType, type MessageType, type PayloadOf } from './catalog.js';

export type TypedEnvelope<Type extends MessageType = MessageType> = { [T in Type]: Envelope<T, PayloadOf<T>> }[Type];

/** A message that does not match its schema: it can never be processed (it goes to the dead-letter topic). */
export class InvalidMessageError extends Error {
  override name = 'InvalidMessageError';
}

/** Parses and validates a message body against the envelope and its type's payload schema. */
export function parseMessage(body: string): TypedEnvelope {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    throw new InvalidMessageError('message body is not JSON');
  }
  const envelope = EnvelopeSchema.safeParse(json);
  if (!envelope.success) throw new InvalidMessageError(`invalid envelope: ${envelope.error.message}`);
  const { type } = envelope.data;
  if (!isMessageType(type)) throw new InvalidMessageError(`unknown message type ${type}`);
  if (isCommandType(type) && !envelope.data.actor) throw new InvalidMessageError(`${type} carries no actor: every command names the identity that issued it`);
  const payload = MESSAGE_CATALOG[type].schema.safeParse(envelope.data.payload);
  if (!payload.success) throw new InvalidMessageError(`invalid ${type} payload: ${payload.error.message}`);
  return { ...envelope.data, type, payload: payload.data } as TypedEnvelope;
}

export function serializeMessage(envelope: Envelope): string {
  return JSON.stringify(envelope);
}
