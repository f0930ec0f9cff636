import { describe, expect, it } from 'vitest';
import { diffPayload } from '../src/payload-diff.js';

const UUID = { type: 'string', format: 'uuid' };
const objectOf = (properties: Record<string, unknown>, required = Object.keys(properties)) => ({ type: 'object', properties, required });
const diff = (base: Record<string, unknown>, next: Record<string, unknown>, components: Record<string, Record<string, unknown>> = {}) =>
  diffPayload(base, next, { base: components, next: components }).map(({ kind, path, breaking }) => `${breaking ? 'breaking' : 'safe'} ${kind} ${path}`);

describe('payload diff, field by field', () => {
  it('names array items with [] and map values with .*', () => {
    const base = objectOf({ tags: { type: 'array', items: { type: 'string' } }, metadata: { type: 'object', additionalProperties: { type: 'string' } } });
    const next = objectOf({ tags: { type: 'array', items: { type: 'integer' } }, metadata: { type: 'object', additionalProperties: { type: 'number' } } });

    expect(diff(base, next)).toEqual(['breaking FIELD_TYPE_CHANGED tags[]', 'breaking FIELD_TYPE_CHANGED metadata.*']);
  });

  it('a field that may now be null is breaking; a description, or the same schema moved behind a $ref, is no change', () => {
    const base = objectOf({ id: UUID, motivo: { type: 'string' } });

    expect(diff(base, objectOf({ id: UUID, motivo: { anyOf: [{ type: 'string' }, { type: 'null' }] } }))).toEqual([
      'breaking FIELD_NULLABILITY_CHANGED motivo',
    ]);
    expect(diff(base, objectOf({ id: { ...UUID, description: 'the id' }, motivo: { type: 'string' } }))).toEqual([]);
    expect(
      diff(base, objectOf({ id: { $ref: '#/components/schemas/Uuid' }, motivo: { allOf: [{ $ref: '#/components/schemas/Texto' }] } }), {
        Uuid: UUID,
        Texto: { type: 'string' },
      }),
    ).toEqual([]);
  });

  it('a narrower or wider constraint is breaking: one side rejects what the other writes', () => {
    const base = objectOf({ nombre: { type: 'string', minLength: 1 } });

    const [change] = diffPayload(base, objectOf({ nombre: { type: 'string', minLength: 3 } }), { base: {}, next: {} });

    expect(change).toMatchObject({ kind: 'FIELD_TYPE_CHANGED', path: 'nombre', breaking: true, description: 'string accepts other values: minLength 1 → 3' });
  });
});
