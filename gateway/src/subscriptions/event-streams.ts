import { GraphQLError, type GraphQLResolveInfo } from 'graphql';
import { TOPICS } from '@alpes/contracts';
import { BusUnavailableError, type StartPosition } from '@alpes/messaging';
import { badUserInput } from '@alpes/platform';
import { ATTR, inSpan } from '@alpes/observability';
import { rowScope, SCOPES, type Identity } from '@alpes/security';
import { invalidEventoId, messageIdForTopic } from './event-cursor.js';
import type { EventHub, EventSink, HubEvent, LeaveHub } from './event-hub.js';
import { eventStream, type EventStreamSpec } from './event-stream-spec.js';
import { GatewayBuiltObject } from './field-resolution.js';
import { buildHydrationRequest, type HydrationRequest } from './hydration-document.js';
import type { Hydrator } from './hydration.js';
import { OrderedAsyncQueue } from './ordered-async-queue.js';

export type { EventStreamSpec } from './event-stream-spec.js';

const ofItsAfiliado = (snapshot: { afiliadoId: string }) => [snapshot.afiliadoId];
const assignedAfiliados = (snapshot: { afiliadoIds: string[] }) => snapshot.afiliadoIds;

/** Every event subscription field, each checked against the event contracts (see eventStream). */
export const EVENT_STREAMS: Readonly<Record<string, EventStreamSpec>> = {
  campanaCreada: eventStream({
    topic: TOPICS.marketingEventos,
    types: ['CampanaCreada'],
    entityField: 'campana',
    filters: {},
    readScope: SCOPES.campanasRead,
    afiliadosOf: assignedAfiliados,
  }),
  comisionCalculada: eventStream({
    topic: TOPICS.comisionesEventos,
    types: ['ComisionCalculada'],
    entityField: 'comision',
    filters: { afiliadoId: 'afiliadoId', campanaId: 'campanaId' },
    readScope: SCOPES.comisionesRead,
    afiliadosOf: ofItsAfiliado,
  }),
  conversionRegistrada: eventStream({
    topic: TOPICS.conversionesEventos,
    types: ['ConversionRegistrada'],
    entityField: 'conversion',
    filters: { afiliadoId: 'afiliadoId', campanaId: 'campanaId' },
    readScope: SCOPES.conversionesRead,
    afiliadosOf: ofItsAfiliado,
  }),
  campanaActualizada: eventStream({
    topic: TOPICS.marketingEventos,
    entityField: 'campana',
    filters: { campanaId: 'id' },
    readScope: SCOPES.campanasRead,
    afiliadosOf: assignedAfiliados,
  }),
  comisionActualizada: eventStream({
    topic: TOPICS.comisionesEventos,
    entityField: 'comision',
    filters: { comisionId: 'id', afiliadoId: 'afiliadoId', campanaId: 'campanaId' },
    readScope: SCOPES.comisionesRead,
    afiliadosOf: ofItsAfiliado,
  }),
};

export interface EventStreamDependencies {
  hub: EventHub;
  hydrator: Hydrator;
  /** Events queued for one slow client before its subscription is ended with an error (default 1 000). */
  maxPendingPerClient?: number;
  /** Events a replay (desde/desdeEvento) holds ahead of its client before its own reader waits (default 100). */
  replayWindow?: number;
}

type StreamValue = GatewayBuiltObject | GraphQLError;

/** The hub sequence of the event each stream value was built from (shared executions filter late joiners by it). */
const sequences = new WeakMap<object, number>();
/** Streams from the live shared reader (no desde/desdeEvento): subscribers with the same operation may share them. */
const liveStreams = new WeakSet<object>();

export const eventSequenceOf = (value: unknown): number | undefined => (typeof value === 'object' && value !== null ? sequences.get(value) : undefined);
/** The eventoId of the event a stream value was built from. */
export const eventoIdOf = (value: unknown): string | undefined =>
  value instanceof GatewayBuiltObject && typeof value.fields.eventoId === 'string' ? value.fields.eventoId : undefined;

/**
 * SUBSCRIPTION_OVERFLOW: the subscription ends; `eventoId` is the last event the client got before this error, so
 * that desdeEvento = eventoId resumes with no gap and no duplicate (absent when it got none).
 */
export function overflowError(eventoId: string | undefined, path?: readonly (string | number)[]): GraphQLError {
  return new GraphQLError('subscription ended: the client reads events more slowly than they arrive; resume with desdeEvento = extensions.eventoId', {
    ...(path ? { path } : {}),
    extensions: { code: 'SUBSCRIPTION_OVERFLOW', ...(eventoId === undefined ? {} : { eventoId }) },
  });
}
export const isLiveEventStream = (stream: unknown): boolean => typeof stream === 'object' && stream !== null && liveStreams.has(stream);

/** Whether `identity` may see an event about this entity (topic authorization, per subscriber). */
export function eventVisibleTo(identity: Identity, spec: EventStreamSpec, snapshot: Record<string, unknown>): boolean {
  const scope = rowScope(identity, spec.readScope);
  if (scope.kind === 'all') return true;
  return scope.kind === 'afiliado' && spec.afiliadosOf(snapshot).includes(scope.afiliadoId);
}

/**
 * The source stream of one client's event subscription: filtered per client (its arguments, and what its identity
 * may see), hydrated with the client's selection under the client's identity, delivered in bus order (hydrations
 * run concurrently; the queue keeps their order). `hydrateAs` names the identity hydrations run as when the stream
 * serves several subscribers of one authorization partition (the one whose token lasts longest).
 */
export async function openEventStream(
  spec: EventStreamSpec,
  args: Record<string, unknown>,
  info: GraphQLResolveInfo,
  dependencies: EventStreamDependencies,
  identity: Identity,
  hydrateAs: () => Identity = () => identity,
): Promise<AsyncIterable<StreamValue>> {
  const start = startPositionOf(spec.topic, args);
  const request = buildHydrationRequest(info, spec.entityField);
  const wanted = Object.entries(spec.filters).flatMap(([argument, property]) => {
    const value = args[argument];
    return value === undefined || value === null ? [] : [[property, String(value)] as const];
  });
  const maxPending = dependencies.maxPendingPerClient ?? 1_000;
  const replayWindow = dependencies.replayWindow ?? 100;
  // the last event queued for the client: what it has once it has read everything before an overflow error
  let lastQueued = typeof args.desdeEvento === 'string' ? args.desdeEvento : undefined;
  let leave: LeaveHub | undefined;
  const queue = new OrderedAsyncQueue<StreamValue>(() => leave?.());

  const sink: EventSink = {
    accepts(event) {
      if (spec.types && !spec.types.includes(event.envelope.type)) return false;
      const snapshot = snapshotOf(event, spec.entityField);
      return snapshot !== undefined && wanted.every(([property, value]) => snapshot[property] === value) && eventVisibleTo(identity, spec, snapshot);
    },
    push(event) {
      // a replay reads from a reader of its own: past the window the reader waits for the client (the broker keeps
      // the backlog); a live stream shares its reader, so a client that falls too far behind is ended instead
      if (!start && queue.pending >= maxPending) {
        queue.push(overflowError(lastQueued));
        queue.end();
        void leave?.();
        return;
      }
      lastQueued = event.eventoId;
      // push runs inside the hub's dispatch, so inside the bus reader's span: each delivery (one per shared execution) is a child of it (when tracing)
      const { envelope } = event;
      const attributes = {
        [ATTR.subscriptionField]: info.fieldName,
        [ATTR.messagingDestination]: event.topic,
        [ATTR.messageType]: envelope.type,
        [ATTR.envelopeId]: envelope.id,
        [ATTR.correlationId]: envelope.correlationId,
      };
      queue.push(inSpan(`deliver ${info.fieldName}`, { attributes }, () => eventObject(event, spec, request, dependencies.hydrator, hydrateAs())));
      return start && queue.pending >= replayWindow ? queue.roomFor(replayWindow) : undefined;
    },
    close: () => queue.end(),
  };

  try {
    leave = start ? await dependencies.hub.replay(spec.topic, start, sink) : await dependencies.hub.join(spec.topic, sink);
  } catch (error) {
    // The broker did not answer (a timeout opening the reader, a dropped connection): an outage, worth a retry.
    if (error instanceof BusUnavailableError) throw busUnavailable(error);
    // The transport refused the position (an eventoId that decodes but names nothing on this bus).
    if (start?.from === 'after-message') throw invalidEventoId('desdeEvento', 'names no position on the bus');
    throw error;
  }
  if (!start) liveStreams.add(queue);
  return queue;
}

/** UNAVAILABLE: the client may subscribe again shortly. The transport's message stays in originalError (logs), off the wire. */
function busUnavailable(error: BusUnavailableError): GraphQLError {
  return new GraphQLError('The event bus cannot be reached; subscribe again shortly', { originalError: error, extensions: { code: 'UNAVAILABLE' } });
}

function startPositionOf(topic: string, args: Record<string, unknown>): StartPosition | undefined {
  const { desdeEvento, desde } = args;
  const given = (value: unknown) => value !== undefined && value !== null;
  if (given(desdeEvento) && given(desde)) throw badUserInput('give desdeEvento or desde, not both', 'desde');
  if (given(desdeEvento)) {
    if (typeof desdeEvento !== 'string') throw invalidEventoId('desdeEvento', 'is not an eventoId');
    return { from: 'after-message', messageId: messageIdForTopic(desdeEvento, topic, 'desdeEvento') };
  }
  if (given(desde)) {
    const time = typeof desde === 'string' ? new Date(desde) : new Date(Number.NaN);
    if (Number.isNaN(time.getTime())) throw badUserInput('desde: must be an ISO 8601 date-time such as 2026-01-31T12:00:00Z', 'desde');
    return { from: 'time', time };
  }
  return undefined;
}

/** The entity snapshot the event carries (every event of these topics has one), or undefined. */
function snapshotOf(event: HubEvent, entityField: string): Record<string, unknown> | undefined {
  const snapshot = (event.envelope.payload as Record<string, unknown>)[entityField];
  if (typeof snapshot !== 'object' || snapshot === null) return undefined;
  return typeof (snapshot as { id?: unknown }).id === 'string' ? (snapshot as Record<string, unknown>) : undefined;
}

async function eventObject(
  event: HubEvent,
  spec: EventStreamSpec,
  request: HydrationRequest | undefined,
  hydrator: Hydrator,
  identity: Identity,
): Promise<StreamValue> {
  const { envelope } = event;
  const fields = { eventoId: event.eventoId, ocurridoEn: envelope.occurredAt, correlationId: envelope.correlationId, tipo: envelope.type };
  const entityId = snapshotOf(event, spec.entityField)?.id;
  const entity = request && typeof entityId === 'string' ? await hydrator.hydrate(envelope.id, entityId, request, spec.entityField, identity) : undefined;
  const value = new GatewayBuiltObject(fields, spec.entityField, entity);
  sequences.set(value, event.sequence);
  return value;
}
