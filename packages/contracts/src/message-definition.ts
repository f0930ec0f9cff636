import type { z } from 'zod';
import type { TopicName } from './topics.js';

/**
 * One message type: the topic it travels on, what orders it, and the payload of every version consumers accept.
 *
 * Versioning rule: a breaking change to a payload (a field removed, retyped or made required) is never made in
 * place. It becomes a new `version`, producers write that one, and the previous schema moves to `earlierVersions`,
 * so consumers keep accepting messages already on the topic (or from producers not yet upgraded).
 */
export interface MessageDefinition {
  topic: TopicName;
  /**
   * Where the message's ordering key (the envelope's `key`) comes from, as a dotted path in the envelope:
   * `payload.campana.id` for the aggregate's id, `correlationId` for command outcomes. Messages with one key are
   * delivered in order (Key_Shared subscriptions, one producer per key).
   */
  key: string;
  /** The payload producers write now, at `version`. */
  schema: z.ZodType;
  /** The version producers write. Default 1. */
  version?: number;
  /** Payloads of earlier versions, still accepted when read from the bus. */
  earlierVersions?: Readonly<Record<number, z.ZodType>>;
}

export type MessageCatalog = Readonly<Record<string, MessageDefinition>>;

type EarlierPayloadIn<Catalog extends MessageCatalog, Type extends keyof Catalog> = Catalog[Type] extends { earlierVersions: infer Earlier }
  ? { [Version in keyof Earlier]: Earlier[Version] extends z.ZodType ? z.infer<Earlier[Version]> : never }[keyof Earlier]
  : never;

/** The payload consumers of one type may receive: any accepted version's, so a handler must deal with each. */
export type ReceivedPayloadIn<Catalog extends MessageCatalog, Type extends keyof Catalog> = z.infer<Catalog[Type]['schema']> | EarlierPayloadIn<Catalog, Type>;

/** The version producers write. */
export function currentVersion(definition: MessageDefinition): number {
  return definition.version ?? 1;
}

/** Every accepted version with its payload schema, oldest first. */
export function acceptedVersions(definition: MessageDefinition): [version: number, schema: z.ZodType][] {
  const earlier = Object.entries(definition.earlierVersions ?? {}).map(([version, schema]): [number, z.ZodType] => [Number(version), schema]);
  return [...earlier, [currentVersion(definition), definition.schema] as [number, z.ZodType]].sort(([a], [b]) => a - b);
}

/** The payload schema of one version, or undefined when that version is not accepted. */
export function payloadSchemaOf(definition: MessageDefinition, version: number): z.ZodType | undefined {
  if (version === currentVersion(definition)) return definition.schema;
  return Object.hasOwn(definition.earlierVersions ?? {}, version) ? definition.earlierVersions?.[version] : undefined;
}
