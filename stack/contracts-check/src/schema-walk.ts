import { SCHEMA_REF_PREFIX, type JsonSchema } from './json-schemas.js';

/** Follows `$ref`s into components.schemas and unwraps a lone `allOf` (zod's way to put a $ref beside other keywords). */
export function resolveSchema(schema: JsonSchema, components: Record<string, JsonSchema>, seen = new Set<string>()): JsonSchema {
  const ref = schema.$ref;
  if (typeof ref === 'string' && ref.startsWith(SCHEMA_REF_PREFIX)) {
    const id = ref.slice(SCHEMA_REF_PREFIX.length);
    const target = components[id];
    if (!target) throw new Error(`unresolved reference ${ref}`);
    if (seen.has(id)) return target;
    return resolveSchema(target, components, new Set(seen).add(id));
  }
  const allOf = schema.allOf;
  if (Array.isArray(allOf) && allOf.length === 1 && Object.keys(schema).length === 1) {
    return resolveSchema(allOf[0] as JsonSchema, components, seen);
  }
  return schema;
}

export function propertiesOf(schema: JsonSchema): Record<string, JsonSchema> {
  const properties = schema.properties;
  return typeof properties === 'object' && properties !== null ? (properties as Record<string, JsonSchema>) : {};
}

export function requiredOf(schema: JsonSchema): Set<string> {
  return new Set(Array.isArray(schema.required) ? schema.required.filter((name): name is string => typeof name === 'string') : []);
}
