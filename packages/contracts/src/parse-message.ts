import { EnvelopeSchema, type Envelope } from './envelope.js';
import { MESSAGE_CATALOG, isCommandType, type MessageType, type ReceivedPayloadOf } from './catalog.js';
import { acceptedVersions, payloadSchemaOf, type MessageCatalog } from './message-definition.js';

export type TypedEnvelope<Type extends MessageType = MessageType> = { [T in Type]: Envelope<T, ReceivedPayloadOf<T>> }[Type];

/** A message that does not match its schema: it can never be processed (it goes to the dead-letter topic). */
export class InvalidMessageError extends Error {
  override name = 'InvalidMessageError';
}

/**
 * A parser for one catalog: validates the envelope, then the payload against the schema of the envelope's
 * `version`. Every version the catalog lists is accepted (consumers read both sides of a version change); any
 * other version is invalid.
 */
export function createMessageParser(catalog: MessageCatalog): (body: string) => Envelope {
  return (body) => {
    let json: unknown;
    try {
      json = JSON.parse(body);
    } catch {
      throw new InvalidMessageError('message body is not JSON');
    }
    const envelope = EnvelopeSchema.safeParse(json);
    if (!envelope.success) throw new InvalidMessageError(`invalid envelope: ${envelope.error.message}`);
    const { type, version } = envelope.data;
    const definition = Object.hasOwn(catalog, type) ? catalog[type] : undefined;
    if (!definition) throw new InvalidMessageError(`unknown message type ${type}`);
    const schema = payloadSchemaOf(definition, version);
    if (!schema) {
      const accepted = acceptedVersions(definition).map(([listed]) => listed);
      throw new InvalidMessageError(`${type} version ${version} is not accepted (accepted: ${accepted.join(', ')})`);
    }
    const payload = schema.safeParse(envelope.data.payload);
    if (!payload.success) throw new InvalidMessageError(`invalid ${type} v${version} payload: ${payload.error.message}`);
    return { ...envelope.data, payload: payload.data };
  };
}

const parseCatalogMessage = createMessageParser(MESSAGE_CATALOG);

/** Parses and validates a message body against the envelope and its type's payload schema for its version. */
export function parseMessage(body: string): TypedEnvelope {
  const envelope = parseCatalogMessage(body) as TypedEnvelope;
  if (isCommandType(envelope.type) && !envelope.actor)
    throw new InvalidMessageError(`${envelope.type} carries no actor: every command names the identity that issued it`);
  return envelope;
}

export function serializeMessage(envelope: Envelope): string {
  return JSON.stringify(envelope);
}
