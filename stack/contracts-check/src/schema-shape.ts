import type { JsonSchema } from './json-schemas.js';
import { propertiesOf, requiredOf, resolveSchema } from './schema-walk.js';

/** Keywords that document a schema without changing what it accepts. */
const ANNOTATIONS = new Set(['description', 'title', 'examples', 'deprecated', '$comment']);

export interface Field {
  schema: JsonSchema;
  required: boolean;
}

/** A JSON Schema reduced to what a consumer depends on: its kind, whether null is allowed, and its parts. */
export type Shape =
  | { kind: 'object'; nullable: boolean; fields: Map<string, Field>; additional: string }
  | { kind: 'array'; nullable: boolean; items: JsonSchema }
  | { kind: 'map'; nullable: boolean; values: JsonSchema }
  | { kind: 'value'; nullable: boolean; schema: JsonSchema };

export function shapeOf(input: JsonSchema, components: Record<string, JsonSchema>): Shape {
  const { schema, nullable } = withoutNull(resolveSchema(input, components), components);
  if (schema.type === 'object' && schema.properties !== undefined) {
    const required = requiredOf(schema);
    const fields = new Map(
      Object.entries(propertiesOf(schema)).map(([name, field]): [string, Field] => [name, { schema: field, required: required.has(name) }]),
    );
    return { kind: 'object', nullable, fields, additional: canonical(schema.additionalProperties ?? true, components) };
  }
  if (schema.type === 'object' && typeof schema.additionalProperties === 'object') {
    return { kind: 'map', nullable, values: schema.additionalProperties as JsonSchema };
  }
  if (schema.type === 'array' && typeof schema.items === 'object') return { kind: 'array', nullable, items: schema.items as JsonSchema };
  return { kind: 'value', nullable, schema };
}

/** zod writes a nullable value as `anyOf: [X, {type: null}]` or `type: [T, "null"]`. */
function withoutNull(schema: JsonSchema, components: Record<string, JsonSchema>): { schema: JsonSchema; nullable: boolean } {
  const anyOf = schema.anyOf;
  if (Array.isArray(anyOf) && anyOf.length === 2 && Object.keys(schema).length === 1) {
    const other = (anyOf as JsonSchema[]).filter((branch) => !isNullType(branch));
    if (other.length === 1) return { schema: resolveSchema(other[0]!, components), nullable: true };
  }
  if (Array.isArray(schema.type) && schema.type.includes('null')) {
    const types = schema.type.filter((type) => type !== 'null');
    return { schema: { ...schema, type: types.length === 1 ? types[0] : types }, nullable: true };
  }
  return { schema, nullable: false };
}

function isNullType(schema: JsonSchema): boolean {
  return schema.type === 'null' && Object.keys(schema).length === 1;
}

/** A stable text of what a schema accepts: references followed, annotations dropped, keys sorted. */
export function canonical(value: unknown, components: Record<string, JsonSchema>, depth = 0): string {
  if (depth > 64) return '…';
  if (Array.isArray(value)) return `[${value.map((item) => canonical(item, components, depth + 1)).join(',')}]`;
  if (typeof value !== 'object' || value === null) return JSON.stringify(value);
  const schema = resolveSchema(value as JsonSchema, components);
  const entries = Object.keys(schema)
    .filter((key) => !ANNOTATIONS.has(key))
    .sort()
    .map((key) => `${JSON.stringify(key)}:${canonical(schema[key], components, depth + 1)}`);
  return `{${entries.join(',')}}`;
}

/** How a value schema reads in a report: `string (uuid)`, `enum [DRAFT, ACTIVE]`, `integer`. */
export function describeValue(schema: JsonSchema): string {
  if (Array.isArray(schema.enum)) return `enum [${schema.enum.map(String).join(', ')}]`;
  if (schema.const !== undefined) return `const ${JSON.stringify(schema.const)}`;
  const type = Array.isArray(schema.type) ? schema.type.join(' | ') : typeof schema.type === 'string' ? schema.type : 'any';
  return typeof schema.format === 'string' ? `${type} (${schema.format})` : type;
}
