/**
 * Many rows in one statement parameter: the rows go as one JSON text (rowsAsJson) and the statement reads them with
 * `jsonb_to_recordset` (fromJsonRows). A worker's multi-row writes (inbox, outbox, projections, new campaigns, their
 * historial) use it instead of one array parameter per column (`unnest($1::uuid[], $2::text[], …)`): arrays cost the
 * worker's process per element (Prisma's argument mapping, then pg's array literal with a regex escape of every
 * element, an outbox envelope's every quote among them), one JSON text costs one native JSON.stringify. PostgreSQL
 * parses the text once (jsonb); a jsonb column (an envelope) is taken as parsed, a text[] column from a JSON array.
 */

/** The value of a fromJsonRows parameter: the rows as a JSON array of objects, keyed as the column list names them. */
export const rowsAsJson = (rows: readonly object[]): string => JSON.stringify(rows);

/**
 * `jsonb_to_recordset($n::jsonb) AS alias("field" type, …)`: the FROM item that reads the rows of rowsAsJson, one column
 * per field named as the rows' keys (quoted: camelCase stays). A field a row lacks (or holds null) reads as NULL.
 * Without an alias it fits inside `ROWS FROM (…) WITH ORDINALITY AS alias(…)`, which keeps the rows' order.
 */
export function fromJsonRows<Row extends object>(parameter: number, columns: { readonly [Field in keyof Row & string]?: string }, alias = ''): string {
  const list = Object.entries(columns).map(([field, type]) => `"${field}" ${type as string}`);
  return `jsonb_to_recordset($${parameter}::jsonb) AS ${alias}(${list.join(', ')})`;
}

/**
 * A PostgreSQL array literal of integers read from the database (bigint columns come back as bigint or string): one
 * text parameter to cast (`$1::bigint[]`) instead of an array the driver escapes element by element.
 */
export function integerArrayLiteral(values: readonly (bigint | string)[]): string {
  return `{${values.join(',')}}`;
}
