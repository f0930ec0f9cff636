import { v7 as uuidv7 } from 'uuid';
import { z } from 'zod';
import { currentVersionOf, isMessageType, type CommandType } from './catalog.js';
import { isoDateTime, traceparent, uuid } from './primitives.js';

/**
 * Who issued a command: the verified identity's subject and scopes, set by the subgraph that accepted the command
 * (never taken from client input). Every message a command causes carries it on, so an event says on whose behalf
 * it happened.
 */
export const Actor = z.object({ sub: z.string().min(1), scopes: z.array(z.string()) });
export type Actor = z.infer<typeof Actor>;

/** The one JSON envelope every command and event travels in. */
export const EnvelopeSchema = z.object({
  type: z.string().min(1),
  version: z.number().int().min(1),
  id: uuid,
  correlationId: uuid,
  causationId: uuid.nullable(),
  occurredAt: isoDateTime,
  /** The aggregate id: ordering key on the bus. */
  key: z.string().min(1),
  payload: z.unknown(),
  /** Required on commands (parseMessage refuses a command without one); null on events no identity caused. */
  actor: Actor.nullable().default(null),
  /**
   * W3C Trace Context of the work that produced the message (OpenTelemetry): the consumer's span continues the same
   * trace. Absent when tracing is off. An id pair and flags only, never data.
   */
  traceparent: traceparent.optional(),
});

export interface Envelope<Type extends string = string, Payload = unknown> {
  type: Type;
  version: number;
  id: string;
  correlationId: string;
  causationId: string | null;
  occurredAt: string;
  key: string;
  payload: Payload;
  actor: Actor | null;
  traceparent?: string;
}

export interface EnvelopeOrigin {
  correlationId: string;
  /** The message that caused this one (a command causes events; an event causes a commission). */
  causationId?: string | null;
  actor?: Actor | null;
  /** The W3C traceparent of the producing span (see EnvelopeSchema.traceparent); per message, never inherited. */
  traceparent?: string;
}

/** A command always names who issued it. */
export interface CommandOrigin extends EnvelopeOrigin {
  actor: Actor;
}

export type OriginOf<Type extends string> = Type extends CommandType ? CommandOrigin : EnvelopeOrigin;

export function createEnvelope<Type extends string, Payload>(
  type: Type,
  key: string,
  payload: Payload,
  origin: OriginOf<Type>,
  /** Default: the version the catalog says producers write now (1 for a type outside the catalog). */
  version = isMessageType(type) ? currentVersionOf(type) : 1,
): Envelope<Type, Payload> {
  return {
    type,
    version,
    id: uuidv7(),
    correlationId: origin.correlationId,
    causationId: origin.causationId ?? null,
    occurredAt: new Date().toISOString(),
    key,
    payload,
    actor: origin.actor ?? null,
    ...(origin.traceparent ? { traceparent: origin.traceparent } : {}),
  };
}

/** Continues a flow: same correlation id and actor, caused by the given message. */
export function causedBy(message: Pick<Envelope, 'id' | 'correlationId'> & { actor?: Actor | null }): EnvelopeOrigin {
  return { correlationId: message.correlationId, causationId: message.id, actor: message.actor ?? null };
}
