import { acceptedVersions, currentVersion, type MessageDefinition } from '@alpes/contracts';
import { buildSchemaComponents, ENVELOPE_ID, SCHEMA_REF_PREFIX, type JsonSchema } from './json-schemas.js';
import type { ContractsSource } from './load-contracts.js';
import { keyLocation, keyPathProblem } from './message-key.js';
import { compareNames, messageId } from './names.js';

export const ASYNCAPI_VERSION = '3.0.0';
export const MESSAGE_REF_PREFIX = '#/components/messages/';

export type AsyncApiDocument = Record<string, unknown> & {
  channels: Record<string, { address: string; description: string; messages: Record<string, { $ref: string }> }>;
  components: { schemas: Record<string, JsonSchema>; messages: Record<string, AsyncApiMessage> };
};

export interface AsyncApiMessage {
  name: string;
  title: string;
  summary: string;
  contentType: 'application/json';
  correlationId: { description: string; location: string };
  payload: JsonSchema;
  /** Where the envelope's `key` (the ordering key) comes from, as a runtime expression. */
  'x-ordering-key': string;
}

const DESCRIPTION = `Every command and event of AlpesPartner, generated from packages/contracts by \`npm run contracts:write\`: do not edit.

Each topic is a channel (on Pulsar: persistent://<tenant>/<namespace>/<address>). Every message is the JSON envelope
(components.schemas.Envelope) with its type, its version and its payload. Messages with the same key (x-ordering-key:
the aggregate's id, or the correlation id for command outcomes) are delivered in order.

Versioning: a breaking change to a payload never happens in place. It gets a new version, producers write that one,
and consumers keep accepting the earlier ones listed beside it (\`npm run contracts:check\` fails otherwise).`;

/** The AsyncAPI 3.0 document of the contracts: deterministic (code-point order everywhere), so it can be committed and diffed. */
export function buildAsyncApiDocument(source: ContractsSource): AsyncApiDocument {
  const components = buildSchemaComponents(source);
  const messages: Record<string, AsyncApiMessage> = {};
  const channelMessages = new Map<string, string[]>(source.topics.map((topic) => [topic, []]));
  const problems: string[] = [];

  for (const type of Object.keys(source.catalog).sort(compareNames)) {
    const definition = source.catalog[type]!;
    if (!channelMessages.has(definition.topic)) problems.push(`${type}: topic ${definition.topic} is not in TOPICS`);
    const versions = acceptedVersions(definition);
    const listed = versions.map(([version]) => version);
    if (listed.some((version, index) => !Number.isInteger(version) || version < 1 || listed.indexOf(version) !== index)) {
      problems.push(`${type}: versions ${listed.join(', ')} must be distinct integers from 1 (the current one is not also an earlier one)`);
      continue;
    }
    for (const [version, schema] of versions) {
      const payloadId = components.idOf(schema);
      const keyProblem = keyPathProblem(definition.key, payloadId, components.schemas);
      if (keyProblem) problems.push(`${type} v${version}: ${keyProblem}`);
      const id = messageId(type, version);
      messages[id] = messageOf(type, version, definition, payloadId);
      channelMessages.set(definition.topic, [...(channelMessages.get(definition.topic) ?? []), id]);
    }
  }
  if (problems.length > 0) throw new Error(`The contracts cannot be published:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);

  const channels: AsyncApiDocument['channels'] = {};
  for (const topic of [...channelMessages.keys()].sort(compareNames)) {
    const ids = channelMessages.get(topic)!.sort(compareNames);
    channels[topic] = {
      address: topic,
      description: channelDescription(topic, source),
      messages: Object.fromEntries(ids.map((id) => [id, { $ref: `${MESSAGE_REF_PREFIX}${id}` }])),
    };
  }
  const sortedMessages = Object.fromEntries(
    Object.keys(messages)
      .sort(compareNames)
      .map((id) => [id, messages[id]!]),
  );
  return {
    asyncapi: ASYNCAPI_VERSION,
    info: { title: 'AlpesPartner commands and events', version: '1.0.0', description: DESCRIPTION },
    defaultContentType: 'application/json',
    channels,
    components: { schemas: components.schemas, messages: sortedMessages },
  };
}

function messageOf(type: string, version: number, definition: MessageDefinition, payloadId: string): AsyncApiMessage {
  const produced = version === currentVersion(definition);
  return {
    name: type,
    title: `${type} v${version}`,
    summary: produced
      ? `${type}, version ${version}: what producers write now.`
      : `${type}, version ${version}: no longer produced, still accepted by consumers.`,
    contentType: 'application/json',
    correlationId: { description: 'The flow: a command and every message it causes share it.', location: '$message.payload#/correlationId' },
    payload: {
      allOf: [
        { $ref: `${SCHEMA_REF_PREFIX}${ENVELOPE_ID}` },
        {
          type: 'object',
          properties: {
            type: { const: type },
            version: { const: version },
            key: { description: `The ordering key: ${definition.key}` },
            payload: { $ref: `${SCHEMA_REF_PREFIX}${payloadId}` },
          },
        },
      ],
    },
    'x-ordering-key': keyLocation(definition.key),
  };
}

function channelDescription(topic: string, source: ContractsSource): string {
  const role = source.commandTopics.includes(topic)
    ? "Commands: published by the subgraph that accepted the mutation, applied by the owning service's worker."
    : source.eventTopics.includes(topic)
      ? "Domain events: published by the owning service's outbox relay."
      : "Published by the services' outbox relays.";
  const batching = source.batchableTopics.includes(topic)
    ? 'Producers may batch it: no Key_Shared subscription reads it.'
    : 'Never batched: Key_Shared subscriptions read it, routed by key.';
  return `${role} ${batching}`;
}
