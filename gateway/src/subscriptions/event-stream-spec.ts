import type { MESSAGE_CATALOG, MessageType, PayloadOf, TopicName } from '@alpes/contracts';

/** The entities an event subscription hydrates: the snapshot a payload carries under this name. */
export type EntityField = 'campana' | 'comision' | 'conversion';

/** The event types published on a topic (from the contracts' catalog). */
export type EventTypeOn<Topic extends TopicName> = { [T in MessageType]: (typeof MESSAGE_CATALOG)[T]['topic'] extends Topic ? T : never }[MessageType];

/** The entities every event of the topic carries (a payload key common to all of them). */
export type EntityOn<Topic extends TopicName> = keyof PayloadOf<EventTypeOn<Topic>> & EntityField;

/** The snapshot of `Entity` in the events of `Topic`, as packages/contracts defines it. */
export type SnapshotOn<Topic extends TopicName, Entity extends EntityOn<Topic>> = PayloadOf<EventTypeOn<Topic>>[Entity];

/**
 * One event subscription field, typed against the event contracts: a filter naming a property the snapshot does not
 * have, an event type of another topic or an entity the topic's events do not carry fails the typecheck.
 */
export interface TypedEventStreamSpec<Topic extends TopicName, Entity extends EntityOn<Topic>> {
  topic: Topic;
  /** Event types delivered; undefined = every event of the topic. */
  types?: readonly EventTypeOn<Topic>[];
  /** The snapshot in the payload, and the field (and Query field) the entity is hydrated through. */
  entityField: Entity;
  /** Filter argument (of the Subscription field) → the snapshot property it must equal. */
  filters: Readonly<Record<string, keyof SnapshotOn<Topic, Entity> & string>>;
  /** The scope that sees every event; without it, an affiliate user sees the events of its own afiliado only. */
  readScope: string;
  /** The affiliates an event's entity belongs to: the commission's or conversion's, the campaign's assigned ones. */
  afiliadosOf: (snapshot: SnapshotOn<Topic, Entity>) => readonly string[];
}

/** What the stream machinery reads at run time: the same spec, over a snapshot the hub already parsed with zod. */
export interface EventStreamSpec {
  topic: TopicName;
  types?: readonly MessageType[];
  entityField: EntityField;
  filters: Readonly<Record<string, string>>;
  readScope: string;
  afiliadosOf: (snapshot: Record<string, unknown>) => readonly string[];
}

/**
 * Checks a spec against the contracts, then forgets its type parameters. The one cast is safe because the hub only
 * delivers envelopes parsed against the catalog, and `accepts` has checked the event's topic and type first.
 */
export function eventStream<Topic extends TopicName, Entity extends EntityOn<Topic>>(spec: TypedEventStreamSpec<Topic, Entity>): EventStreamSpec {
  const afiliadosOf = spec.afiliadosOf as (snapshot: Record<string, unknown>) => readonly string[];
  return { ...spec, afiliadosOf };
}
