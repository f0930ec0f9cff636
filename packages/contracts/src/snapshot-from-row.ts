import type { z } from 'zod';
import { isoDate } from './primitives.js';

/** A snapshot's schema: an object whose fields are the entity's, each as an event carries it. */
type SnapshotSchema = z.ZodObject;

/** Something with decimals (Prisma's Decimal, decimal.js): carried as a 2-decimal string. */
const isDecimal = (value: unknown): value is { toFixed(places: number): string } =>
  typeof value === 'object' && value !== null && !(value instanceof Date) && typeof (value as { toFixed?: unknown }).toFixed === 'function';

/** The field's schema without its nullable/optional wrappers (zod 4: unwrap()). */
function innerSchema(schema: z.ZodType): z.ZodType {
  let inner = schema as z.ZodType & { unwrap?: () => z.ZodType };
  while (typeof inner.unwrap === 'function') inner = inner.unwrap() as z.ZodType & { unwrap?: () => z.ZodType };
  return inner;
}

/**
 * An entity row (Prisma's, plus what the row lacks, e.g. afiliadoIds) as its event snapshot: every field the snapshot
 * schema names is taken from the row (decimals as "120.50", a date field as YYYY-MM-DD, other dates as ISO 8601), the
 * rest of the row is left out, and the result is parsed with the schema. So a field added to the snapshot in
 * packages/contracts is carried without editing any mapper; a row that lacks it fails the typecheck (and the parse).
 */
export function snapshotFromRow<Schema extends SnapshotSchema>(schema: Schema, row: { [Field in keyof z.output<Schema>]-?: unknown }): z.output<Schema> {
  const values: Record<string, unknown> = {};
  for (const [field, fieldSchema] of Object.entries(schema.shape as Record<string, z.ZodType>)) {
    const value = (row as Record<string, unknown>)[field];
    if (value instanceof Date) values[field] = innerSchema(fieldSchema) === isoDate ? value.toISOString().slice(0, 10) : value.toISOString();
    else values[field] = isDecimal(value) ? value.toFixed(2) : value;
  }
  return schema.parse(values);
}
