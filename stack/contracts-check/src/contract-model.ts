import { MESSAGE_REF_PREFIX } from './asyncapi-document.js';
import { ENVELOPE_ID, type JsonSchema } from './json-schemas.js';
import { messageLabel } from './names.js';

/** One version of a message type on its topic, as the document describes it. */
export interface MessageContract {
  type: string;
  version: number;
  /** `CampanaCreada`, or `CampanaCreada@v2` for a later version. */
  label: string;
  keyLocation: string;
  /** The payload schema (usually a `$ref` into `schemas`). */
  payload: JsonSchema;
}

/** What a contracts:write document promises: topics, their messages per version, the envelope, the schemas they refer to. */
export interface ContractModel {
  /** topic → message label → contract. */
  topics: Map<string, Map<string, MessageContract>>;
  envelope: JsonSchema;
  schemas: Record<string, JsonSchema>;
}

/** Reads a document written by contracts:write (the base's or the new one); throws naming what is missing. */
export function readContractModel(document: unknown): ContractModel {
  const root = objectAt(document, 'the document');
  const components = objectAt(root.components, 'components');
  const schemas = objectAt(components.schemas, 'components.schemas') as Record<string, JsonSchema>;
  const messages = objectAt(components.messages, 'components.messages');
  const topics = new Map<string, Map<string, MessageContract>>();
  for (const [channelId, channelValue] of Object.entries(objectAt(root.channels, 'channels'))) {
    const channel = objectAt(channelValue, `channels.${channelId}`);
    const address = typeof channel.address === 'string' ? channel.address : channelId;
    const contracts = new Map<string, MessageContract>();
    for (const [messageKey, reference] of Object.entries(objectAt(channel.messages ?? {}, `channels.${channelId}.messages`))) {
      const ref = objectAt(reference, `channels.${channelId}.messages.${messageKey}`).$ref;
      const id = typeof ref === 'string' && ref.startsWith(MESSAGE_REF_PREFIX) ? ref.slice(MESSAGE_REF_PREFIX.length) : messageKey;
      const contract = messageContract(objectAt(messages[id], `components.messages.${id}`), id);
      contracts.set(contract.label, contract);
    }
    topics.set(address, contracts);
  }
  return { topics, envelope: objectAt(schemas[ENVELOPE_ID], `components.schemas.${ENVELOPE_ID}`), schemas };
}

function messageContract(message: Record<string, unknown>, id: string): MessageContract {
  const at = `components.messages.${id}`;
  const allOf = objectAt(message.payload, `${at}.payload`).allOf;
  const specific = Array.isArray(allOf) ? objectAt(allOf[1], `${at}.payload.allOf[1]`) : {};
  const properties = objectAt(specific.properties, `${at}.payload.allOf[1].properties`);
  const type = typeof message.name === 'string' ? message.name : undefined;
  const version = objectAt(properties.version, `${at} version`).const;
  if (type === undefined || typeof version !== 'number') throw new Error(`${at} has no name or version: not a document contracts:write wrote`);
  return {
    type,
    version,
    label: messageLabel(type, version),
    keyLocation: typeof message['x-ordering-key'] === 'string' ? message['x-ordering-key'] : '(none)',
    payload: objectAt(properties.payload, `${at} payload`) as JsonSchema,
  };
}

function objectAt(value: unknown, where: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new Error(`${where} is missing or not an object: not a document contracts:write wrote`);
  return value as Record<string, unknown>;
}
