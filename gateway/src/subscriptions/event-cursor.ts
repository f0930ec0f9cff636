import { badUserInput } from '@alpes/platform';
import type { GraphQLError } from 'graphql';

/** Where an event sits on the bus: its topic and the transport's opaque message id. */
export interface EventPosition {
  topic: string;
  messageId: string;
}

const BASE64URL = /^[A-Za-z0-9_-]+$/;

/** An eventoId: URL-safe and opaque to clients (base64url of `topic\nmessageId`). */
export function encodeEventoId(position: EventPosition): string {
  return Buffer.from(`${position.topic}\n${position.messageId}`, 'utf8').toString('base64url');
}

/** The position an eventoId names, or undefined when it is not one this gateway produced. */
export function decodeEventoId(eventoId: string): EventPosition | undefined {
  if (!BASE64URL.test(eventoId)) return undefined;
  const text = Buffer.from(eventoId, 'base64url').toString('utf8');
  const separator = text.indexOf('\n');
  if (separator <= 0) return undefined;
  const position = { topic: text.slice(0, separator), messageId: text.slice(separator + 1) };
  if (!position.messageId || position.messageId.includes('\n')) return undefined;
  // Only the canonical spelling is accepted: anything else was altered or made up.
  return encodeEventoId(position) === eventoId ? position : undefined;
}

/** The bus message id behind an eventoId of `topic`; a BAD_USER_INPUT error naming `argument` otherwise. */
export function messageIdForTopic(eventoId: string, topic: string, argument: string): string {
  const position = decodeEventoId(eventoId);
  if (!position) throw invalidEventoId(argument, 'is not an eventoId');
  if (position.topic !== topic) throw invalidEventoId(argument, 'is an eventoId of another event stream');
  return position.messageId;
}

export function invalidEventoId(argument: string, problem: string): GraphQLError {
  return badUserInput(`${argument}: ${problem}; pass the eventoId of an event this subscription delivered`, argument);
}
