import { v7 as uuidv7 } from 'uuid';
import { z } from 'zod';
import { currentVersionOf, isMessageType } from './catalog.js';
import { isoDateTime, uuid } from './primitives.js';

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
}

export interface EnvelopeOrigin {
  correlationId: string;
  /** The message that caused this one (a command causes events; an event causes a commission). */
  causationId?: string | null;
}

export function createEnvelope<Type extends string, Payload>(
  type: Type,
  key: string,
  payload: Payload,
  origin: EnvelopeOrigin,
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
  };
}

/** Continues a flow: same correlation id, caused by the given message. */
export function causedBy(message: Pick<Envelope, 'id' | 'correlationId'>): EnvelopeOrigin {
  return { correlationId: message.correlationId, causationId: message.id };
}
