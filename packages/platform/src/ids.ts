import { v7 as uuidv7, validate as isUuid } from 'uuid';
import { badUserInput } from './graphql/errors.js';

/** New entity / message id: UUIDv7, so ids sort by creation time (keyset pagination on the primary key). */
export function newId(at?: Date): string {
  return at ? uuidv7({ msecs: at.getTime() }) : uuidv7();
}

export function isValidId(value: string): boolean {
  return isUuid(value);
}

/** Parses a client-supplied id; a malformed one is BAD_USER_INPUT naming the argument. */
export function parseId(value: string, field: string): string {
  if (!isUuid(value)) throw badUserInput(`${field} must be a UUID, got "${value}"`, field);
  return value.toLowerCase();
}

export function parseOptionalId(value: string | null | undefined, field: string): string | undefined {
  return value == null ? undefined : parseId(value, field);
}

/**
 * The id of an entity representation sent by the gateway, normalised (lowercase UUID), or null when it cannot
 * be one of ours: `_entities` then answers null for it instead of failing the whole batch.
 */
export function referenceId(reference: { id: string }): string | null {
  return typeof reference.id === 'string' && isUuid(reference.id) ? reference.id.toLowerCase() : null;
}

/** __resolveReference of an entity this subgraph only extends: the normalised stub, or null. */
export function entityStub(reference: { id: string }): { id: string } | null {
  const id = referenceId(reference);
  return id ? { id } : null;
}
