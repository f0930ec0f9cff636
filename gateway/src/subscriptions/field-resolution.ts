import type { GraphQLFieldResolver } from 'graphql';

/**
 * A value whose fields the gateway itself builds (an event's eventoId/ocurridoEn/…, a command's state):
 * resolved by field NAME, except its hydrated entity field, which is keyed by the client's response key.
 */
export class GatewayBuiltObject {
  constructor(
    readonly fields: Readonly<Record<string, unknown>>,
    readonly entityField?: string,
    readonly entityByResponseKey: Readonly<Record<string, unknown>> = {},
  ) {}

  resolve(fieldName: string, responseKey: string): unknown {
    if (fieldName === this.entityField) return this.entityByResponseKey[responseKey];
    return this.fields[fieldName];
  }
}

/**
 * The field resolver for subscription execution. The root field returns the event itself; objects the gateway
 * built resolve by name; hydrated data came back from the gateway keyed by the client's RESPONSE keys
 * (aliases), so it is read by `info.path.key`, falling back to the field name. A GraphQLError in place of a
 * value becomes a field error on that event (graphql-js throws returned Errors).
 */
export const resolveByResponseKey: GraphQLFieldResolver<unknown, unknown> = (source, _args, _context, info) => {
  if (info.parentType === info.schema.getSubscriptionType()) return source;
  if (source instanceof GatewayBuiltObject) return source.resolve(info.fieldName, String(info.path.key));
  if (typeof source !== 'object' || source === null) return undefined;
  const record = source as Record<string, unknown>;
  const responseKey = String(info.path.key);
  return Object.hasOwn(record, responseKey) ? record[responseKey] : record[info.fieldName];
};
