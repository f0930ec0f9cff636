import { findBreakingChanges, findDangerousChanges, type BreakingChangeType, type DangerousChangeType, type GraphQLSchema } from 'graphql';

export interface SchemaChange {
  /** graphql-js's change category, e.g. FIELD_REMOVED, REQUIRED_ARG_ADDED, VALUE_ADDED_TO_ENUM. */
  type: string;
  /** Schema coordinate of what changed: `Type`, `Type.field`, `Type.field(arg:)`, `Enum.VALUE`, `@directive`. */
  coordinate: string;
  description: string;
}

export interface SchemaDiff {
  breaking: SchemaChange[];
  dangerous: SchemaChange[];
}

/** Breaking changes fail a check, dangerous ones warn; additions graphql-js reports neither way are safe. */
export function diffSchemas(base: GraphQLSchema, next: GraphQLSchema): SchemaDiff {
  return {
    breaking: findBreakingChanges(base, next).map(({ type, description }) => toChange(type, description)),
    dangerous: findDangerousChanges(base, next).map(({ type, description }) => toChange(type, description)),
  };
}

type Coordinate = (groups: string[]) => string;

const NAME = '([_A-Za-z][_0-9A-Za-z]*)';
const field: Coordinate = ([type, name]) => `${type}.${name}`;
const argument: Coordinate = ([type, name, arg]) => `${type}.${name}(${arg}:)`;

/** graphql-js 16 describes each change in a fixed sentence; each pattern recovers the coordinate from it. */
const PATTERNS: Record<BreakingChangeType | DangerousChangeType, [RegExp, Coordinate][]> = {
  TYPE_REMOVED: [
    [new RegExp(`^Standard scalar ${NAME} was removed`), ([type]) => `${type}`],
    [new RegExp(`^${NAME} was removed\\.$`), ([type]) => `${type}`],
  ],
  TYPE_CHANGED_KIND: [[new RegExp(`^${NAME} changed from `), ([type]) => `${type}`]],
  TYPE_REMOVED_FROM_UNION: [[new RegExp(`^${NAME} was removed from union type ${NAME}\\.$`), ([member, union]) => `${union} (${member})`]],
  TYPE_ADDED_TO_UNION: [[new RegExp(`^${NAME} was added to union type ${NAME}\\.$`), ([member, union]) => `${union} (${member})`]],
  VALUE_REMOVED_FROM_ENUM: [[new RegExp(`^${NAME} was removed from enum type ${NAME}\\.$`), ([value, type]) => `${type}.${value}`]],
  VALUE_ADDED_TO_ENUM: [[new RegExp(`^${NAME} was added to enum type ${NAME}\\.$`), ([value, type]) => `${type}.${value}`]],
  REQUIRED_INPUT_FIELD_ADDED: [[new RegExp(`^A required field ${NAME} on input type ${NAME} was added`), ([name, type]) => `${type}.${name}`]],
  OPTIONAL_INPUT_FIELD_ADDED: [[new RegExp(`^An optional field ${NAME} on input type ${NAME} was added`), ([name, type]) => `${type}.${name}`]],
  IMPLEMENTED_INTERFACE_ADDED: [[new RegExp(`^${NAME} added to interfaces implemented by ${NAME}\\.$`), ([iface, type]) => `${type} (${iface})`]],
  IMPLEMENTED_INTERFACE_REMOVED: [[new RegExp(`^${NAME} no longer implements interface ${NAME}\\.$`), ([type, iface]) => `${type} (${iface})`]],
  FIELD_REMOVED: [[new RegExp(`^${NAME}\\.${NAME} was removed\\.$`), field]],
  FIELD_CHANGED_KIND: [[new RegExp(`^${NAME}\\.${NAME} changed type from `), field]],
  ARG_REMOVED: [[new RegExp(`^${NAME}\\.${NAME} arg ${NAME} was removed`), argument]],
  ARG_CHANGED_KIND: [[new RegExp(`^${NAME}\\.${NAME} arg ${NAME} has changed type`), argument]],
  ARG_DEFAULT_VALUE_CHANGE: [[new RegExp(`^${NAME}\\.${NAME} arg ${NAME} (?:defaultValue was removed|has changed defaultValue)`), argument]],
  REQUIRED_ARG_ADDED: [[new RegExp(`^A required arg ${NAME} on ${NAME}\\.${NAME} was added`), ([arg, type, name]) => `${type}.${name}(${arg}:)`]],
  OPTIONAL_ARG_ADDED: [[new RegExp(`^An optional arg ${NAME} on ${NAME}\\.${NAME} was added`), ([arg, type, name]) => `${type}.${name}(${arg}:)`]],
  DIRECTIVE_REMOVED: [[new RegExp(`^${NAME} was removed\\.$`), ([directive]) => `@${directive}`]],
  DIRECTIVE_ARG_REMOVED: [[new RegExp(`^${NAME} was removed from ${NAME}\\.$`), ([arg, directive]) => `@${directive}(${arg}:)`]],
  REQUIRED_DIRECTIVE_ARG_ADDED: [[new RegExp(`^A required arg ${NAME} on directive ${NAME} was added`), ([arg, directive]) => `@${directive}(${arg}:)`]],
  DIRECTIVE_REPEATABLE_REMOVED: [[new RegExp(`from ${NAME}\\.$`), ([directive]) => `@${directive}`]],
  DIRECTIVE_LOCATION_REMOVED: [[new RegExp(`^${NAME} was removed from ${NAME}\\.$`), ([location, directive]) => `@${directive} (${location})`]],
};

export function toChange(type: string, description: string): SchemaChange {
  for (const [pattern, coordinate] of PATTERNS[type as keyof typeof PATTERNS] ?? []) {
    const match = pattern.exec(description);
    if (match) return { type, coordinate: coordinate(match.slice(1)), description };
  }
  return { type, coordinate: description.replace(/\.$/, ''), description };
}
