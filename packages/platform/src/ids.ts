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
