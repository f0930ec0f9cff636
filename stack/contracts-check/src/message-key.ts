import { ENVELOPE_ID, type JsonSchema } from './json-schemas.js';
import { propertiesOf, requiredOf, resolveSchema } from './schema-walk.js';

/** `payload.campana.id` → `$message.payload#/payload/campana/id`: AsyncAPI's runtime expression (the message payload is the envelope). */
export function keyLocation(keyPath: string): string {
  return `$message.payload#/${keyPath.split('.').join('/')}`;
}

/**
 * Checks that a catalog key path names a required string field of the envelope (`correlationId`) or of the
 * payload (`payload.campana.id`), so the document never promises an ordering key a message does not carry.
 * Returns the problem, or undefined.
 */
export function keyPathProblem(keyPath: string, payloadId: string, components: Record<string, JsonSchema>): string | undefined {
  const [first, ...rest] = keyPath.split('.');
  const walk =
    first === 'payload'
      ? { schema: components[payloadId], names: rest, at: 'payload' }
      : { schema: components[ENVELOPE_ID], names: [first!, ...rest], at: 'envelope' };
  if (!walk.schema || walk.names.length === 0) return `key ${keyPath} names no field`;
  let schema = resolveSchema(walk.schema, components);
  let at = walk.at;
  for (const name of walk.names) {
    if (!Object.hasOwn(propertiesOf(schema), name)) return `key ${keyPath}: ${at} has no field ${name}`;
    if (!requiredOf(schema).has(name)) return `key ${keyPath}: ${at}.${name} is optional, and a key must always be present`;
    schema = resolveSchema(propertiesOf(schema)[name]!, components);
    at = `${at}.${name}`;
  }
  return schema.type === 'string' ? undefined : `key ${keyPath}: ${at} is not a string`;
}
