/**
 * The SELECT list of a raw query that reads whole rows of a model: every scalar field of the model, as its column
 * (snake_case, the @map convention of every schema.prisma here) aliased back to the field name. `fields` is the
 * generated client's `Prisma.<Model>ScalarFieldEnum`, so a field added to the schema is selected without an edit; a
 * column that does not follow the convention fails the query (and its test) instead of going missing silently.
 * Enum columns are read as text: the driver adapter has no decoder for a database enum type.
 */
export function selectColumns<Field extends string>(fields: Readonly<Record<string, Field>>, alias: string, enumFields: readonly Field[] = []): string {
  return Object.values(fields)
    .map((field) => {
      const column = `${alias}.${field.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`)}`;
      return `${enumFields.includes(field) ? `${column}::text` : column} AS "${field}"`;
    })
    .join(', ');
}
