import type { JsonSchema } from './json-schemas.js';
import { canonical, describeValue, shapeOf, type Shape } from './schema-shape.js';

export type FieldChangeKind =
  | 'FIELD_REMOVED'
  | 'FIELD_TYPE_CHANGED'
  | 'FIELD_NULLABILITY_CHANGED'
  | 'FIELD_MADE_REQUIRED'
  | 'FIELD_MADE_OPTIONAL'
  | 'REQUIRED_FIELD_ADDED'
  | 'OPTIONAL_FIELD_ADDED';

export interface FieldChange {
  kind: FieldChangeKind;
  /** `campana.nombre`, `tags[]`, `metadata.*`; empty for the payload itself. */
  path: string;
  description: string;
  breaking: boolean;
}

interface Sides {
  base: Record<string, JsonSchema>;
  next: Record<string, JsonSchema>;
}

const MAX_DEPTH = 32;

/**
 * Every change between two versions of one schema, field by field. Only adding an optional field is safe: a message
 * is read both by consumers still on the previous contract and, after a deploy, by consumers on the new one reading
 * messages already on the topic, so a change is safe only when each side accepts what the other writes.
 */
export function diffPayload(base: JsonSchema, next: JsonSchema, components: Sides, path = '', depth = 0): FieldChange[] {
  if (depth > MAX_DEPTH) return [];
  const before = shapeOf(base, components.base);
  const after = shapeOf(next, components.next);
  const changes: FieldChange[] = [];
  const breaking = (kind: FieldChangeKind, description: string, at = path): void => void changes.push({ kind, path: at, description, breaking: true });

  if (before.nullable !== after.nullable) {
    breaking(
      'FIELD_NULLABILITY_CHANGED',
      after.nullable ? 'may now be null: consumers on the previous contract reject it' : 'no longer nullable: messages already on the topic may hold null',
    );
  }
  if (before.kind !== after.kind) {
    breaking('FIELD_TYPE_CHANGED', `type changed from ${kindLabel(before)} to ${kindLabel(after)}`);
    return changes;
  }
  if (before.kind === 'array' && after.kind === 'array') return [...changes, ...diffPayload(before.items, after.items, components, `${path}[]`, depth + 1)];
  if (before.kind === 'map' && after.kind === 'map') return [...changes, ...diffPayload(before.values, after.values, components, join(path, '*'), depth + 1)];
  if (before.kind === 'value' && after.kind === 'value') {
    const difference = valueDifference(before.schema, after.schema, components);
    if (difference) breaking('FIELD_TYPE_CHANGED', difference);
    return changes;
  }
  if (before.kind === 'object' && after.kind === 'object') {
    if (before.additional !== after.additional) breaking('FIELD_TYPE_CHANGED', 'which unknown fields are accepted changed');
    changes.push(...diffFields(before.fields, after.fields, components, path, depth));
  }
  return changes;
}

function diffFields(
  before: Map<string, { schema: JsonSchema; required: boolean }>,
  after: typeof before,
  components: Sides,
  path: string,
  depth: number,
): FieldChange[] {
  const changes: FieldChange[] = [];
  for (const [name, field] of before) {
    const at = join(path, name);
    const next = after.get(name);
    if (!next) {
      changes.push({ kind: 'FIELD_REMOVED', path: at, description: 'field removed', breaking: true });
      continue;
    }
    if (!field.required && next.required) {
      changes.push({
        kind: 'FIELD_MADE_REQUIRED',
        path: at,
        description: 'optional field made required: messages already on the topic may lack it',
        breaking: true,
      });
    } else if (field.required && !next.required) {
      changes.push({
        kind: 'FIELD_MADE_OPTIONAL',
        path: at,
        description: 'required field made optional: consumers on the previous contract reject messages without it',
        breaking: true,
      });
    }
    changes.push(...diffPayload(field.schema, next.schema, components, at, depth + 1));
  }
  for (const [name, field] of after) {
    if (before.has(name)) continue;
    changes.push(
      field.required
        ? { kind: 'REQUIRED_FIELD_ADDED', path: join(path, name), description: 'required field added: messages already on the topic lack it', breaking: true }
        : { kind: 'OPTIONAL_FIELD_ADDED', path: join(path, name), description: 'optional field added', breaking: false },
    );
  }
  return changes;
}

function valueDifference(before: JsonSchema, after: JsonSchema, components: Sides): string | undefined {
  if (canonical(before, components.base) === canonical(after, components.next)) return undefined;
  if (Array.isArray(before.enum) && Array.isArray(after.enum)) {
    const removed = before.enum.filter((value) => !(after.enum as unknown[]).includes(value));
    const added = after.enum.filter((value) => !(before.enum as unknown[]).includes(value));
    const parts = [removed.length > 0 ? `removed ${removed.join(', ')}` : '', added.length > 0 ? `added ${added.join(', ')}` : ''].filter(Boolean);
    if (parts.length > 0) return `enum values changed: ${parts.join('; ')}`;
  }
  const [from, to] = [describeValue(before), describeValue(after)];
  if (from !== to) return `type changed from ${from} to ${to}`;
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].filter(
    (key) => canonical(before[key], components.base) !== canonical(after[key], components.next),
  );
  return `${from} accepts other values: ${keys.map((key) => `${key} ${shown(before[key])} → ${shown(after[key])}`).join(', ')}`;
}

function kindLabel(shape: Shape): string {
  return shape.kind === 'value' ? describeValue(shape.schema) : shape.kind;
}

function shown(value: unknown): string {
  if (value === undefined) return '(none)';
  const text = JSON.stringify(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

function join(path: string, name: string): string {
  return path === '' ? name : `${path}.${name}`;
}
