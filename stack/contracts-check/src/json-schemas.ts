import { acceptedVersions } from '@alpes/contracts';
import { z } from 'zod';
import type { ContractsSource } from './load-contracts.js';
import { compareNames, messageId } from './names.js';

export type JsonSchema = Record<string, unknown>;

export const SCHEMA_REF_PREFIX = '#/components/schemas/';
export const ENVELOPE_ID = 'Envelope';

export interface SchemaComponents {
  /** components.schemas of the document, by id in code-point order. */
  schemas: Record<string, JsonSchema>;
  /** The component id a zod schema was given (payloads: `CampanaCreada.v1`; shared pieces: their export name). */
  idOf(schema: z.ZodType): string;
}

/**
 * Every payload version, the envelope and every named shared schema as JSON Schema (zod's `z.toJSONSchema`,
 * draft-07 as AsyncAPI 3.0 expects), one component each, referring to each other by `$ref`. The input side is
 * described (`io: 'input'`): what consumers accept, so an unknown field is allowed (zod strips it) and an optional
 * one may be missing.
 */
export function buildSchemaComponents(source: ContractsSource): SchemaComponents {
  const registry = z.registry<{ id: string }>();
  const ids = new Set<string>();
  const register = (schema: z.ZodType, id: string): void => {
    if (registry.has(schema)) return;
    if (ids.has(id)) throw new Error(`Two different schemas would both be the component ${id}: rename one of them`);
    ids.add(id);
    registry.add(schema, { id });
  };
  register(source.envelope, ENVELOPE_ID);
  for (const type of Object.keys(source.catalog).sort(compareNames)) {
    for (const [version, schema] of acceptedVersions(source.catalog[type]!)) register(schema, messageId(type, version));
  }
  for (const [name, schema] of source.namedSchemas) register(schema, name);

  const converted = z.toJSONSchema(registry, { target: 'draft-07', io: 'input', uri: (id) => `${SCHEMA_REF_PREFIX}${id}` });
  const schemas: Record<string, JsonSchema> = {};
  for (const id of Object.keys(converted.schemas).sort(compareNames)) {
    const { $schema: _schema, $id: _id, ...schema } = converted.schemas[id] as JsonSchema;
    schemas[id] = schema;
  }
  return {
    schemas,
    idOf: (schema) => {
      const id = registry.get(schema)?.id;
      if (id === undefined) throw new Error('a payload schema was not registered');
      return id;
    },
  };
}
